from django.apps import AppConfig


class GenerationConfig(AppConfig):
    name = "generation"
    verbose_name = "Generation"

    def ready(self) -> None:
        # Registers the startup checks, and the receiver that keeps remixes' credentials honest.
        from . import checks, receivers  # noqa: F401
