"""The `preview` video engine: no weights, CPU only, deterministic for (prompt, seed).

It is the first thing a newcomer sees, so it has to be worth watching: every shot of the plan
gets its own scene built from its tags (a sky, parallax bands, particles), its subjects as
animated cartoon figures (or a cameo's portrait whose jaw moves with the voice), and its camera
move. Shots cut hard from one to the next. Subtitles and the watermark are drawn by the
pipeline (generation/overlay.py), not here.

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

from ..plan import Plan, Shot
from .base import AudioTrack, Cancelled, CancelledFn, ProgressFn, Reference, RenderSpec, SpokenLine
from .preview_figures import MOUTHS, Actor, Shadow, cameo_drawer, figure_drawer, load_face
from .preview_scenes import Scene, pixels, scene_steps

VERSION = "2"

ZOOM = 1.3  # how far push-in and pull-out go
ACTOR_DEPTH = 0.5  # subjects drift with the camera at half the ground's speed: a tracking shot

# The first motion whose words the shot uses wins.
_MOTIONS = tuple(
    (motion, frozenset(words.split()))
    for motion, words in (
        ("surf", "surf surfs surfing surfer surfboard"),
        ("hop", "hop hops hopping jump jumps jumping bounce bounces dance dances dancing party celebrate"),
        ("run", "run runs running race races chase chases walk walks walking"),
        ("fly", "fly flies flying soar soars float floats floating glide glides"),
        ("swim", "swim swims swimming dive dives diving"),
    )
)
_WAVING = re.compile(r"\bwav(?:e|es|ing)\s+(?:at|to|hello|hi|goodbye|bye|back)\b", re.IGNORECASE)


class PreviewEngine:
    name = "preview"

    def describe(self) -> dict[str, str]:
        return {"engine": self.name, "version": VERSION}

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
                    view = _Build(spec, shot, soundtrack.spoken).result()
                upcoming = None
                if shot.index + 1 < len(plan.shots):
                    upcoming = _Build(spec, plan.shots[shot.index + 1], soundtrack.spoken)
            elif upcoming is not None:
                upcoming.step()
            level = float(levels[index]) if index < len(levels) else 0.0
            frame = view.draw(t, level)
            progress((index + 1) / total)
            yield frame


class _Build:
    """A shot being built one step per frame of the shot before it."""

    def __init__(self, spec: RenderSpec, shot: Shot, spoken: tuple[SpokenLine, ...]) -> None:
        self.shot = shot
        self._steps = shot_steps(spec, shot, spoken)
        self._view: ShotView | None = None

    def step(self) -> None:
        if self._view is None:
            self._view = next(self._steps)

    def result(self) -> ShotView:
        while self._view is None:
            self.step()
        return self._view


def shot_steps(spec: RenderSpec, shot: Shot, spoken: tuple[SpokenLine, ...]) -> Iterator[ShotView | None]:
    """Build a shot's view in steps of a few milliseconds: None after each, the view last."""
    rng = shot_rng(spec, shot.index)
    scene = None
    for scene in scene_steps(shot.scenes, spec.width, spec.height, rng):
        if scene is None:
            yield None
    assert scene is not None
    actors = cast(spec, shot, scene, rng)
    for actor in actors:
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
        pose, dx, dy = actor.place(t)
        speaking = any(line.start <= t < line.end for line in self.spoken if line.speaker == actor.name)
        mouth = min(actor.mouths - 1, round(level * (actor.mouths - 1))) if speaking else 0
        if mouth:
            pose -= pose % 2  # talking: half the body drawings, so half the (pose, mouth) pairs to draw
        sprite, (ax, ay) = actor.sprite(pose, mouth)
        shift = (ACTOR_DEPTH if pivot == 0 else pivot) - pivot
        x = actor.x + dx - shift * travel
        if actor.shadow is not None:
            actor.shadow.draw(canvas, x - left, actor.y - top)
        sprite.draw(canvas, round(x - ax) - left, round(actor.y + dy - ay) - top)


def cast(spec: RenderSpec, shot: Shot, scene: Scene, rng: np.random.Generator) -> list[Actor]:
    """The shot's subjects, spread across the frame, facing its middle."""
    subjects = shot.subjects
    if not subjects:
        return []
    words = set(re.findall(r"[a-z]+", shot.text.lower()))
    n = len(subjects)
    base = min(spec.width * 0.5, spec.height * (0.3 if spec.height > spec.width else 0.4))
    size = max(8, round(base * (1.0, 0.8, 0.68, 0.6)[min(n, 4) - 1]))
    references = {"@" + ref.name.lstrip("@").lower(): ref for ref in spec.references}
    waving = bool(_WAVING.search(shot.text))
    seed = f"{spec.seed}\x00{spec.prompt}".encode()
    actors = []
    for i, subject in enumerate(subjects):
        x = spec.width * (i + 1) / (n + 1)
        motion = _motion(words, subject, scene)
        y = scene.ground
        if scene.water and motion in ("surf", "swim"):
            y = round(spec.height * 0.8)  # in the waves, not on the shore
        drawer, mouths = _drawer(subject, size, motion, x > spec.width / 2, seed, waving, references, rng)
        actors.append(
            Actor(
                name=subject,
                size=size,
                x=x,
                y=y,
                motion=motion,
                phase=float(rng.uniform(0, 1)),
                rate=float(rng.uniform(0.8, 1.2)) * (1.6 if motion in ("run", "fly") else 1.0),
                mouths=mouths,
                draw_pose=drawer,
                shadow=None if motion in ("fly", "swim") or scene.water else Shadow.for_size(size),
            )
        )
    return actors


def _motion(words: set[str], subject: str, scene: Scene) -> str:
    for motion, triggers in _MOTIONS:
        if words & triggers:
            return motion
    if subject in ("fish", "shark", "dolphin", "whale", "octopus", "turtle"):
        return "swim"
    if scene.floating or subject in ("bird", "parrot", "owl", "dragon", "ghost"):
        return "fly"
    return "idle"


def _drawer(
    subject: str,
    size: int,
    motion: str,
    facing_left: bool,
    seed: bytes,
    waving: bool,
    references: dict[str, Reference],
    rng: np.random.Generator,
) -> tuple[Callable[[int, int], tuple[np.ndarray, tuple[int, int]]], int]:
    """How to draw a subject: its cameo portrait if it has a readable one, else a figure."""
    reference = references.get(subject.lower())
    if reference is not None:
        face = load_face(reference.image, max(8, round(size * 0.62)))
        if face is not None:
            shirt = tuple(int(c) for c in rng.integers(40, 220, 3))
            return cameo_drawer(face, shirt)  # type: ignore[arg-type]
    return figure_drawer(subject, size, motion, facing_left, seed, waving), MOUTHS
