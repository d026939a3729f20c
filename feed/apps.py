from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "feed"
    verbose_name = "Feed"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects to generation's and auth's signals)
