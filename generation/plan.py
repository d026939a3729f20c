"""Turn a prompt into a shot plan: what happens when, who speaks which line, which sounds play.

Both engines read the same plan, so the picture and the sound agree on the shots. Pure Python
and deterministic for (prompt, duration, seed): a retry plans the same clip.

A prompt such as ``A corgi surfs a huge wave at sunset, then waves at the camera and says
"best day ever!" [applause]`` becomes two shots (split at sentences, "then" and ";"); the
quoted words are a spoken line of the second shot and ``[applause]`` a sound cue there.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

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
    "sea": "sea ocean wave waves surf surfs surfing surfer underwater water lake river boat sail "
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
    "birthday festival crowd",
    "kitchen": "kitchen cook cooks cooking chef bake bakes baking recipe pasta pizza food breakfast",
}
TIMES = frozenset({"night", "sunset"})
WEATHER = frozenset({"snow", "rain", "fire"})
PLACES = frozenset(SCENE_WORDS) - TIMES - WEATHER
SCENE_OF: dict[str, str] = {word: tag for tag, words in SCENE_WORDS.items() for word in words.split()}

# Things that can be drawn as a figure and can speak. Plurals map to the singular.
SUBJECT_WORDS = (
    "corgi dog puppy cat kitten bird owl parrot penguin duck chicken fox bear panda rabbit bunny "
    "horse cow pig sheep frog turtle fish shark octopus dolphin whale dragon unicorn monkey lion "
    "tiger elephant giraffe robot alien astronaut person man woman boy girl kid child baby chef "
    "grandma grandpa friend teacher wizard knight pirate ghost cowboy dancer singer surfer skier"
).split()
_SUBJECT_OF = {word: word for word in SUBJECT_WORDS} | {
    word + "s": word for word in SUBJECT_WORDS if not word.endswith("s")
} | {"people": "person", "men": "man", "women": "woman", "children": "child", "kids": "kid",
     "puppies": "puppy", "bunnies": "bunny", "foxes": "fox", "fish": "fish", "sheep": "sheep",
     "wolves": "dog", "babies": "baby"}  # fmt: skip

CAMERA_MOVES = ("pan-left", "pan-right", "push-in", "pull-out", "drift")

_QUOTE = re.compile(r'"([^"]*)"|“([^”]*)”|„([^“”]*)[“”]')
_CUE = re.compile(r"\[([^\[\]]{1,40})\]")
# A cameo mention: "@" and a handle (the username rules in feed.validators), not inside a word or email.
HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{1,30})")
# Shot boundaries: sentence ends, ";", and "then" (with or without a comma before it).
_BOUNDARY = re.compile(r"(?<=[.!?…])\s+|\s*;\s*|,?\s+(?:and\s+)?then\s+", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
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
    subjects: tuple[str, ...]  # subject words and "@handles", in order of appearance
    camera: str
    lines: tuple[Line, ...]
    cues: tuple[str, ...]  # sound cue names as written, lower case: "applause", "laughs"

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Plan:
    shots: tuple[Shot, ...]
    duration: float

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


def plan_prompt(prompt: str, *, duration: float, seed: int) -> Plan:
    """Split the prompt into 1–4 timed shots with their scenes, subjects, lines and cues."""
    quotes: list[str] = []

    def hide(match: re.Match) -> str:
        # Quotes may hold "!" or "then"; hide them so they never split a shot.
        quotes.append(next(group for group in match.groups() if group is not None))
        return f" \x00{len(quotes) - 1}\x00 "

    hidden = _QUOTE.sub(hide, prompt)
    pieces = [piece for piece in _BOUNDARY.split(hidden) if _has_content(piece)]
    if not pieces:
        pieces = [hidden]
    while len(pieces) > MAX_SHOTS:
        # Merge the shortest neighbouring pair: keeps the story's order and balance.
        pair = min(range(len(pieces) - 1), key=lambda i: len(pieces[i]) + len(pieces[i + 1]))
        pieces[pair : pair + 2] = [f"{pieces[pair]} {pieces[pair + 1]}"]

    rng = _Rng(prompt, seed)
    drafts = [_draft(piece, quotes) for piece in pieces]
    # A shot with no subject of its own continues with the prompt's previous one ("then waves").
    last_subjects: tuple[str, ...] = ()
    for draft in drafts:
        if not draft["subjects"]:
            draft["subjects"] = last_subjects
        last_subjects = draft["subjects"] or last_subjects
    first_subjects = next((d["subjects"] for d in drafts if d["subjects"]), ())
    for draft in drafts:
        if not draft["subjects"] and draft["lines_text"]:
            draft["subjects"] = first_subjects
        speaker = draft["subjects"][0] if draft["subjects"] else NARRATOR
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

    spans = _timings(drafts, duration)
    shots = []
    previous_camera = ""
    for index, (draft, (start, end)) in enumerate(zip(drafts, spans, strict=True)):
        camera = rng.choice([move for move in CAMERA_MOVES if move != previous_camera])
        previous_camera = camera
        shots.append(
            Shot(
                index=index,
                start=start,
                end=end,
                text=draft["text"],
                scenes=draft["scenes"],
                subjects=draft["subjects"],
                camera=camera,
                lines=draft["lines"],
                cues=draft["cues"],
            )
        )
    return Plan(shots=tuple(shots), duration=float(duration))


def _has_content(piece: str) -> bool:
    return bool(re.search(r"\w|\x00", piece))


def _draft(piece: str, quotes: list[str]) -> dict:
    lines_text = tuple(
        " ".join(quotes[int(n)].split())
        for n in re.findall(r"\x00(\d+)\x00", piece)
        if quotes[int(n)].strip()
    )
    cues = tuple(" ".join(cue.lower().split()) for cue in _CUE.findall(piece))
    plain = _LEADING_THEN.sub("", _CUE.sub(" ", re.sub(r"\x00\d+\x00", " ", piece)))
    text = " ".join(plain.split()).strip(" ,.;:!?")
    ordered: list[tuple[int, str]] = []
    scenes: dict[str, int] = {}
    for match in _WORD.finditer(_GESTURE.sub(lambda m: "~" * len(m.group()), plain).lower()):
        word = match.group()
        if word in SCENE_OF:
            scenes.setdefault(SCENE_OF[word], match.start())
        if word in _SUBJECT_OF:
            ordered.append((match.start(), _SUBJECT_OF[word]))
    for match in HANDLE.finditer(plain):
        ordered.append((match.start(), "@" + match.group(1).lower()))
    subjects = tuple(dict.fromkeys(subject for _, subject in sorted(ordered)))
    return {
        "text": text,
        "scenes": tuple(sorted(scenes, key=scenes.get)),
        "subjects": subjects,
        "lines_text": lines_text,
        "cues": cues,
    }


def _timings(drafts: list[dict], duration: float) -> list[tuple[float, float]]:
    """Share the clip between shots, giving shots with dialogue room for their lines."""
    count = len(drafts)
    while count > 1 and duration / count < MIN_SHOT_SECONDS:
        count -= 1
    if count < len(drafts):
        # Too many shots for a short clip: fold the tail into the last kept shot.
        tail = drafts[count - 1 :]
        merged = dict(tail[0])
        for key in ("lines", "cues"):
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
