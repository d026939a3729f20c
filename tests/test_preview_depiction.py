"""What the preview engine's frames depict: every planned subject and prop is on screen, as many
times as counted, where its relation puts it, moving the way its verb says."""

from dataclasses import replace

import numpy as np
import pytest

from generation.engines.base import AudioTrack, RenderSpec, SpokenLine
from generation.engines.preview import PreviewEngine, ShotView, shot_steps
from generation.plan import Plan, plan_prompt

pytestmark = pytest.mark.nodb

RATE = 8000


def spec_for(prompt: str, **changes) -> RenderSpec:
    fields = dict(prompt=prompt, duration=4, width=360, height=640, seed=7, handle="alice", fps=8)
    return RenderSpec(**(fields | changes))


def still_camera(plan: Plan) -> Plan:
    """The same plan with a camera that neither zooms nor sways, so drawings keep their pixels."""
    return replace(plan, shots=tuple(replace(shot, camera="pan-right") for shot in plan.shots))


def view_of(spec: RenderSpec, plan: Plan, index: int = 0) -> ShotView:
    *_, view = shot_steps(spec, plan.shots[index], ())
    return view


def visible(view: ShotView, frame: np.ndarray, actor, t: float) -> float:
    """The share of an actor's opaque pixels that the frame shows unchanged where it stands."""
    pose, x, y = actor.position(t)
    cutout, (ax, ay) = actor.sprite(pose, 0)
    zoom, travel, pivot = view.camera(t)
    assert zoom == 1.0
    x -= (0.5 - pivot) * travel  # the subjects' parallax (preview.ACTOR_DEPTH)
    left, top = round(x - ax), round(y - ay)
    h, w = cutout.rgb.shape[:2]
    y0, x0 = max(top, 0), max(left, 0)
    y1, x1 = min(top + h, frame.shape[0]), min(left + w, frame.shape[1])
    if y0 >= y1 or x0 >= x1:
        return 0.0
    own = cutout.rgb[y0 - top : y1 - top, x0 - left : x1 - left]
    solid = cutout.solid[y0 - top : y1 - top, x0 - left : x1 - left]
    same = np.all(frame[y0:y1, x0:x1] == own, axis=2) & solid
    return float(same.sum() / max(cutout.solid.sum(), 1))


def test_two_robots_and_their_chess_are_all_on_screen():
    spec = spec_for("Two robots play chess in the park")
    plan = still_camera(plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed))
    view = view_of(spec, plan)
    names = [actor.name for actor in view.actors]
    assert names.count("robot") == 2 and names.count("chess") >= 1
    frame = view.draw(1.0, 0.0)
    for actor in view.actors:
        assert visible(view, frame, actor, 1.0) > 0.5, actor.name
    robots = [a for a in view.actors if a.name == "robot"]
    assert abs(robots[0].position(1.0)[1] - robots[1].position(1.0)[1]) > robots[0].size * 0.5  # side by side


def test_a_flying_dragon_crosses_the_sky_and_a_sitting_one_stays_on_the_ground():
    spec = spec_for("A friendly dragon flies over the forest")
    plan = still_camera(plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed))
    view = view_of(spec, plan)
    (dragon,) = view.actors
    xs = [dragon.position(t)[1] for t in (0.0, 3.9)]
    ys = [dragon.position(t)[2] for t in np.linspace(0, 3.9, 9)]
    assert abs(xs[1] - xs[0]) > 0.15 * spec.width  # through the sky, not on the spot
    assert max(ys) < 0.6 * spec.height and max(ys) < view.scene.ground - 0.2 * dragon.size
    sitting = view_of(
        spec_for("A dragon sits in the forest"),
        still_camera(plan_prompt("A dragon sits in the forest", duration=4, seed=7)),
    )
    (still,) = sitting.actors
    assert abs(still.position(3.9)[1] - still.position(0.0)[1]) < 0.05 * spec.width
    assert still.position(1.0)[2] > 0.6 * spec.height


def test_a_rider_sits_on_its_mount_and_they_move_together():
    spec = spec_for("A girl rides a horse on the beach")
    plan = still_camera(plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed))
    view = view_of(spec, plan)
    horse = next(a for a in view.actors if a.name == "horse")
    girl = next(a for a in view.actors if a.name == "girl")
    assert view.actors.index(horse) < view.actors.index(girl)  # the mount is drawn first, under her
    for t in (0.0, 2.0, 3.9):
        _, hx, hy = horse.position(t)
        _, gx, gy = girl.position(t)
        assert abs(hx - gx) < 0.05 * horse.size and gy < hy - 0.3 * horse.size
    assert abs(horse.position(3.9)[1] - horse.position(0.0)[1]) > 0.1 * spec.width


def test_held_worn_and_above_props_sit_where_their_relation_says():
    spec = spec_for("An old man with a crown holds an umbrella under the moon")
    plan = still_camera(plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed))
    view = view_of(spec, plan)
    man = next(a for a in view.actors if a.follow is None)
    _, mx, my = man.position(1.0)
    cutout, _ = man.sprite(0, 0)
    height = cutout.size[1]
    place = {a.name: a.position(1.0)[1:] for a in view.actors if a.follow is man}
    assert place["crown"][1] < my - 0.6 * height  # on top of the head
    assert my - 0.6 * height < place["umbrella"][1] < my + 1  # in front of the body
    assert place["moon"][1] < place["crown"][1]  # above it all


def test_a_speaking_animal_talks_as_its_face_and_opens_its_mouth_with_the_voice():
    spec = spec_for('A cat says "hello there"', duration=2)
    plan = still_camera(plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed))
    line = SpokenLine(text="hello there", speaker="cat", shot=0, start=0.0, end=2.0)
    n = spec.duration * RATE
    loud = (0.6 * np.sin(np.arange(n) * 0.2) * np.abs(np.sin(np.arange(n) / RATE * 9))).astype(np.float32)
    frames = {}
    for name, voice in (("loud", loud), ("quiet", np.zeros(n, np.float32))):
        track = AudioTrack(np.zeros((n, 2), np.float32), RATE, spoken=(line,), voice=voice)
        engine = PreviewEngine().frames(spec, plan, track, progress=lambda f: None, cancelled=lambda: False)
        frames[name] = np.stack(list(engine))
    assert not np.array_equal(frames["loud"], frames["quiet"])
    view = view_of(spec, plan)
    assert view.actors[0].mouths > 1  # a face with a jaw, not a body that can only bob


def test_a_style_grades_every_frame():
    spec = spec_for("A fox in the snow, in black and white", duration=1)
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    n = spec.duration * RATE
    track = AudioTrack(np.zeros((n, 2), np.float32), RATE)
    frames = np.stack(
        list(PreviewEngine().frames(spec, plan, track, progress=lambda f: None, cancelled=lambda: False))
    )
    spread = frames.max(axis=3).astype(int) - frames.min(axis=3)
    assert spread.max() <= 2  # grey everywhere
    assert frames.std() > 10  # and still a picture
