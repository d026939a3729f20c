"""`manage.py policy_tune`: tune the prompt policy's sentence model on its examples (a LoRA adapter).

Run it after changing the examples (generation/policy_examples*.py); it writes
generation/policy_adapter.safetensors (or --out), which the policy reads with from then on. --also
adds example files kept elsewhere, each a Python file with HARMLESS (prompts) and VIOLATING
((category, prompt) pairs), such as bench corpora already measured. About 15 minutes on two cores
for the 24,240 examples and corpora of 2026-12-04. Needs make test's environment (torch,
transformers, peft).
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from generation import moderation
from generation.embeddings import model_path
from generation.policy_tuning import adapter_train


def examples_load(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    spec = importlib.util.spec_from_file_location(f"examples_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise CommandError(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        return list(module.HARMLESS), [(c, p) for c, p in module.VIOLATING]
    except (AttributeError, ValueError) as error:
        raise CommandError(f"{path}: needs HARMLESS and VIOLATING lists ({error})") from error


class Command(BaseCommand):
    help = "Tune the prompt policy's sentence model on its examples and write the adapter it reads with."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, default=moderation.ADAPTER)
        parser.add_argument("--also", type=Path, nargs="*", default=[], help="more example files")
        parser.add_argument("--epochs", type=int, default=4)
        parser.add_argument("--rank", type=int, default=8)
        parser.add_argument("--model", type=Path, default=None, help="default: the configured")

    def handle(self, *args, **options) -> None:
        missing = [m for m in ("torch", "transformers", "peft") if importlib.util.find_spec(m) is None]
        if missing:  # make run's environment
            raise CommandError(f"policy_tune needs {', '.join(missing)}: run it in make test's environment")
        violating, harmless = moderation.reference()
        for path in options["also"]:
            more_harmless, more_violating = examples_load(path)
            harmless += more_harmless
            # A public figure is found by name, never by meaning (as moderation.reference() does).
            violating += [(c, p) for c, p in more_violating if c != "public_figure"]
        unknown = {c for c, _ in violating} - set(moderation.LABELS)
        if unknown:
            raise CommandError(f"unknown categories: {', '.join(sorted(unknown))}")
        logging.getLogger("generation.policy_tuning").setLevel(logging.INFO)
        result = adapter_train(
            model_folder=options["model"] or model_path(),
            harmless=harmless,
            violating=violating,
            out=options["out"],
            epochs=options["epochs"],
            rank=options["rank"],
            sources=["generation/policy_examples*.py", *(str(path) for path in options["also"])],
        )
        self.stdout.write(
            f"{options['out']}: tuned on {int(result['examples'])} examples in {result['seconds']:.0f} s"
            f" (last epoch's loss {result['loss']:.3f})"
        )
