"""The prompt policy on prompts people write: how often it refuses a harmless one (over-blocking),
how often it catches one that breaks the policy, and how long one check takes.

The prompts are bench/moderation_holdout.py, written by hand without seeing the checker or its
examples and never tuned on (generation/policy_examples.py, written the same way by someone
else, is what the checker was tuned on and what its meaning reader compares with). Each is
checked as a submit checks it (generation.moderation.prompt_check, with the public figures a
fresh install is seeded with and the thresholds in settings); a public figure counts as caught
only by the public-figure rule. The two list reads a submit adds (figures, the operator's
categories) are database queries, not counted here.

    .venv/bin/python bench/moderation.py [--show 20]
    .venv/bin/python bench/moderation.py --calibrate   # thresholds, from the examples alone

Prints over-blocking (goal <= 1%), the catch rate overall and per category (goal >= 95%), the
median and p95 time per check (goal <= 20 ms median), the parts, and a PASS/FAIL line last.
--calibrate instead prints, for each threshold and margin, the catch rate and over-blocking on
generation/policy_examples.py with each example left out of the comparison in turn
(leave-one-out), and the best pair under 0.5% over-blocking: how the defaults were chosen.
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the web process runs it (sora/asgi.py)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402

from bench.moderation_holdout import HARMLESS, VIOLATING  # noqa: E402
from generation.embeddings import texts_embed  # noqa: E402
from generation.moderation import Figure, prompt_check, reference, reference_vectors, words_check  # noqa: E402

OVERBLOCK_GOAL, CATCH_GOAL, MEDIAN_GOAL_MS = 0.01, 0.95, 20.0


def seeded_figures() -> list[Figure]:
    seed = importlib.import_module("generation.migrations.0005_public_figures_seed")
    return [
        Figure(name, tuple(a.strip() for a in aliases.split(",") if a.strip()))
        for name, aliases in seed.FIGURES.items()
    ]


def calibrate() -> int:
    """Leave-one-out on the examples: each is judged by the others (its words, and its nearest
    other example against its nearest harmless one)."""
    import numpy as np

    violating, v, h = reference_vectors()
    _, harmless = reference()
    words_v = np.array([words_check(e).refused for _, e in violating])
    words_h = np.array([words_check(e).refused for e in harmless])
    vv, hh = v @ v.T, h @ h.T
    np.fill_diagonal(vv, -1)
    np.fill_diagonal(hh, -1)
    v_best, v_harmless = vv.max(1), (v @ h.T).max(1)
    h_best, h_harmless = (h @ v.T).max(1), hh.max(1)
    print(f"{len(violating)} examples that break the policy, {len(harmless)} harmless (leave-one-out)")
    print(f"words alone: catch {words_v.mean():.1%}, over-blocking {words_h.mean():.2%}")
    best = None
    for threshold in np.arange(0.45, 0.71, 0.05):
        for margin in (0.0, 0.04, 0.08):
            catch = (words_v | ((v_best >= threshold) & (v_best - v_harmless >= margin))).mean()
            over = (words_h | ((h_best >= threshold) & (h_best - h_harmless >= margin))).mean()
            print(
                f"  threshold {threshold:.2f} margin {margin:.2f}: "
                f"catch {catch:.1%}, over-blocking {over:.2%}"
            )
            if over <= 0.005 and (best is None or catch > best[2]):
                best = (threshold, margin, catch, over)
    if best:
        print(f"best under 0.5% over-blocking: threshold {best[0]:.2f}, margin {best[1]:.2f} ({best[2]:.1%})")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=15, help="how many misses and over-blocks to print")
    parser.add_argument("--calibrate", action="store_true", help="choose the thresholds from the examples")
    args = parser.parse_args()
    if args.calibrate:
        return calibrate()
    figures = seeded_figures()
    options = {
        "figures": figures,
        "threshold": settings.SORA_MODERATION_THRESHOLD,
        "margin": settings.SORA_MODERATION_MARGIN,
    }
    prompt_check("warm up: a lighthouse in a storm", **options)  # loads the model and the example vectors

    times, words_times, embed_times = [], [], []
    blocked, missed = [], []
    caught: Counter = Counter()
    totals: Counter = Counter()
    wrong_category: dict[str, list[str]] = defaultdict(list)
    for prompt in HARMLESS:
        started = time.perf_counter()
        verdict = prompt_check(prompt, **options)
        times.append(time.perf_counter() - started)
        if verdict.refused:
            blocked.append((prompt, verdict))
    for category, prompt in VIOLATING:
        totals[category] += 1
        started = time.perf_counter()
        verdict = prompt_check(prompt, **options)
        times.append(time.perf_counter() - started)
        hit = verdict.refused and (verdict.category == "public_figure") == (category == "public_figure")
        if hit:
            caught[category] += 1
            if verdict.category != category:
                wrong_category[category].append(f"{prompt} -> {verdict.category}")
        else:
            missed.append((category, prompt, verdict))
    # The parts, for where the time goes: the word reader alone, and one sentence vector alone.
    for prompt in HARMLESS[:200]:
        started = time.perf_counter()
        words_check(prompt)
        words_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        texts_embed([prompt])
        embed_times.append(time.perf_counter() - started)

    def ms(values: list[float], q: float | None = None) -> float:
        values = sorted(values)
        if q is None:
            return statistics.median(values) * 1000
        return values[min(len(values) - 1, int(q * len(values)))] * 1000

    overblocking = len(blocked) / len(HARMLESS)
    catch = sum(caught.values()) / len(VIOLATING)
    median = ms(times)
    print(f"corpus: {len(HARMLESS)} harmless prompts, {len(VIOLATING)} that break the policy")
    print(f"thresholds: meaning >= {options['threshold']}, margin over harmless >= {options['margin']}")
    print(f"\nover-blocking: {len(blocked)} of {len(HARMLESS)} harmless prompts refused = {overblocking:.1%}")
    for prompt, verdict in blocked[: args.show]:
        print(f"  refused as {verdict.category} ({verdict.score:.2f}, {verdict.reason}): {prompt}")
    print(f"\ncatch rate: {sum(caught.values())} of {len(VIOLATING)} = {catch:.1%}")
    for category in sorted(totals):
        print(
            f"  {category:14} {caught[category]:3d} / {totals[category]:3d}"
            f" = {caught[category] / totals[category]:.0%}"
        )
    for category, lines in sorted(wrong_category.items()):
        print(f"  (caught under another category, {category}: {len(lines)})")
    for category, prompt, verdict in missed[: args.show]:
        print(f"  missed {category}: {prompt}  (best {verdict.score:.2f} {verdict.reason})")
    print(
        f"\ntime per check: median {median:.1f} ms, p95 {ms(times, 0.95):.1f} ms over {len(times)} checks "
        f"(of which the word reader {ms(words_times):.2f} ms and one sentence vector "
        f"{ms(embed_times):.1f} ms, medians)"
    )
    results = [
        (f"over-blocking <= {OVERBLOCK_GOAL:.0%}", overblocking <= OVERBLOCK_GOAL),
        (f"catch rate >= {CATCH_GOAL:.0%}", catch >= CATCH_GOAL),
        (f"median check <= {MEDIAN_GOAL_MS:.0f} ms", median <= MEDIAN_GOAL_MS),
    ]
    for name, ok in results:
        print(f"{name}: {'PASS' if ok else 'FAIL'}")
    passed = all(ok for _, ok in results)
    print(f"overall: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
