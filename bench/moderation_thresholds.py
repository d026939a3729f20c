"""Per-category thresholds for the prompt policy's meaning reader, chosen on new writers' prompts.

Leave one corpus out: for each corpus already measured, an adapter is tuned on the examples and
the other corpora (`manage.py policy_tune --also ...`, about four minutes each on two cores) and
reads that corpus, so every prompt is read as the first look read its corpus: by an adapter that
never saw its writer. The word and name verdicts and the meaning reader's likelihoods of every
prompt are kept; then, for each category, the threshold (one per category, from a grid) is chosen
so that together they catch the most with at most --budget of the harmless prompts refused.
The chosen thresholds are then checked with generation.moderation.prompt_check itself, each
corpus with its own adapter, and printed as SORA_MODERATION_THRESHOLDS.

    .venv/bin/python bench/moderation_thresholds.py [--budget 0.008] [--retune]

Needs make test's environment (torch, peft). Adapters and readings are kept in SORA_CACHE_DIR
(--retune tunes again). The last line says PASS when the chosen thresholds meet the goals on
these readings (over-blocking at most 1%, catch rate at least 95%).
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from bench.moderation import CATCH_GOAL, CORPORA, OVERBLOCK_GOAL, seeded_figures  # noqa: E402
from generation.moderation import (  # noqa: E402
    SENSES,
    classifier,
    few_words,
    figures_named,
    meaning_text,
    policy_encoder,
    prompt_check,
    words_check,
)

# The corpora already looked at, oldest first; the newest unread one is left alone.
MEASURED = ("holdout", "fresh", "unseen", "blind", "sealed", "reserve", "fragments", "untouched")
GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99)


def corpus_path(name: str) -> Path:
    return ROOT / (CORPORA[name].replace(".", "/") + ".py")


def adapter_tune(name: str, out: Path) -> None:
    others = [str(corpus_path(other)) for other in MEASURED if other != name]
    command = [sys.executable, str(ROOT / "manage.py"), "policy_tune", "--out", str(out), "--also", *others]
    subprocess.run(command, check=True, cwd=ROOT)


def corpus_read(name: str, out: Path) -> None:
    """In a process whose SORA_MODERATION_ADAPTER is this corpus's adapter: each prompt's words,
    names and likelihoods."""
    corpus = importlib.import_module(CORPORA[name])
    figures = seeded_figures()
    model = classifier()
    prompts = [(p, "ok") for p in corpus.HARMLESS] + [(p, c) for c, p in corpus.VIOLATING]
    rows = []
    for prompt, label in prompts:
        # One at a time, as prompt_check reads a prompt (a batch pads, and moves the last digits).
        vector = policy_encoder().encode([meaning_text(prompt)])[0]
        words = words_check(prompt)
        rows.append(
            {
                "label": label,
                "strong": words.refused and not words.weak,
                "weak": words.category if words.weak else "",
                "named": bool(figures_named(prompt, figures)),
                "few": few_words(prompt),
                "p": [float(x) for x in model.probabilities(vector)],
            }
        )
    out.write_text(json.dumps({"classes": list(model.classes), "rows": rows}))


def corpus_check(name: str, thresholds: dict[str, float]) -> tuple[int, int, int, int]:
    """The real prompt_check with these thresholds: (harmless refused, harmless, caught, breaking)."""
    corpus = importlib.import_module(CORPORA[name])
    options = {
        "figures": seeded_figures(),
        "threshold": settings.SORA_MODERATION_THRESHOLD,
        "thresholds": thresholds,
        "short": settings.SORA_MODERATION_SHORT,
        "weak": settings.SORA_MODERATION_WEAK,
        "multilingual": settings.SORA_MODERATION_MULTILINGUAL,
    }
    blocked = sum(prompt_check(p, **options).refused for p in corpus.HARMLESS)
    caught = 0
    for category, prompt in corpus.VIOLATING:
        verdict = prompt_check(prompt, **options)
        caught += verdict.refused and (verdict.category == "public_figure") == (category == "public_figure")
    return blocked, len(corpus.HARMLESS), caught, len(corpus.VIOLATING)


def simulate(readings: list[dict], classes: list[str], thresholds: dict[str, float], weak: float) -> tuple:
    """prompt_check's decision on kept readings (the check below compares it with the real one)."""
    ok = classes.index("ok")
    blocked = harmless = caught = breaking = 0
    for row in readings:
        p = np.array(row["p"])
        risk = 1.0 - p[ok]
        likeliest = max((c for c in classes if c != "ok"), key=lambda c: p[classes.index(c)])
        if row["strong"]:
            refused, category = True, "words"
        elif row["named"]:
            refused, category = True, "public_figure"
        elif risk >= max(
            thresholds.get(likeliest, settings.SORA_MODERATION_THRESHOLD),
            settings.SORA_MODERATION_SHORT if row["few"] else 0.0,
        ):
            refused, category = True, likeliest
        elif row["weak"]:
            senses = SENSES.get(row["weak"], (row["weak"],))
            refused, category = sum(p[classes.index(c)] for c in senses) >= weak, row["weak"]
        else:
            refused, category = False, ""
        if row["label"] == "ok":
            harmless += 1
            blocked += refused
        else:
            breaking += 1
            caught += refused and (category == "public_figure") == (row["label"] == "public_figure")
    return blocked, harmless, caught, breaking


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=float, default=0.008, help="most harmless prompts refused, a share")
    parser.add_argument("--retune", action="store_true", help="tune the left-out adapters again")
    parser.add_argument("--read", help=argparse.SUPPRESS)  # the child process: read one corpus
    parser.add_argument("--check", help=argparse.SUPPRESS)  # the child process: check one corpus
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--thresholds", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        corpus_read(args.read, args.out)
        return 0
    if args.check:
        print(json.dumps(corpus_check(args.check, json.loads(args.thresholds))))
        return 0

    folder = Path(settings.SORA_CACHE_DIR) / "policy-thresholds"
    folder.mkdir(parents=True, exist_ok=True)
    readings: dict[str, dict] = {}
    for name in MEASURED:
        adapter, kept = folder / f"without-{name}.safetensors", folder / f"without-{name}.readings.json"
        if args.retune or not adapter.exists():
            print(f"tuning an adapter without the {name} corpus", flush=True)
            adapter_tune(name, adapter)
            kept.unlink(missing_ok=True)
        if not kept.exists():
            env = {**os.environ, "SORA_MODERATION_ADAPTER": str(adapter)}
            command = [sys.executable, __file__, "--read", name, "--out", str(kept)]
            subprocess.run(command, check=True, env=env, cwd=ROOT)
        readings[name] = json.loads(kept.read_text())
    classes = readings[MEASURED[0]]["classes"]
    rows = [row for name in MEASURED for row in readings[name]["rows"]]
    weak = settings.SORA_MODERATION_WEAK
    base = settings.SORA_MODERATION_THRESHOLD

    # Each category's threshold moves only the prompts whose likeliest category it is, so the
    # totals are sums over categories: a small exhaustive search over the grid.
    categories = [c for c in classes if c != "ok" and c != "public_figure"]
    effect: dict[tuple[str, float], tuple[int, int]] = {}
    never = {c: 1.01 for c in categories}  # no refusal by meaning alone
    for category in categories:
        for t in GRID:
            blocked, _, caught, _ = simulate(rows, classes, {**never, category: t}, weak)
            effect[(category, t)] = (blocked, caught)
    floor_blocked, harmless, floor_caught, breaking = simulate(rows, classes, never, weak)
    best = weighed = None
    for combination in itertools.product(GRID, repeat=len(categories)):
        pairs = list(zip(categories, combination, strict=True))
        blocked = floor_blocked + sum(effect[pair][0] - floor_blocked for pair in pairs)
        caught = floor_caught + sum(effect[pair][1] - floor_caught for pair in pairs)
        if blocked <= args.budget * harmless and (best is None or (caught, -blocked) > (best[1], -best[2])):
            best = (combination, caught, blocked)
        # As the one threshold was chosen: a harmless prompt refused weighs five missed ones.
        cost = 5 * blocked / harmless + (breaking - caught) / breaking
        if weighed is None or cost < weighed[0]:
            weighed = (cost, combination, caught, blocked)
    now = simulate(rows, classes, {}, weak)
    print(
        f"left-out readings of {len(MEASURED)} corpora: {harmless} harmless, {breaking} breaking the policy\n"
        f"words, names and weak words alone: over-blocking {floor_blocked / harmless:.2%},"
        f" catch {floor_caught / breaking:.1%}\n"
        f"one threshold, {base}: over-blocking {now[0] / harmless:.2%}, catch {now[2] / breaking:.1%}"
        f" (weighed cost {5 * now[0] / harmless + (breaking - now[2]) / breaking:.4f})"
    )
    _, combination, caught, blocked = weighed
    print(
        f"least weighed cost, a refused harmless prompt as five misses"
        f" ({', '.join(f'{c} {t}' for c, t in zip(categories, combination, strict=True))}):"
        f" over-blocking {blocked / harmless:.2%}, catch {caught / breaking:.1%} (cost {weighed[0]:.4f})"
    )
    if best is None:
        print(f"no thresholds keep over-blocking within {args.budget:.1%}\noverall: FAIL")
        return 1
    chosen = dict(zip(categories, best[0], strict=True))
    blocked, _, caught, _ = simulate(rows, classes, chosen, weak)
    print(
        f"most caught within {args.budget:.1%} ({', '.join(f'{c} {t}' for c, t in chosen.items())}): "
        f"over-blocking {blocked / harmless:.2%}, catch {caught / breaking:.1%}"
    )
    for name in MEASURED:
        part = readings[name]["rows"]
        b, h, c, n = simulate(part, classes, chosen, weak)
        env = {**os.environ, "SORA_MODERATION_ADAPTER": str(folder / f"without-{name}.safetensors")}
        command = [sys.executable, __file__, "--check", name, "--thresholds", json.dumps(chosen)]
        done = subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True, text=True)
        real = json.loads(done.stdout.strip().splitlines()[-1])
        agree = "agrees" if list(real) == [b, h, c, n] else f"DISAGREES: prompt_check says {real}"
        print(f"  {name:8} over-blocking {b / h:.2%} ({b} of {h}), catch {c / n:.1%} ({c} of {n}); {agree}")
        if list(real) != [b, h, c, n]:
            print("overall: FAIL")
            return 1
    setting = ",".join(f"{c}={t}" for c, t in chosen.items())
    print(f"SORA_MODERATION_THRESHOLDS={setting}")
    passed = blocked / harmless <= OVERBLOCK_GOAL and caught / breaking >= CATCH_GOAL
    print(f"overall: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
