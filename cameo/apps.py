from django.apps import AppConfig


class CameoConfig(AppConfig):
    name = "cameo"
    verbose_name = "Cameos"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (consent at submit and at worker start)
