"""The steer box's text read into phrases (feed.steer_text)."""

import pytest

from feed.steer_text import SteerParseError, steer_parse

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    "text, more, less",
    [
        ("more cooking, fewer pranks", ["cooking"], ["pranks"]),
        ("More cats and dogs; less drama", ["cats", "dogs"], ["drama"]),
        ("no horror but more of the ocean", ["the ocean"], ["horror"]),
        ("without jump scares", [], ["jump scares"]),
        ("cooking", ["cooking"], []),
        ("less of pranks and spiders, more baking", ["baking"], ["pranks", "spiders"]),
        ("", [], []),
        ("   ", [], []),
    ],
)
def test_steer_parse(text, more, less):
    assert steer_parse(text) == (more, less)


@pytest.mark.parametrize(
    "text",
    ["more", "less of", "!!!", "more ,, fewer", "x" * 201, ", ".join(f"more thing {i}" for i in range(9))],
)
def test_steer_parse_refuses_what_it_cannot_use(text):
    with pytest.raises(SteerParseError) as refusal:
        steer_parse(text)
    assert str(refusal.value)
