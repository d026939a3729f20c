"""The fidelity bench's corpus labels are real sprites, and its scoring counts what it says it counts."""

import pytest

from bench.fidelity import (
    CATEGORIES,
    MIN_NEGATIVE_PROMPTS,
    MIN_PROMPTS,
    PlannerMismatch,
    Report,
    Tally,
    corpus_size_problems,
    plan_dict,
    print_report,
    report_json,
    score_case,
    sprite_index,
    validate_corpus,
)
from bench.fidelity_corpus import CASES, MANY, Case, p, s

pytestmark = pytest.mark.nodb


def item(noun, name, count=1, **extra):
    return {"noun": noun, "count": count, "sprite": name and {"codepoint": "0000", "name": name}, **extra}


def plan(*shots):
    """A plan dict as plan.as_dict() gives it: each shot is (subjects, props)."""
    return {
        "shots": [
            {"text": "", "scene": [], "subjects": list(subjects), "props": list(props)}
            for subjects, props in shots
        ]
    }


def test_every_label_of_the_corpus_is_a_sprite_with_an_openmoji_glyph():
    assert validate_corpus() == []


def test_the_corpus_is_as_large_and_varied_as_the_issue_asks():
    assert corpus_size_problems() == []
    assert len(CASES) >= MIN_PROMPTS
    assert sum(1 for case in CASES if case.no_sprite or case.wrong) >= MIN_NEGATIVE_PROMPTS
    assert {case.category for case in CASES} == set(CATEGORIES)


def test_the_index_knows_cldr_names_of_openmoji_glyphs():
    index = sprite_index()
    assert index["man astronaut"] == {"1F468-200D-1F680"}
    assert "cat face" in index and "studio microphone" in index and "older person" in index
    assert "man: astronaut" not in index and ":cat:" not in index


def test_validation_reports_misspelled_and_contradictory_labels():
    bad = [
        Case("animals", "a kitten naps", (s("kitten", {"catt"}),)),
        Case("animals", "a bat at night", (s("bat", {"bat"}),), wrong=frozenset({"bat", "baseball bat"})),
        Case("dinosaurs", "a kitten naps", (s("kitten", {"cat"}, 0),), no_sprite=("kitten",)),
    ]
    problems = "\n".join(validate_corpus(bad))
    assert "'catt' is not a sprite name" in problems
    assert "'baseball bat' is not a sprite name" in problems
    assert "'bat' is also acceptable" in problems
    assert "listed twice" in problems
    assert "unknown category 'dinosaurs'" in problems
    assert "count 0" in problems
    assert "'kitten' is also a thing" in problems


def test_a_plan_that_draws_everything_right_scores_full_marks():
    case = Case("several", "two kittens and a dog playing chess", (
        s("kittens", {"cat", "cat face"}, 2), s("dog", {"dog"}),
        p("chess", {"chess pawn"}, relation="played"),
    ))  # fmt: skip
    result = score_case(case, plan(([item("kitten", "cat face", 2), item("dog", "dog")],
                                    [item("chess", "chess pawn", relation="played")])))  # fmt: skip
    assert result.failures == []
    tally = result.tally
    assert (tally.things, tally.depicted, tally.counts_right, tally.picks, tally.wrong) == (3, 3, 3, 3, 0)
    assert tally.relations_right == tally.relations_checked == 1


def test_a_thing_counts_as_depicted_from_any_shot_and_only_by_an_acceptable_sprite():
    case = Case("several", "a cat naps, then a grandma knits", (
        s("cat", {"cat", "cat face"}), s("grandma", {"old woman", "older person"}),
    ))  # fmt: skip
    result = score_case(case, plan(([item("cat", "cat")], []), ([item("grandma", "woman")], [])))
    assert (result.tally.things, result.tally.depicted) == (2, 1)
    [missing, wrong] = result.failures
    assert (missing.kind, missing.noun) == ("missing", "grandma")
    assert "grandma->woman x1" in missing.detail
    # Drawn, but with a sprite that is not grandma: a wrong pick too (rule c).
    assert (wrong.kind, wrong.noun) == ("wrong", "grandma")
    assert (result.tally.picks, result.tally.wrong) == (2, 1)


def test_a_thing_drawn_without_a_sprite_is_missing_and_not_a_pick():
    case = Case("fantasy", "a wizard", (s("wizard", {"mage"}),))
    result = score_case(case, plan(([item("wizard", None)], [])))
    assert (result.tally.depicted, result.tally.picks, result.tally.wrong) == (0, 0, 0)
    assert [failure.kind for failure in result.failures] == ["missing"]


def test_counts_are_checked_on_the_pick_of_the_same_noun():
    case = Case("counts", "two cats and a kitten", (s("cats", {"cat"}, 2), s("kitten", {"cat"})))
    right = score_case(case, plan(([item("cat", "cat", 2), item("kitten", "cat", 1)], [])))
    assert right.tally.counts_right == 2
    swapped = score_case(case, plan(([item("cats", "cat", 1), item("kitten", "cat", 2)], [])))
    assert swapped.tally.depicted == 2 and swapped.tally.counts_right == 0
    assert {failure.kind for failure in swapped.failures} == {"count"}
    # A planner may name the noun its own way ("doggo" as "dog"): then any acceptable pick counts.
    doggo = Case("animals", "the doggo zooms", (s("doggo", {"dog"}),))
    assert score_case(doggo, plan(([item("dog", "dog")], []))).tally.counts_right == 1


def test_a_plural_without_a_number_wants_two_or_more():
    case = Case("counts", "birds circling", (s("birds", {"bird"}, MANY),))
    assert score_case(case, plan(([item("birds", "bird", 3)], []))).tally.counts_right == 1
    assert score_case(case, plan(([item("birds", "bird", 1)], []))).tally.counts_right == 0


def test_wrong_picks_are_abstract_words_labelled_misreadings_and_misdrawn_nouns_each_counted_once():
    case = Case(
        "ambiguous", "a bat flies at night, a philosopher ponders entropy, she clicks the mouse",
        (s("bat", {"bat"}), p("mouse", {"computer mouse"})),
        no_sprite=("entropy",), wrong=frozenset({"baseball", "fly"}),
    )  # fmt: skip
    picks = [
        item("bat", "bat"),  # right
        item("night", "night with stars"),  # a word the corpus says nothing of: a pick, not wrong
        item("flies", "fly"),  # (b) a labelled misreading
        item("entropy", "infinity"),  # (a) a word that must not be drawn
        item("mouse", "mouse face"),  # (c) a named noun drawn as something else
        item("bat", "baseball"),  # (b) and (c): still one wrong pick
    ]
    result = score_case(case, plan((picks[:3], picks[3:])))
    assert (result.tally.picks, result.tally.wrong) == (6, 4)
    assert sorted(failure.noun for failure in result.failures if failure.kind == "wrong") == [
        "bat", "entropy", "flies", "mouse",
    ]  # fmt: skip


def test_skin_tones_and_plurals_do_not_hide_a_match():
    case = Case("people", "two astronauts", (s("astronauts", {"woman astronaut"}, 2),))
    result = score_case(case, plan(([item("Astronaut", "woman astronaut medium skin tone", 2)], [])))
    assert (result.tally.depicted, result.tally.counts_right, result.tally.wrong) == (1, 1, 0)


def test_an_optional_thing_is_not_required_but_must_not_be_misdrawn():
    case = Case("abstract", "a philosopher ponders", (s("philosopher", {"person"}, required=False),))
    assert score_case(case, plan(([], []))).tally.things == 0
    result = score_case(case, plan(([item("philosopher", "thinking face")], [])))
    assert result.tally.wrong == 1


def test_sprite_names_outside_the_index_are_reported():
    case = Case("animals", "a cat", (s("cat", {"cat"}),))
    assert score_case(case, plan(([item("cat", "cat: black")], []))).unknown_sprites == ["cat: black"]


def test_the_goals_decide_pass_or_fail():
    assert Tally(things=100, depicted=90, counts_right=81, picks=100, wrong=2).passed()
    assert not Tally(things=100, depicted=89, counts_right=89, picks=100, wrong=0).passed()
    assert not Tally(things=100, depicted=100, counts_right=89, picks=100, wrong=0).passed()
    assert not Tally(things=100, depicted=100, counts_right=100, picks=100, wrong=3).passed()


def test_the_report_lists_failures_and_figures(capsys):
    case = Case("animals", "a kitten naps", (s("kitten", {"cat"}),))
    result = score_case(case, plan(([item("kitten", "dog")], [])))
    report = Report(
        total=result.tally, categories={"animals": result.tally}, failures=result.failures,
        unknown_sprites=[], seconds=0.5, first_call_seconds=0.1, slowest_seconds=0.2, median_seconds=0.1,
    )  # fmt: skip
    print_report(report, show_failures=10)
    out = capsys.readouterr().out
    assert "'a kitten naps' 'kitten' missing" in out and "kitten->dog x1" in out
    assert "depicted: 0/1   0.0% (goal >= 90%) FAIL" in out
    assert "wrong sprites: 1/1 100.0%" in out
    assert '"passed": false' in report_json(report)


def test_the_bench_refuses_a_planner_without_as_dict():
    class OldPlan:
        pass

    with pytest.raises(PlannerMismatch, match="no as_dict"):
        plan_dict(lambda prompt, **options: OldPlan(), "a cat")
