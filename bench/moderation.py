"""The prompt policy on prompts people write: how often it refuses a harmless one (over-blocking),
how often it catches one that breaks the policy, and how long one check takes.

By default the prompts are bench/moderation_shelved.py, written by hand by a helper from a brief,
without seeing the checker, its examples or the other corpora, and measured once before anything
was changed for it (the earlier corpora were blind at their first looks too and have been tuned on
since: words and names from their misses, and the sentence model of most of them, `manage.py
policy_tune --also`). Each is
checked as a submit checks it (generation.moderation.prompt_check, with the public figures a
fresh install is seeded with and the thresholds in settings); a public figure counts as caught
only by the public-figure rule. The two list reads a submit adds (figures, the operator's
categories) are database queries, not counted here.

    .venv/bin/python bench/moderation.py [--show 20] [--corpus unseen]
    .venv/bin/python bench/moderation.py --calibrate   # the classifier on the examples alone

Prints over-blocking (goal <= 1%), the catch rate overall and per category (goal >= 95%), the
median and p95 time per check (goal <= 20 ms median), the parts, and a PASS/FAIL line last.
--calibrate instead prints, for each threshold, the catch rate and over-blocking on the examples
with each fifth judged by a classifier fitted on the other four (five-fold). The sentence model's
adapter was tuned on those same examples, so these figures flatter it: the threshold was chosen on
a corpus the adapter had not seen (docs/performance.md#the-prompt-policy).
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

from generation.embeddings import texts_embed  # noqa: E402
from generation.moderation import (  # noqa: E402
    SENSES,
    Figure,
    prompt_check,
    reference,
    reference_vectors,
    words_check,
)

OVERBLOCK_GOAL, CATCH_GOAL, MEDIAN_GOAL_MS = 0.01, 0.95, 20.0
SEED_MIGRATIONS = (
    "0005_public_figures_seed", "0006_public_figure_nicknames", "0008_public_figures_more",
    "0009_public_figure_offices", "0010_public_figures_leaders", "0011_public_figure_names",
    "0012_public_figure_nicknames_more", "0013_public_figure_names_written",
    "0014_public_figure_offices_more", "0015_public_figures_historical",
    "0016_public_figure_names_as_written", "0017_public_figures_arts_faith_past",
    "0018_public_figure_names_other_scripts", "0019_public_figures_screen", "0020_public_figures_music",
    "0021_public_figures_sport_and_creators", "0022_public_figures_politics_business_past",
    "0023_public_figure_descriptions", "0024_public_figure_nicknames_typed",
)

CORPORA = {
    "shelved": "bench.moderation_shelved",
    "stashed": "bench.moderation_stashed",
    "tucked": "bench.moderation_tucked",
    "stowed": "bench.moderation_stowed",
    "guarded": "bench.moderation_guarded",
    "concealed": "bench.moderation_concealed",
    "sheltered": "bench.moderation_sheltered",
    "enclosed": "bench.moderation_enclosed",
    "cloistered": "bench.moderation_cloistered",
    "sequestered": "bench.moderation_sequestered",
    "secluded": "bench.moderation_secluded",
    "hidden": "bench.moderation_hidden",
    "withheld": "bench.moderation_withheld",
    "later": "bench.moderation_later",
    "unread": "bench.moderation_unread",
    "sealed": "bench.moderation_sealed",
    "reserve": "bench.moderation_reserve",
    "fragments": "bench.moderation_fragments",
    "untouched": "bench.moderation_untouched",
    "spare": "bench.moderation_spare",
    "blind": "bench.moderation_blind",
    "unseen": "bench.moderation_unseen",
    "fresh": "bench.moderation_fresh",
    "holdout": "bench.moderation_holdout",
}


def seeded_figures() -> list[Figure]:
    """The public figures a fresh install starts with: the seed migrations' names and aliases."""
    seeds = [importlib.import_module(f"generation.migrations.{m}") for m in SEED_MIGRATIONS]
    aliases: dict[str, list[str]] = {}
    written: dict[str, list[str]] = {}
    for seed in seeds:
        for name, more in getattr(seed, "FIGURES", {}).items():
            aliases.setdefault(name, []).append(more)
        for name, more in getattr(seed, "NICKNAMES", {}).items():
            if name in aliases:
                aliases[name].append(more)
        for name, more in getattr(seed, "WRITTEN", {}).items():
            written.setdefault(name, []).append(more)
    return [
        Figure.listed(name, ",".join(parts), written=",".join(written.get(name, [])))
        for name, parts in aliases.items()
    ]


def calibrate() -> int:
    """Five-fold cross-validation on the examples: each fifth is judged by a classifier fitted on
    the other four, with its words as the word reader reads them."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    violating, v, h = reference_vectors()
    _, harmless = reference()
    vectors = np.vstack([v, h])
    labels = np.array([c for c, _ in violating] + ["ok"] * len(h))
    words = [words_check(e) for _, e in violating] + [words_check(e) for e in harmless]
    strong = np.array([w.refused and not w.weak for w in words])
    weak = np.array([w.weak for w in words])
    bad = labels != "ok"
    print(f"{bad.sum()} examples that break the policy, {(~bad).sum()} harmless (five-fold)")
    print(f"strong words alone: catch {strong[bad].mean():.1%}, over-blocking {strong[~bad].mean():.2%}")
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    best = None
    for c in (4.0, 16.0, 64.0):
        model = LogisticRegression(C=c, max_iter=5000)
        probabilities = cross_val_predict(model, vectors, labels, cv=folds, method="predict_proba")
        classes = sorted(set(labels))
        risk = 1 - probabilities[:, classes.index("ok")]
        # The weak word's own sense (minors: sexual too), as prompt_check weighs it.
        sense = np.zeros(len(words))
        for i, w in enumerate(words):
            if w.weak:
                senses = SENSES.get(w.category, (w.category,))
                sense[i] = sum(probabilities[i, classes.index(c)] for c in senses)
        for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
            for weak_at in (0.1, 0.2, 0.3):
                refused = strong | (risk >= threshold) | (weak & (sense >= weak_at))
                catch, over = refused[bad].mean(), refused[~bad].mean()
                print(
                    f"  C {c:4.0f} threshold {threshold:.2f} weak {weak_at:.2f}:"
                    f" catch {catch:.1%}, over-blocking {over:.2%}"
                )
                if over <= 0.01 and (best is None or catch > best[3]):
                    best = (c, threshold, weak_at, catch, over)
    if best:
        print(
            f"best at most 1% over-blocking: C {best[0]:.0f}, threshold {best[1]:.2f}, weak {best[2]:.2f}"
            f" (catch {best[3]:.1%}, over-blocking {best[4]:.2%})"
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=15, help="how many misses and over-blocks to print")
    parser.add_argument("--calibrate", action="store_true", help="choose the thresholds from the examples")
    parser.add_argument(
        "--corpus", choices=list(CORPORA), default="shelved",
        help="shelved: the last first look (default); the rest: tuned on since",
    )  # fmt: skip
    args = parser.parse_args()
    if args.calibrate:
        return calibrate()
    corpus = importlib.import_module(CORPORA[args.corpus])
    HARMLESS, VIOLATING = corpus.HARMLESS, corpus.VIOLATING
    figures = seeded_figures()
    options = {
        "figures": figures,
        "threshold": settings.SORA_MODERATION_THRESHOLD,
        "thresholds": settings.SORA_MODERATION_THRESHOLDS,
        "short": settings.SORA_MODERATION_SHORT,
        "weak": settings.SORA_MODERATION_WEAK,
        "multilingual": settings.SORA_MODERATION_MULTILINGUAL,
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
    print(f"corpus: {CORPORA[args.corpus]}: {len(HARMLESS)} harmless, {len(VIOLATING)} breaking the policy")
    own = "".join(f", {c} at >= {t}" for c, t in sorted(options["thresholds"].items()))
    print(f"thresholds: by meaning at >= {options['threshold']}{own}; a weak word at >= {options['weak']}")
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
