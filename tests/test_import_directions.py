"""Apps import each other only along DESIGN.md's arrows: remix → cameo → feed → generation, and
remix, cameo and feed may each use generation. `sora/` sits above them all; an app may use its
small shared utilities (text, converters, storage, processes) but never the code that
composes the apps (commands, the demo, batch generation, settings, URLs, ASGI, the launcher).

The files are read with `ast`, not imported, so a wrong-way import inside a function, behind
TYPE_CHECKING, or through `importlib.import_module("…")` counts as much as one at the top.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb

ROOT = Path(__file__).resolve().parent.parent

MAY_IMPORT = {
    "generation": set(),
    "feed": {"generation"},
    "cameo": {"feed", "generation"},
    "remix": {"cameo", "feed", "generation"},
}
SORA_COMPOSITION = (
    "sora.management",
    "sora.demo",
    "sora.batch",
    "sora.settings",
    "sora.urls",
    "sora.asgi",
    "sora.launcher",
)


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def imported_modules(path: Path, *, package: str) -> Iterator[tuple[int, str]]:
    """(line, dotted module) for every import in the file; relative ones resolved against `package`.

    `from x import y` yields both `x` and `x.y`, since y may be a module (`from sora import batch`).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def _package_of(path: Path, root: Path) -> str:
    # A module's package is its folder, and so is an __init__.py's.
    return ".".join(path.relative_to(root).parent.parts)


def wrong_way_imports(root: Path) -> tuple[list[str], dict[str, int]]:
    """Every import against the arrows under `root` as 'file:line: …', and how many imports of
    anything each app's files hold (so a scan that read nothing cannot pass as clean)."""
    # Keyed by line and what was crossed, so `from remix.models import RemixNode` is one problem.
    problems: dict[tuple[str, str], str] = {}
    counts = {app: 0 for app in MAY_IMPORT}
    for app, allowed in MAY_IMPORT.items():
        for path in sorted((root / app).rglob("*.py")):
            for line, module in imported_modules(path, package=_package_of(path, root)):
                counts[app] += 1
                where = f"{path.relative_to(root)}:{line}"
                target = module.partition(".")[0]
                if target in MAY_IMPORT and target != app and target not in allowed:
                    may = ", ".join(sorted(allowed)) or "no other app"
                    problems.setdefault(
                        (where, target), f"{where}: {app} imports {module} ({app} may import {may})"
                    )
                composition = next((p for p in SORA_COMPOSITION if _within(module, p)), None)
                if composition:
                    problems.setdefault(
                        (where, composition),
                        f"{where}: {app} imports {module} ({composition} composes apps; no app imports it)",
                    )
    return sorted(problems.values()), counts


def test_apps_import_each_other_only_along_the_arrows():
    problems, counts = wrong_way_imports(ROOT)
    assert all(counts.values()), f"found no imports in some app's files: {counts}"
    assert not problems, "wrong-way imports:\n" + "\n".join(problems)


def _write(root: Path, relative: str, source: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)


def test_the_check_names_each_wrong_way_arrow_with_its_file_and_line(tmp_path):
    _write(tmp_path, "generation/models.py", "import os\n\nimport feed.models as m\n")
    _write(tmp_path, "feed/views/item.py", "from ..models import P\n\n\ndef f():\n    from remix import x\n")
    _write(tmp_path, "feed/tasks.py", "import importlib\nimportlib.import_module('cameo.selectors')\n")
    _write(tmp_path, "feed/seeding.py", "from sora import batch\n")
    _write(tmp_path, "cameo/services.py", "from feed.models import F\nfrom remix.models import Node\n")
    _write(tmp_path, "remix/services.py", "from cameo.selectors import ok\nfrom generation import models\n")

    problems, _ = wrong_way_imports(tmp_path)

    assert [p.split(": ")[0] for p in problems] == [
        "cameo/services.py:2",
        "feed/seeding.py:1",
        "feed/tasks.py:2",
        "feed/views/item.py:5",
        "generation/models.py:3",
    ]
    assert "generation imports feed.models (generation may import no other app)" in problems[-1]
    assert "feed imports remix" in problems[3]
    assert "sora.batch composes apps" in problems[1]


def test_relative_imports_resolve_inside_their_own_package(tmp_path):
    _write(tmp_path, "feed/views/__init__.py", "from . import media\nfrom ..models import Post\n")

    modules = {m for _, m in imported_modules(tmp_path / "feed/views/__init__.py", package="feed.views")}

    assert {"feed.views", "feed.views.media", "feed.models", "feed.models.Post"} == modules
