"""The `preview` video engine: no weights, CPU only, deterministic for (prompt, seed).

It is the first thing a newcomer sees, so it has to be worth watching: every shot of the plan
gets its own scene built from its tags (a sky, parallax bands, particles), its subjects as many
times as the prompt counts them, as OpenMoji sprites moving the way the verbs say (flying
through the sky, walking across, spinning, tumbling), or a cameo's portrait, or a drawn figure
when no sprite matches; props held, worn, ridden or beside them; mouths that open with the
voice; and its camera move. A style ("as a cartoon", "black and white") grades every frame.
Shots cut hard from one to the next. Subtitles and the watermark are drawn by the pipeline
(generation/overlay.py), not here.

Speed matters because frames are made in Python while ffmpeg encodes beside us on the same
cores: everything is rendered once per shot, and a frame is only slices, masked copies, a
few small blends, and for zooming shots one nearest-neighbour resample.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterator

import numpy as np

from .. import sprites
from ..plan import Plan, Shot
from ..things import Thing
from .base import AudioTrack, Cancelled, CancelledFn, ProgressFn, Reference, RenderSpec, SpokenLine
from .preview_figures import MOUTHS, Actor, Shadow, cameo_drawer, figure_drawer, load_face
from .preview_grades import grade_scene
from .preview_scenes import Scene, pixels, scene_steps
from .preview_sprites import BIG, PLACES, RIDER_SCALE, mouth_line, sprite_drawer, talking_sprite

VERSION = "3"

ZOOM = 1.3  # how far push-in and pull-out go
ACTOR_DEPTH = 0.5  # subjects drift with the camera at half the ground's speed: a tracking shot

MAX_DRAWN = 6  # of one subject: "twelve ducks" shows six
MAX_ON_SCREEN = 8
SIZE_FOR_COUNT = (1.0, 0.8, 0.68, 0.6, 0.52, 0.46, 0.42, 0.38)
TRAVELLING = frozenset({"walk", "run", "fly", "swim", "ride", "surf"})  # they cross the frame
# The drawn figures (subjects with no sprite) know fewer motions.
_FIGURE_MOTION = {"hop": "hop", "dance": "hop", "jump": "hop", "run": "run", "walk": "run", "fly": "fly",
                  "surf": "surf", "swim": "swim"}  # fmt: skip
_WAVING = re.compile(r"\bwav(?:e|es|ing)\s+(?:at|to|hello|hi|goodbye|bye|back)\b", re.IGNORECASE)


class PreviewEngine:
    name = "preview"
    hardware = "cpu"  # numpy and Pillow: any machine renders it (generation/queues.py)

    def describe(self) -> dict[str, str]:
        return {"engine": self.name, "version": VERSION, "sprites": sprites.CREDIT}

    def frames(
        self,
        spec: RenderSpec,
        plan: Plan,
        soundtrack: AudioTrack,
        *,
        progress: ProgressFn,
        cancelled: CancelledFn,
    ) -> Iterator[np.ndarray]:
        if cancelled():
            raise Cancelled()
        levels = soundtrack.voice_levels(spec.fps)
        total = spec.frame_count
        view: ShotView | None = None
        upcoming: _Build | None = None
        for index in range(total):
            if cancelled():
                raise Cancelled()
            t = index / spec.fps
            shot = plan.shot_at(t)
            if view is None or view.shot is not shot:
                view = None  # let the previous shot's layers go before building the next
                if upcoming is not None and upcoming.shot is shot:
                    view = upcoming.result()
                else:
                    view = _Build(spec, shot, soundtrack.spoken, plan.style).result()
                upcoming = None
                if shot.index + 1 < len(plan.shots):
                    upcoming = _Build(spec, plan.shots[shot.index + 1], soundtrack.spoken, plan.style)
            elif upcoming is not None:
                upcoming.step()
            level = float(levels[index]) if index < len(levels) else 0.0
            frame = view.draw(t, level)
            progress((index + 1) / total)
            yield frame


class _Build:
    """A shot being built one step per frame of the shot before it."""

    def __init__(self, spec: RenderSpec, shot: Shot, spoken: tuple[SpokenLine, ...], style: str) -> None:
        self.shot = shot
        self._steps = shot_steps(spec, shot, spoken, style)
        self._view: ShotView | None = None

    def step(self) -> None:
        if self._view is None:
            self._view = next(self._steps)

    def result(self) -> ShotView:
        while self._view is None:
            self.step()
        return self._view


def shot_steps(
    spec: RenderSpec, shot: Shot, spoken: tuple[SpokenLine, ...], style: str = ""
) -> Iterator[ShotView | None]:
    """Build a shot's view in steps of a few milliseconds: None after each, the view last.

    A style grades the layers once here, not every frame: a frame is then no dearer for it.
    """
    rng = shot_rng(spec, shot.index)
    scene = None
    for scene in scene_steps(shot.scenes, spec.width, spec.height, rng):
        if scene is None:
            yield None
    assert scene is not None
    if style:
        grade_scene(scene, style)
        yield None
    actors = cast(spec, shot, scene, rng)
    for actor in actors:
        actor.style = style
        actor.sprite(0, 0)  # the first drawing, ready before the cut
        yield None
    yield ShotView(spec, shot, spoken, scene, actors, rng)


def shot_rng(spec: RenderSpec, shot_index: int) -> np.random.Generator:
    """Randomness that depends only on (prompt, seed, shot), unlike Python's salted hash()."""
    digest = hashlib.sha256(f"preview\x00{spec.seed}\x00{spec.prompt}\x00{shot_index}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))


class ShotView:
    """One shot, ready to draw any of its frames."""

    def __init__(
        self,
        spec: RenderSpec,
        shot: Shot,
        spoken: tuple[SpokenLine, ...],
        scene: Scene,
        actors: list[Actor],
        rng: np.random.Generator,
    ) -> None:
        self.shot = shot
        self.width, self.height = spec.width, spec.height
        self.scene, self.actors = scene, actors
        self.spoken = [line for line in spoken if any(a.name == line.speaker for a in self.actors)]
        self.travel = spec.width * min(0.5, 0.09 * max(shot.duration, 1.0))
        self.phase = float(rng.uniform(0, 2 * math.pi))
        if self.actors:
            size = max(a.size for a in self.actors)
            self.focus = (float(np.mean([a.x for a in self.actors])), self.actors[0].y - 0.5 * size)
        else:
            self.focus = (spec.width / 2, spec.height * 0.55)
        # Reused for every zoomed frame of the shot; never handed out.
        self.scratch = np.empty((spec.height, spec.width, 3), np.uint8)
        self.wide = np.empty((spec.height, spec.width, 3), np.uint8)
        self._zoom_key = (0, 0)

    def camera(self, t: float) -> tuple[float, float, float]:
        """(zoom, camera travel in px, pivot depth) at time t; the pivot depth stays still."""
        s = min(max((t - self.shot.start) / max(self.shot.duration, 1e-6), 0.0), 1.0)
        ease = 0.5 * s + 0.5 * s * s * (3 - 2 * s)
        move = self.shot.camera
        if move in ("pan-left", "pan-right"):
            direction = 1 if move == "pan-right" else -1
            return 1.0, direction * self.travel * (ease - 0.5), 0.0
        if move == "push-in":
            return 1.0 + (ZOOM - 1) * ease, 0.15 * self.travel * (s - 0.5), 0.0
        if move == "pull-out":
            return ZOOM - (ZOOM - 1) * ease, -0.15 * self.travel * (s - 0.5), 0.0
        # Drift: an orbit-like sway around the subject: far layers and the ground slide in
        # opposite directions while the subject holds its place. No zoom: zoomed frames cost
        # a resample each, and the parallax alone reads as a camera moving around.
        sway = math.sin(self.phase + 2 * math.pi * 0.12 * (t - self.shot.start))
        return 1.0, 0.6 * self.travel * sway, 0.7

    def draw(self, t: float, level: float) -> np.ndarray:
        w, h = self.width, self.height
        zoom, travel, pivot = self.camera(t)
        bw, bh = min(w, max(2, round(w / zoom))), min(h, max(2, round(h / zoom)))
        left = min(max(round(self.focus[0] - bw / 2), 0), w - bw)
        top = min(max(round(self.focus[1] - bh / 2), 0), h - bh)
        out = np.empty((h, w, 3), np.uint8)
        canvas = out if (bw, bh) == (w, h) else self.scratch[:bh, :bw]
        self.scene.draw(canvas, left, top, travel, t, pivot)
        for actor in self.actors:
            self._draw_actor(canvas, actor, left, top, travel, pivot, t, level)
        if canvas is not out:
            self._zoom(canvas, out)
        for particles in self.scene.particles:
            particles.draw(out, t, travel, pivot)
        return out

    def _zoom(self, canvas: np.ndarray, out: np.ndarray) -> None:
        """Nearest-neighbour resample of `canvas` to fill `out`.

        Columns first, on the smaller canvas, as bytes: numpy's take has a fast path for
        1-byte items but copies 3-byte pixels one memmove at a time (2x slower here).
        """
        (h, w), (bh, bw) = out.shape[:2], canvas.shape[:2]
        if self._zoom_key != (bw, bh):
            cols = np.minimum(((np.arange(w) + 0.5) * (bw / w)).astype(np.intp), bw - 1)
            self._zoom_cols = (cols[:, None] * 3 + np.arange(3)).ravel()
            self._zoom_rows = np.minimum(((np.arange(h) + 0.5) * (bh / h)).astype(np.intp), bh - 1)
            self._zoom_key = (bw, bh)
        wide = self.wide[:bh]
        np.take(canvas.reshape(bh, bw * 3), self._zoom_cols, axis=1, out=wide.reshape(bh, w * 3), mode="clip")
        np.take(pixels(wide), self._zoom_rows, axis=0, out=pixels(out), mode="clip")

    def _draw_actor(
        self,
        canvas: np.ndarray,
        actor: Actor,
        left: int,
        top: int,
        travel: float,
        pivot: float,
        t: float,
        level: float,
    ) -> None:
        pose, x, y = actor.position(t)
        speaking = actor.speaks and any(
            line.start <= t < line.end for line in self.spoken if line.speaker == actor.name
        )
        mouth = min(actor.mouths - 1, round(level * (actor.mouths - 1))) if speaking else 0
        if mouth:
            pose -= pose % 2  # talking: half the body drawings, so half the (pose, mouth) pairs to draw
        elif speaking and actor.mouths == 1:
            y -= 0.05 * actor.size * level  # no mouth to open: it bobs with its voice
        sprite, (ax, ay) = actor.sprite(pose, mouth)
        shift = (ACTOR_DEPTH if pivot == 0 else pivot) - pivot
        x -= shift * travel
        if actor.shadow is not None:
            actor.shadow.draw(canvas, x - left, actor.y - top)
        sprite.draw(canvas, round(x - ax) - left, round(y - ay) - top)


def cast(spec: RenderSpec, shot: Shot, scene: Scene, rng: np.random.Generator) -> list[Actor]:
    """The shot's subjects (as many as their counts say, up to what fits) and their props,
    in drawing order: what is behind a subject first, what it holds or wears after it."""
    instances = [(thing, k) for thing in shot.cast for k in range(min(thing.count, MAX_DRAWN))]
    instances = instances[:MAX_ON_SCREEN]
    if not instances:
        return []
    n = len(instances)
    base = min(spec.width * 0.5, spec.height * (0.3 if spec.height > spec.width else 0.4))
    size = max(8, round(base * SIZE_FOR_COUNT[min(n, len(SIZE_FOR_COUNT)) - 1]))
    references = {"@" + ref.name.lstrip("@").lower(): ref for ref in spec.references}
    speakers = {line.speaker for line in shot.lines}
    waving = bool(_WAVING.search(shot.text))
    seed = f"{spec.seed}\x00{spec.prompt}".encode()
    heading = 1 if rng.uniform() < 0.5 else -1
    actors: list[Actor] = []
    for i, (thing, copy) in enumerate(instances):
        owner = shot.cast.index(thing)
        motion = thing.motion or "idle"
        moving = motion in TRAVELLING
        x = spec.width * (i + 1) / (n + 1)
        facing_right = heading > 0 if moving else x < spec.width / 2
        y = float(scene.ground)
        if scene.water and motion in ("surf", "swim"):
            y = round(spec.height * 0.8)  # in the waves, not on the shore
        elif motion == "fly" and not scene.floating:
            y = min(scene.ground - 0.9 * size, spec.height * (0.36 + 0.08 * (i % 2)))
        own = [
            p
            for p in shot.props
            if p.owner == owner
            and p.sprite is not None
            and (copy == 0 or copy < p.count or p.relation == "worn")
        ]
        mount = next((p for p in own if p.relation in ("ridden", "below")), None)
        shape = _shape(thing, references)
        talks = copy == 0 and thing.noun in speakers
        own_size = round(size * RIDER_SCALE) if mount is not None and mount.relation == "ridden" else size
        drawer, mouths = _drawer(thing, own_size, motion, facing_right, seed, waving, references, rng, talks)
        lift = size * PLACES[shape][mount.relation][2] * 0.5 if mount is not None else 0.0
        subject = Actor(
            name=thing.noun,
            size=own_size,
            x=x,
            y=y,
            motion=motion,
            phase=float(rng.uniform(0, 1)),
            rate=float(rng.uniform(0.8, 1.2)) * (1.6 if motion in ("run", "fly") else 1.0),
            mouths=mouths,
            draw_pose=drawer,
            shadow=None
            if motion in ("fly", "swim", "fall") or scene.water or y < scene.ground - 1
            else Shadow.for_size(size),
            travel=heading * min(spec.width * 0.45, spec.width * 0.07 * max(shot.duration, 1.0))
            if moving
            else 0.0,
            span=(shot.start, shot.end),
            lift=lift,
        )
        behind = [p for p in own if p.relation in ("ridden", "below", "beside")]
        front = [p for p in own if p not in behind]
        actors += [a for p in behind for a in _props(p, subject, shape, size, facing_right, rng)]
        actors.append(subject)
        actors += [a for p in front for a in _props(p, subject, shape, size, facing_right, rng)]
    return actors


def _shape(thing: Thing, references: dict[str, Reference]) -> str:
    """Where a subject's hands and head are: a bust (people glyphs, cameos) or a whole body."""
    if thing.noun in references:
        return "bust"
    if thing.sprite is not None and mouth_line(thing.sprite) is not None:
        return "bust"
    return "body"


def _props(
    prop: Thing, subject: Actor, shape: str, size: int, facing_right: bool, rng: np.random.Generator
) -> list[Actor]:
    """A prop's drawings (one per count, up to three) placed by its relation to the subject."""
    assert prop.sprite is not None
    dx, dy, scale = PLACES[shape].get(prop.relation, PLACES[shape]["beside"])
    if prop.sprite.name in BIG and prop.relation in ("beside", "played"):
        scale = max(scale, 1.0)
    own = max(6, round(size * scale))
    cutout, _ = subject.sprite(0, 0)
    width, height = cutout.size
    front = 1 if facing_right else -1
    drawer, _ = sprite_drawer(prop.sprite, own, "still", mirror=facing_right, mouth=None)
    under = prop.relation in ("ridden", "below")
    shown = min(prop.count, 3)
    out = []
    for k in range(shown):
        spread = (k - (shown - 1) / 2) * own * 0.55
        offset = (front * dx * width + spread, (subject.lift if under else -dy * height))
        out.append(
            Actor(
                name=prop.noun, size=own, x=0.0, y=0.0,
                motion="float" if prop.relation == "above" else "still",
                phase=float(rng.uniform(0, 1)), rate=0.5, mouths=1, draw_pose=drawer,
                follow=subject, offset=offset, speaks=False,
            )
        )  # fmt: skip
    return out


def _drawer(
    thing: Thing,
    size: int,
    motion: str,
    facing_right: bool,
    seed: bytes,
    waving: bool,
    references: dict[str, Reference],
    rng: np.random.Generator,
    talks: bool,
) -> tuple[Callable[[int, int], tuple[np.ndarray, tuple[int, int]]], int]:
    """How to draw a subject: its cameo portrait if it has a readable one, its sprite if it has
    one, else a drawn figure."""
    reference = references.get(thing.noun.lower())
    if reference is not None:
        face = load_face(reference.image, max(8, round(size * 0.62)))
        if face is not None:
            shirt = tuple(int(c) for c in rng.integers(40, 220, 3))
            return cameo_drawer(face, shirt)  # type: ignore[arg-type]
    if thing.sprite is not None:
        sprite, mouth = talking_sprite(thing.sprite) if talks else (thing.sprite, None)
        # Glyphs of animals and vehicles face left, so one going right is mirrored.
        return sprite_drawer(sprite, size, motion, mirror=facing_right, mouth=mouth)
    return figure_drawer(
        thing.noun, size, _FIGURE_MOTION.get(motion, "idle"), not facing_right, seed, waving
    ), MOUTHS
