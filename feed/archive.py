"""The ZIP of "Download my data": planned first, then written member by member from storage.

Nothing is held whole in memory: each stored file is copied into the archive in 1 MiB chunks,
straight from its storage (local disk, S3…), so an account with hours of video costs a fixed
amount of memory. The archive is written to a local file; the caller moves it to storage.
"""

import json
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.files.storage import Storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.fields.files import FieldFile
from django.utils import timezone

CHUNK = 1024 * 1024
# Already compressed: stored as they are, so deflating a big account's videos costs no CPU for
# nothing. Text (data.json, the READMEs) is deflated.
STORED_SUFFIXES = {".mp4", ".webm", ".mov", ".jpg", ".jpeg", ".png", ".webp", ".gif", ".zip", ".wav"}
DATA_NAME = "data.json"


@dataclass
class _Member:
    name: str
    storage: Storage | None = None
    source: str = ""
    text: str | None = None
    size: int = 0


class ArchiveCancelled(Exception):
    """The progress callback said stop (the export was deleted while it was being written)."""


class ExportArchive:
    """What one person's export will hold: ``data`` (written as data.json, last) and members.

    Receivers of ``feed.signals.account_exporting`` add their app's part here; the feed writes it.
    """

    def __init__(self, *, user) -> None:
        self.user = user
        self.data: dict = {}
        self.missing: list[str] = []  # files that were listed but gone by the time they were read
        self._members: list[_Member] = []
        self._names = {DATA_NAME}

    @property
    def videos(self) -> list[dict]:
        """data.json's "videos": one dict per job, with "job_id"; other apps annotate these."""
        return self.data.setdefault("videos", [])

    @property
    def names(self) -> list[str]:
        return [member.name for member in self._members]

    def _claim(self, name: str) -> str:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise ValueError(f"Not a path inside the archive: {name!r}")
        name = str(path)
        if name in self._names:
            raise ValueError(f"{name} is in the archive already.")
        self._names.add(name)
        return name

    def add_file(self, name: str, field_file: FieldFile | None) -> str | None:
        """Copy this stored file into the archive as `name` (when written); None when there is no
        file. Returns the name inside the archive, for data.json to point at."""
        if not field_file:
            return None
        member = _Member(name=self._claim(name), storage=field_file.storage, source=field_file.name)
        self._members.append(member)
        return member.name

    def add_text(self, name: str, text: str) -> str:
        member = _Member(name=self._claim(name), text=text)
        self._members.append(member)
        return member.name

    def write(self, path: Path, *, on_progress: Callable[[str, float], bool], every: float = 0.5) -> int:
        """Write the ZIP to `path`; returns how many files it holds (data.json included).

        `on_progress(stage, fraction)` is called at most every `every` seconds and after each file;
        returning False stops the writing (ArchiveCancelled). A file that vanished from storage
        meanwhile is left out and listed in data.json's "missing_files".
        """
        total = 0
        for member in self._members:
            if member.text is not None:
                member.size = len(member.text.encode())
                continue
            try:
                member.size = member.storage.size(member.source)
            except (FileNotFoundError, OSError):
                member.size = 0
            total += member.size
        done, last = 0, 0.0
        stamp = timezone.localtime().timetuple()[:6]
        count = len(self._members) + 1

        def report(stage: str, force: bool = False) -> None:
            nonlocal last
            now = time.monotonic()
            if force or now - last >= every:
                last = now
                if on_progress(stage, done / total if total else 1.0) is False:
                    raise ArchiveCancelled()

        with zipfile.ZipFile(path, "w", allowZip64=True) as archive:
            for index, member in enumerate(self._members, start=1):
                stage = f"Adding {member.name} ({index} of {count})"
                info = zipfile.ZipInfo(member.name, date_time=stamp)
                info.external_attr = 0o644 << 16
                suffix = PurePosixPath(member.name).suffix.lower()
                info.compress_type = zipfile.ZIP_STORED if suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
                if member.text is not None:
                    archive.writestr(info, member.text.encode())
                    continue
                try:
                    source = member.storage.open(member.source, "rb")
                except (FileNotFoundError, OSError):
                    self.missing.append(member.name)
                    count -= 1
                    continue
                # The size known up front tells zipfile whether the member needs ZIP64 (over 2 GiB).
                info.file_size = member.size
                with source, archive.open(info, "w") as target:
                    while chunk := source.read(CHUNK):
                        target.write(chunk)
                        done += len(chunk)
                        report(stage)
                report(stage, force=True)
            if self.missing:
                self.data["missing_files"] = self.missing
            info = zipfile.ZipInfo(DATA_NAME, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            body = json.dumps(self.data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            archive.writestr(info, body.encode())
        return count
