"""Turn a prompt into a shot plan: what happens when, who speaks which line, which sounds play.

Both engines read the same plan, so the picture and the sound agree on the shots. Pure Python
and deterministic for (prompt, duration, seed): a retry plans the same clip.

A prompt such as ``A corgi surfs a huge wave at sunset, then waves at the camera and says
"best day ever!" [applause]`` becomes two shots (split at sentences, "then" and ";"); the
quoted words are a spoken line of the second shot and ``[applause]`` a sound cue there.
Each shot also says what it shows (generation.things): its subjects with their counts and
motions ("two robots" walking) and its props with their relation to a subject (a surfboard
ridden, a microphone held), each with the sprite that depicts it. A sentence that only changes
the look ("Make it night and add rain.", "as a cartoon") is not a shot of its own: it applies to
every shot.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .things import Thing, motion_default, things_read

if TYPE_CHECKING:
    from .engines.base import RenderSpec

MAX_SHOTS = 4
MIN_SHOT_SECONDS = 1.25
# Roughly how long speech takes per character at espeak's default rate; used only to give
# shots with dialogue enough room, never to time the speech itself.
SPEECH_SECONDS_PER_CHAR = 0.065
LINE_LEAD = 0.35  # speech starts this long after its shot's cut, so the cut is seen first
NARRATOR = "narrator"

# Scene tags and the words that call them up. A shot may have several (a beach at sunset).
SCENE_WORDS: dict[str, str] = {
    "sky": "sky skies cloud clouds flying flies fly soaring balloon airplane plane kite",
    "sea": "sea ocean wave waves surf surfs surfing surfer underwater water lake river pond boat sail "
    "sailing swim swims swimming island dolphin whale",
    "beach": "beach sand sandy shore coast seaside",
    "city": "city downtown skyline tokyo paris york neon building buildings skyscraper rooftop",
    "street": "street streets road alley sidewalk traffic car cars taxi bus crosswalk",
    "forest": "forest tree trees jungle woods garden park meadow leaves leaf grass",
    "mountain": "mountain mountains peak summit cliff cliffs hill hills valley canyon",
    "space": "space galaxy planet planets astronaut nebula cosmic rocket orbit alien spaceship mars",
    "desert": "desert dune dunes cactus sahara camel",
    "snow": "snow snowy snowing winter ice icy frozen blizzard ski skiing arctic snowman",
    "rain": "rain rainy raining storm stormy thunder lightning umbrella puddle",
    "fire": "fire fires flame flames campfire volcano lava bonfire fireworks candle",
    "night": "night midnight moon moonlight moonlit starry stars dark",
    "sunset": "sunset sunrise dusk dawn golden evening twilight",
    "party": "party parties dance dancing dances disco club concert celebration celebrate "
    "birthday festival crowd dj",
    "kitchen": "kitchen cook cooks cooking chef bake bakes baking recipe pasta pizza food breakfast",
}
# Scene words that name only a place, a time or the weather. The others ("chef", "dolphin",
# "pizza", "rocket") set the scene and are also things to show.
PLACE_WORDS = frozenset(
    """sky skies cloud clouds sea ocean wave waves surf water underwater lake river pond beach sand sandy
    shore coast seaside city downtown skyline tokyo paris york neon building buildings rooftop street
    streets road alley sidewalk traffic forest jungle woods garden park meadow leaves leaf grass mountain
    mountains peak summit cliff cliffs hill hills valley canyon space galaxy planet planets nebula cosmic
    orbit mars desert dune dunes sahara snow snowy snowing winter ice icy frozen blizzard arctic rain rainy
    raining storm stormy thunder lightning puddle fire fires flame flames night midnight moonlight
    moonlit starry stars dark sunset sunrise dusk dawn golden evening twilight party parties disco club
    concert celebration birthday festival crowd kitchen recipe food breakfast""".split()
)
TIMES = frozenset({"night", "sunset"})
WEATHER = frozenset({"snow", "rain", "fire"})
PLACES = frozenset(SCENE_WORDS) - TIMES - WEATHER
SCENE_OF: dict[str, str] = {word: tag for tag, words in SCENE_WORDS.items() for word in words.split()}

# Words that set the look of the whole clip; the engines grade their frames by it.
STYLES: dict[str, str] = {
    "cartoon": "cartoon", "cartoony": "cartoon", "animated": "cartoon", "anime": "cartoon",
    "comic": "cartoon",
    "noir": "mono", "monochrome": "mono", "grayscale": "mono", "greyscale": "mono",
    "sepia": "sepia", "vintage": "sepia", "retro": "sepia", "old-timey": "sepia",
    "neon": "neon", "cyberpunk": "neon", "synthwave": "neon", "vaporwave": "neon",
    "pastel": "pastel", "dreamy": "pastel", "watercolor": "pastel", "watercolour": "pastel",
}  # fmt: skip
_BLACK_AND_WHITE = re.compile(r"\bblack[- ]and[- ]white\b", re.IGNORECASE)
# A sentence that edits the whole clip: "Make it night", "add rain", "turn it into a cartoon".
_GLOBAL_EDIT = re.compile(
    r"^\s*(?:(?:please\s+)?(?:make|turn|set|change|switch|render|redo|show)\s+(?:it|this|everything|the\s+"
    r"(?:video|clip|scene|whole\s+thing))\b|add\b|put\b|as\s+an?\b|in\s+the\s+style\b|in\s+black\b)",
    re.IGNORECASE,
)
_ADDITION = re.compile(r"^\s*(?:and\s+)?(?:add|put|include|with)\b", re.IGNORECASE)

CAMERA_MOVES = ("pan-left", "pan-right", "push-in", "pull-out", "drift")

_QUOTE = re.compile(r'"([^"]*)"|“([^”]*)”|„([^“”]*)[“”]')
_CUE = re.compile(r"\[([^\[\]]{1,40})\]")
# A cameo mention: "@" and a handle (the username rules in feed.validators), not inside a word or email.
HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{1,30})")
# Shot boundaries: sentence ends, ";", and "then" (with or without a comma before it).
_BOUNDARY = re.compile(r"(?<=[.!?…])\s+|\s*;\s*|,?\s+(?:and\s+)?then\s+", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
# "Astronauts walk on the moon": the moon is where they are (the space scene's ground), not a
# crescent under their feet.
_ON_THE_MOON = re.compile(r"\b(?:on|onto|to|from|across) the moon\b", re.IGNORECASE)
_TOKEN = re.compile(r"@?\w[\w'-]*|[^\w\s]")
_LEADING_THEN = re.compile(r"^\s*(?:and\s+)?then\b[\s,]*", re.IGNORECASE)
# "waves at the camera" is a gesture, not the sea.
_GESTURE = re.compile(r"\bwav(?:e|es|ing)\s+(?:at|to|hello|hi|goodbye|bye|back)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """A line of dialogue, written in quotes in the prompt."""

    text: str
    speaker: str  # a subject word ("corgi"), a cameo "@handle", or "narrator"


@dataclass(frozen=True)
class Shot:
    index: int
    start: float  # seconds
    end: float
    text: str  # the shot's words with quotes and cues removed, for captions and diffusion
    scenes: tuple[str, ...]  # scene tags in the order their words appear; empty = unknown
    subjects: tuple[str, ...]  # subject nouns and "@handles", in order of appearance (the speakers)
    camera: str
    lines: tuple[Line, ...]
    cues: tuple[str, ...]  # sound cue names as written, lower case: "applause", "laughs"
    cast: tuple[Thing, ...] = ()  # the subjects with their counts, sprites and motions
    props: tuple[Thing, ...] = ()  # what they hold, ride, play, eat, wear, or stand beside

    @property
    def duration(self) -> float:
        return self.end - self.start

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "scene": list(self.scenes),
            "subjects": [thing.as_dict() for thing in self.cast],
            "props": [thing.as_dict() for thing in self.props],
            "lines": [{"speaker": line.speaker, "text": line.text} for line in self.lines],
            "cues": list(self.cues),
            "camera": self.camera,
        }


@dataclass(frozen=True)
class Plan:
    shots: tuple[Shot, ...]
    duration: float
    style: str = ""  # a grade for the whole clip: cartoon, mono, sepia, neon, pastel; "" = none

    def shot_at(self, t: float) -> Shot:
        for shot in self.shots:
            if t < shot.end:
                return shot
        return self.shots[-1]

    @property
    def scenes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag for shot in self.shots for tag in shot.scenes))

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.speaker for shot in self.shots for line in shot.lines))

    def as_dict(self) -> dict:
        """The plan as `manage.py plan_prompt --json` prints it; the render uses exactly this."""
        return {
            "duration": self.duration,
            "style": self.style,
            "shots": [shot.as_dict() for shot in self.shots],
        }


def plan_prompt(prompt: str, *, duration: float, seed: int) -> Plan:
    """Split the prompt into 1–4 timed shots with their scenes, things, lines and cues."""
    quotes: list[str] = []

    def hide(match: re.Match) -> str:
        # Quotes may hold "!" or "then"; hide them so they never split a shot.
        quotes.append(next(group for group in match.groups() if group is not None))
        return f" \x00{len(quotes) - 1}\x00 "

    hidden = _QUOTE.sub(hide, prompt)
    pieces = [piece for piece in _BOUNDARY.split(hidden) if _has_content(piece)]
    if not pieces:
        pieces = [hidden]
    style = _style(re.sub(r"\x00\d+\x00", " ", hidden))
    drafts = [_draft(piece, quotes) for piece in pieces]
    # "Make it night and add rain.": applies to every shot, and is no shot of its own.
    edits = [d for d in drafts if d["global"]]
    drafts = [d for d in drafts if not d["global"]] or drafts[:1]
    while len(drafts) > MAX_SHOTS:
        # Merge the shortest neighbouring pair: keeps the story's order and balance.
        pair = min(range(len(drafts) - 1), key=lambda i: len(drafts[i]["text"]) + len(drafts[i + 1]["text"]))
        drafts[pair : pair + 2] = [_merge(drafts[pair : pair + 2])]

    rng = _Rng(prompt, seed)
    # A shot with no subject of its own continues with the prompt's previous one ("then waves"),
    # doing what this shot says.
    last: tuple[Thing, ...] = ()
    for draft in drafts:
        if not draft["cast"] and last:
            motion = draft["motions"][0] if draft["motions"] else ""
            draft["cast"] = tuple(replace(thing, motion=motion) for thing in last)
        last = draft["cast"] or last
    first = next((d["cast"] for d in drafts if d["cast"]), ())
    for draft in drafts:
        if not draft["cast"] and draft["lines_text"]:
            draft["cast"] = first
        speaker = draft["cast"][0].noun if draft["cast"] else NARRATOR
        draft["lines"] = tuple(Line(text=text, speaker=speaker) for text in draft["lines_text"])
    # Scenes carry over too: "then waves at the camera" stays on the beach at sunset. A new
    # place drops the old weather; the time of day holds until the prompt changes it.
    previous: tuple[str, ...] = ()
    for draft in drafts:
        own = draft["scenes"]
        places = [tag for tag in own if tag in PLACES] or [tag for tag in previous if tag in PLACES]
        times = [tag for tag in own if tag in TIMES] or [tag for tag in previous if tag in TIMES]
        weather = [tag for tag in own if tag in WEATHER]
        if not weather and not any(tag in PLACES for tag in own):
            weather = [tag for tag in previous if tag in WEATHER]
        order = {tag: i for i, tag in enumerate((*own, *previous))}
        draft["scenes"] = tuple(sorted({*places, *times, *weather}, key=order.get))
        previous = draft["scenes"]
    for edit in edits:
        _apply_edit(drafts, edit)

    spans = _timings(drafts, duration)
    shots = []
    previous_camera = ""
    for index, (draft, (start, end)) in enumerate(zip(drafts, spans, strict=True)):
        camera = rng.choice([move for move in CAMERA_MOVES if move != previous_camera])
        previous_camera = camera
        shots.append(_shot(index, start, end, draft, camera))
    return Plan(shots=tuple(shots), duration=float(duration), style=style)


def plan_for(spec: RenderSpec) -> Plan:
    """The plan a render uses: a remix's plan when the spec has a parent, else the prompt's."""
    if spec.parent_prompt:
        return plan_remix(
            spec.prompt,
            parent_prompt=spec.parent_prompt,
            strength=spec.parent_strength,
            duration=spec.duration,
            seed=spec.seed,
        )
    return plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)


def plan_remix(prompt: str, *, parent_prompt: str, strength: float, duration: float, seed: int) -> Plan:
    """The plan of a remix: subtle (strength < 0.5) keeps the parent's shots, subjects and
    timing and changes only what the edit names; wild plans freely from the new prompt.

    The edit is what the new prompt adds to or changes in the parent's: a look ("make it night
    and add rain") goes to every shot, a swapped word ("cat" -> "dog") swaps that thing in every
    shot, and a thing added ("add a dog") joins every shot.
    """
    plan = plan_prompt(prompt, duration=duration, seed=seed)
    if strength >= 0.5 or not parent_prompt.strip() or parent_prompt.strip() == prompt.strip():
        return plan
    parent = plan_prompt(parent_prompt, duration=duration, seed=seed)
    # Words and punctuation apart: "couch." in the edit is still the parent's "couch".
    old_words, new_words = _TOKEN.findall(parent_prompt), _TOKEN.findall(prompt)
    swaps: dict[str, Thing] = {}
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in old_words], b=[w.lower() for w in new_words])
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "replace":
            before = _things_of(" ".join(old_words[a0:a1]))
            after = _things_of(" ".join(new_words[b0:b1]))
            for old, new in zip(before, after, strict=False):
                swaps[old.noun] = new
            added.extend(thing.noun for thing in after[len(before) :])
        if op in ("replace", "insert"):
            added.append(" ".join(new_words[b0:b1]))
    edit = _draft(" ".join(added), [])
    shots = []
    for shot in parent.shots:
        cast = tuple(_swapped(thing, swaps) for thing in shot.cast)
        props = tuple(_swapped(thing, swaps) for thing in shot.props)
        extra_cast = tuple(
            t for t in edit["cast"] if t.noun not in swaps.values() and t.noun not in {c.noun for c in cast}
        )
        extra_props = tuple(
            replace(t, owner=0) for t in edit["props"] if t.noun not in {p.noun for p in props}
        )
        scenes = _with_scenes(shot.scenes, edit["scenes"])
        subjects = tuple(dict.fromkeys(t.noun for t in (*cast, *extra_cast)))
        lines = tuple(replace(line, speaker=_swapped_noun(line.speaker, swaps)) for line in shot.lines)
        shots.append(
            replace(shot, cast=(*cast, *extra_cast), props=(*props, *extra_props), scenes=scenes,
                    subjects=subjects, lines=lines)
        )  # fmt: skip
    if [line.text for s in plan.shots for line in s.lines] != [
        line.text for s in parent.shots for line in s.lines
    ]:
        return plan  # new words to say: the parent's timing can't hold them
    return Plan(shots=tuple(shots), duration=parent.duration, style=plan.style or parent.style)


def _things_of(text: str) -> list[Thing]:
    draft = _draft(text, [])
    return [*draft["cast"], *draft["props"]]


def _swapped(thing: Thing, swaps: dict[str, Thing]) -> Thing:
    new = swaps.get(thing.noun)
    if new is None:
        return thing
    return replace(thing, noun=new.noun, sprite=new.sprite)


def _swapped_noun(noun: str, swaps: dict[str, Thing]) -> str:
    return swaps[noun].noun if noun in swaps else noun


def _with_scenes(scenes: tuple[str, ...], edit: tuple[str, ...]) -> tuple[str, ...]:
    """An edit's place replaces the shot's place; its time and weather are added."""
    if any(tag in PLACES for tag in edit):
        scenes = tuple(tag for tag in scenes if tag not in PLACES)
    if any(tag in TIMES for tag in edit):
        scenes = tuple(tag for tag in scenes if tag not in TIMES)
    return tuple(dict.fromkeys((*scenes, *edit)))


def _apply_edit(drafts: list[dict], edit: dict) -> None:
    for draft in drafts:
        draft["scenes"] = _with_scenes(draft["scenes"], edit["scenes"])
        nouns = {thing.noun for thing in (*draft["cast"], *draft["props"])}
        for thing in edit["cast"]:
            if thing.noun not in nouns:
                draft["cast"] = (*draft["cast"], thing)
        for thing in edit["props"]:
            if thing.noun not in nouns:
                draft["props"] = (*draft["props"], replace(thing, owner=0))


def _shot(index: int, start: float, end: float, draft: dict, camera: str) -> Shot:
    sky = any(tag in ("sky", "space") for tag in draft["scenes"]) and not any(
        tag in ("beach", "city", "street", "forest", "mountain", "desert", "kitchen", "party")
        for tag in draft["scenes"]
    )
    water = "sea" in draft["scenes"]
    cast = tuple(
        thing if thing.motion else replace(thing, motion=motion_default(thing, sky=sky, water=water))
        for thing in draft["cast"]
    )
    return Shot(
        index=index,
        start=start,
        end=end,
        text=draft["text"],
        scenes=draft["scenes"],
        subjects=tuple(dict.fromkeys(thing.noun for thing in cast)),
        camera=camera,
        lines=draft["lines"],
        cues=draft["cues"],
        cast=cast,
        props=draft["props"],
    )


def _has_content(piece: str) -> bool:
    return bool(re.search(r"\w|\x00", piece))


def _style(text: str) -> str:
    if _BLACK_AND_WHITE.search(text):
        return "mono"
    for word in re.findall(r"[a-z][a-z-]*", text.lower()):
        if word in STYLES:
            return STYLES[word]
    return ""


def _draft(piece: str, quotes: list[str]) -> dict:
    lines_text = tuple(
        " ".join(quotes[int(n)].split())
        for n in re.findall(r"\x00(\d+)\x00", piece)
        if quotes[int(n)].strip()
    )
    cues = tuple(" ".join(cue.lower().split()) for cue in _CUE.findall(piece))
    plain = _LEADING_THEN.sub("", _CUE.sub(" ", re.sub(r"\x00\d+\x00", " ", piece)))
    text = " ".join(plain.split()).strip(" ,.;:!?")
    scenes: dict[str, int] = {}
    ungestured = _ON_THE_MOON.sub(" in space ", _GESTURE.sub(lambda m: "~" * len(m.group()), plain))
    for match in _WORD.finditer(ungestured.lower()):
        word = match.group()
        if word in SCENE_OF:
            scenes.setdefault(SCENE_OF[word], match.start())
    scene_words = frozenset(word for word in SCENE_OF if word in PLACE_WORDS)
    cast, props, motions = things_read(ungestured, scene_words=scene_words | frozenset(STYLES))
    if _GESTURE.search(plain):
        motions = ["wave", *motions]
        cast = [thing if thing.motion else replace(thing, motion="wave") for thing in cast]
    edit = bool(_GLOBAL_EDIT.match(text)) and not lines_text and not cues
    if edit and _ADDITION.match(text):
        # "Add a dog": the dog joins every shot, as a subject if it can act.
        props = [t for t in props if not (t.sprite and t.sprite.animate)]
        cast = [
            *cast,
            *(replace(t, role="subject", motion="") for t in _props_animate(ungestured, scene_words)),
        ]
    edit = edit or (not cast and not props and not lines_text and not cues and bool(scenes or _style(text)))
    return {
        "text": text,
        "scenes": tuple(sorted(scenes, key=scenes.get)),
        "cast": tuple(cast),
        "props": tuple(props),
        "motions": motions,
        "lines_text": lines_text,
        "cues": cues,
        "global": edit,
    }


def _props_animate(text: str, scene_words: frozenset[str]) -> list[Thing]:
    _, props, _ = things_read(text, scene_words=scene_words)
    return [t for t in props if t.sprite and t.sprite.animate]


def _merge(drafts: list[dict]) -> dict:
    merged = dict(drafts[0])
    for key in ("lines_text", "cues", "cast", "props"):
        merged[key] = tuple(item for draft in drafts for item in draft[key])
    merged["scenes"] = tuple(dict.fromkeys(tag for draft in drafts for tag in draft["scenes"]))
    merged["motions"] = [m for draft in drafts for m in draft["motions"]]
    merged["text"] = ", ".join(draft["text"] for draft in drafts if draft["text"])
    return merged


def _timings(drafts: list[dict], duration: float) -> list[tuple[float, float]]:
    """Share the clip between shots, giving shots with dialogue room for their lines."""
    count = len(drafts)
    while count > 1 and duration / count < MIN_SHOT_SECONDS:
        count -= 1
    if count < len(drafts):
        # Too many shots for a short clip: fold the tail into the last kept shot.
        tail = drafts[count - 1 :]
        merged = dict(tail[0])
        for key in ("lines", "cues", "props"):
            merged[key] = tuple(item for draft in tail for item in draft[key])
        merged["text"] = ", ".join(draft["text"] for draft in tail if draft["text"])
        drafts[count - 1 :] = [merged]
    equal = duration / count
    needs = [
        max(equal, LINE_LEAD + 0.4 + SPEECH_SECONDS_PER_CHAR * sum(len(line.text) for line in d["lines"]))
        for d in drafts
    ]
    scale = duration / sum(needs)
    spans, start = [], 0.0
    for index, need in enumerate(needs):
        end = duration if index == count - 1 else round(start + need * scale, 3)
        spans.append((round(start, 3), end))
        start = end
    return spans


class _Rng:
    """Choices that depend only on (prompt, seed): Python's hash() is salted per process."""

    def __init__(self, prompt: str, seed: int) -> None:
        self._state = hashlib.sha256(f"plan\x00{seed}\x00{prompt}".encode()).digest()

    def choice(self, options: list[str]) -> str:
        self._state = hashlib.sha256(self._state).digest()
        return options[int.from_bytes(self._state[:8], "big") % len(options)]
