"""Where private files live: cameo recordings and portraits, never under a public media URL."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, cached_property, empty


class PrivateFileStorage(FileSystemStorage):
    """Files kept outside MEDIA_ROOT and without a URL: only access-checked views read them.

    The folder is read from ``SORA_PRIVATE_ROOT`` when first needed (and again after a settings
    change), so tests can point it at a temporary folder.
    """

    @cached_property
    def base_location(self) -> str:
        return str(settings.SORA_PRIVATE_ROOT)

    @cached_property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def _clear_cached_properties(self, setting, **kwargs) -> None:
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "SORA_PRIVATE_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a checked view.")


class PrivateStorage(LazyObject):
    """``STORAGES["private"]``, looked up when first used, as ``default_storage`` is.

    A FileField calls its storage callable once, when its model class is made; through this
    proxy the fields still follow STORAGES when a test (or anything else) changes it.
    """

    def _setup(self) -> None:
        self._wrapped = storages["private"]


_private = PrivateStorage()


@receiver(setting_changed)
def _private_reset(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage() -> Storage:
    """The storage for biometric and other private files (``STORAGES["private"]``)."""
    return _private
