from django.apps import AppConfig


class RemixConfig(AppConfig):
    # Lineage between posts and the remix flow land here (remix issue).
    name = "remix"
