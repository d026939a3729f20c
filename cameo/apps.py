from django.apps import AppConfig


class CameoConfig(AppConfig):
    # Verification, consent tiers, appearances and co-ownership land here (cameo issue).
    name = "cameo"
