from django.apps import AppConfig


class RemixConfig(AppConfig):
    name = "remix"
    verbose_name = "Remixes"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (a finished remix joins its parent's lineage)
