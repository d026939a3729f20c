"""What a plan says a shot shows: subjects with counts and motions, props by relation, global edits,
remixes that change what they say, and `manage.py plan_prompt`."""

import json

import pytest
from django.core.management import CommandError, call_command

from generation.plan import plan_for, plan_prompt, plan_remix

pytestmark = pytest.mark.nodb


def shots(prompt: str, **kwargs) -> list[dict]:
    return plan_prompt(prompt, duration=kwargs.pop("duration", 10), seed=kwargs.pop("seed", 1)).as_dict()[
        "shots"
    ]


def subjects(shot: dict) -> dict[str, dict]:
    return {thing["noun"]: thing for thing in shot["subjects"]}


def props(shot: dict) -> dict[str, dict]:
    return {thing["noun"]: thing for thing in shot["props"]}


def sprite(thing: dict) -> str:
    return thing["sprite"]["name"] if thing["sprite"] else ""


def test_the_issue_example_shows_the_cat_its_records_and_the_mic():
    first, second = shots(
        'A cat DJ spins records at a neon party, then leans into the mic and says "drop it"'
    )
    assert sprite(subjects(first)["cat"]) == "cat"
    assert "party" in first["scene"]
    assert sprite(props(first)["record"]) and props(first)["record"]["count"] > 1
    assert sprite(props(second)["mic"]) == "microphone"
    assert subjects(second)["cat"]  # "then leans…": the same cat goes on
    assert second["lines"] == [{"speaker": "cat", "text": "drop it"}]


@pytest.mark.parametrize(
    ("prompt", "noun", "count"),
    [("two robots wave", "robot", 2), ("Three ducks swim in a pond", "duck", 3),
     ("a dozen balloons float up", "balloon", 12),
     ("twin girls on a swing", "girl", 2), ("ducks swim", "duck", 3), ("a robot dances", "robot", 1),
     ("5 cats sleep", "cat", 5), ("a family of ducks crosses the road", "duck", 4)],
)  # fmt: skip
def test_counts(prompt, noun, count):
    (shot,) = shots(prompt)
    things = subjects(shot) | props(shot)
    assert things[noun]["count"] == count


def test_different_animals_get_different_sprites():
    names = {
        sprite(subjects(shots(f"a {animal} walks")[0])[animal])
        for animal in ("cat", "dog", "bear", "unicorn", "dragon")
    }
    assert len(names) == 5 and "" not in names


@pytest.mark.parametrize(
    ("prompt", "noun", "relation"),
    [("a girl rides a horse", "horse", "ridden"), ("a pig plays the guitar", "guitar", "played"),
     ("a kitten eats pizza", "pizza", "eaten"), ("a dog wearing sunglasses", "sunglasses", "worn"),
     ("a cat with a crown", "crown", "worn"), ("an old man holds an umbrella", "umbrella", "held"),
     ("a bear sits next to a tent", "tent", "beside"), ("a fox under the moon", "moon", "above"),
     ("a dog rides in a car", "car", "ridden"), ("a vampire drinks juice in a castle", "castle", "beside"),
     ("three kittens play with a ball of yarn", "yarn", "held")],
)  # fmt: skip
def test_props_are_placed_by_their_relation_to_the_subject(prompt, noun, relation):
    (shot,) = shots(prompt)
    assert props(shot)[noun]["relation"] == relation
    assert sprite(props(shot)[noun])


@pytest.mark.parametrize(
    ("prompt", "motion"),
    [("a friendly dragon flies over the city", "fly"), ("a dog runs on the beach", "run"),
     ("a duck swims", "swim"), ("a corgi surfs a wave", "surf"), ("a cat dances", "dance"),
     ("a frog jumps", "jump"), ("a robot spins", "spin"),
     ("a panda falls off a log", "fall"), ("a cat sleeps", "sleep"), ("a kitten eats pizza", "eat"),
     ("a pig plays the guitar", "play"), ("two astronauts walk", "walk"), ("a girl rides a horse", "ride"),
     ("a flying pig", "fly")],
)  # fmt: skip
def test_verbs_become_motions(prompt, motion):
    (shot,) = shots(prompt)
    assert shot["subjects"][0]["motion"] == motion


def test_fish_swim_and_birds_fly_when_no_verb_says():
    assert shots("a shark in the ocean")[0]["subjects"][0]["motion"] == "swim"
    assert shots("an owl at night")[0]["subjects"][0]["motion"] == "fly"


def test_abstract_words_and_adjectives_get_no_sprite():
    (shot,) = shots("a philosopher ponders the meaning of entropy on a friendly Tuesday")
    named = {thing["noun"]: thing for thing in (*shot["subjects"], *shot["props"])}
    for word in ("meaning", "entropy", "friendly", "tuesday"):
        assert word not in named or named[word]["sprite"] is None


def test_a_global_edit_applies_to_every_shot_and_is_not_a_shot():
    plain = shots("A cat dances at a party, then a dog sleeps in the forest")
    edited = shots("A cat dances at a party, then a dog sleeps in the forest. Make it night and add rain.")
    assert len(edited) == len(plain) == 2
    for shot in edited:
        assert {"night", "rain"} <= set(shot["scene"])
    assert [subjects(s).keys() for s in edited] == [subjects(s).keys() for s in plain]


def test_a_style_grades_the_whole_clip():
    assert plan_prompt("a fox in the snow, in black and white", duration=5, seed=1).style == "mono"
    assert plan_prompt("A cat naps. Make it a cartoon.", duration=5, seed=1).style == "cartoon"
    assert plan_prompt("a fox in the snow", duration=5, seed=1).style == ""


def test_a_subtle_remix_keeps_the_parent_and_changes_what_the_edit_names():
    parent = "A cat DJ spins records at a party, then a dog sleeps on a couch"
    child = parent + ". Make it night and add rain."
    base = plan_prompt(parent, duration=10, seed=3).as_dict()["shots"]
    subtle = plan_remix(child, parent_prompt=parent, strength=0.2, duration=10, seed=3).as_dict()["shots"]
    assert [(s["start"], s["end"], s["camera"]) for s in subtle] == [
        (s["start"], s["end"], s["camera"]) for s in base
    ]
    for old, new in zip(base, subtle, strict=True):
        assert set(new["scene"]) == set(old["scene"]) | {"night", "rain"}
        assert new["subjects"] == old["subjects"] and new["props"] == old["props"]


def test_a_subtle_remix_swaps_the_thing_the_edit_swaps_in_every_shot():
    parent = "A cat surfs a wave, then the cat waves at the camera"
    subtle = plan_remix(parent.replace("cat", "dog"), parent_prompt=parent, strength=0.2, duration=10, seed=3)
    for shot in subtle.as_dict()["shots"]:
        assert set(subjects(shot)) == {"dog"}


def test_a_subtle_remix_adds_what_the_edit_adds_to_every_shot():
    parent = "A cat surfs a wave, then the cat sleeps on the beach"
    subtle = plan_remix(parent + ". Add a dog.", parent_prompt=parent, strength=0.2, duration=10, seed=3)
    for shot in subtle.as_dict()["shots"]:
        assert {"cat", "dog"} <= set(subjects(shot))


def test_a_wild_remix_plans_freely_from_the_new_prompt():
    parent = "A cat surfs a wave, then the cat sleeps on the beach"
    child = "Two robots play chess in space"
    wild = plan_remix(child, parent_prompt=parent, strength=0.9, duration=10, seed=3)
    assert wild.as_dict() == plan_prompt(child, duration=10, seed=3).as_dict()


def test_a_remix_spec_is_planned_as_a_remix():
    from generation.engines.base import RenderSpec

    parent = "A cat surfs a wave, then the cat sleeps on the beach"
    spec = RenderSpec(
        prompt=parent + ". Make it night.", duration=10, width=96, height=160, seed=3, handle="a",
        parent_prompt=parent, parent_strength=0.2,
    )  # fmt: skip
    planned = plan_for(spec).as_dict()
    assert (
        planned == plan_remix(spec.prompt, parent_prompt=parent, strength=0.2, duration=10, seed=3).as_dict()
    )
    assert all("night" in shot["scene"] for shot in planned["shots"])


def test_plans_are_deterministic():
    prompt = "Two robots play chess in the park, then three ducks swim in a pond at night"
    assert (
        plan_prompt(prompt, duration=10, seed=5).as_dict()
        == plan_prompt(prompt, duration=10, seed=5).as_dict()
    )


def test_plan_prompt_prints_the_plan_as_json(capsys):
    call_command("plan_prompt", "two astronauts play chess on the moon", "--seed", "4", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data == plan_prompt("two astronauts play chess on the moon", duration=10, seed=4).as_dict()
    (shot,) = data["shots"]
    astronaut = shot["subjects"][0]
    assert astronaut["noun"] == "astronaut" and astronaut["count"] == 2
    assert astronaut["sprite"] == {"codepoint": "1F9D1-200D-1F680", "name": "astronaut"}
    assert shot["props"][0]["noun"] == "chess" and shot["props"][0]["sprite"]["codepoint"]


def test_plan_prompt_prints_a_readable_plan_and_refuses_an_empty_prompt(capsys):
    call_command("plan_prompt", "a philosopher ponders entropy")
    out = capsys.readouterr().out
    assert "subject: philosopher" in out
    with pytest.raises(CommandError, match="Give a prompt"):
        call_command("plan_prompt", "   ")
