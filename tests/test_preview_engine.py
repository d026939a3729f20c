"""The `preview` engine's pictures: shots, scenes, motion, subjects and talking cameos."""

import numpy as np
import pytest
from PIL import Image, ImageDraw

from generation.engines.base import AudioTrack, Cancelled, Reference, RenderSpec, SpokenLine
from generation.engines.preview import PreviewEngine
from generation.engines.preview_scenes import build_scene
from generation.plan import Plan, Shot, plan_prompt
from generation.sprites import CREDIT, sprite_match
from generation.things import Thing

pytestmark = pytest.mark.nodb

NEVER = lambda: False  # noqa: E731 - a cancel flag that never trips
RATE = 8000  # the soundtrack's sample rate in these tests: small arrays, same behaviour


def spec_for(prompt: str = "A corgi surfs a wave at sunset", **changes) -> RenderSpec:
    fields = dict(prompt=prompt, duration=4, width=96, height=160, seed=7, handle="alice", fps=8)
    return RenderSpec(**(fields | changes))


def silent(spec: RenderSpec, spoken: tuple[SpokenLine, ...] = ()) -> AudioTrack:
    n = spec.duration * RATE
    return AudioTrack(np.zeros((n, 2), np.float32), RATE, spoken=spoken, voice=np.zeros(n, np.float32))


def render(spec: RenderSpec, plan: Plan | None = None, track: AudioTrack | None = None) -> np.ndarray:
    plan = plan or plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    frames = PreviewEngine().frames(
        spec, plan, track or silent(spec), progress=lambda f: None, cancelled=NEVER
    )
    return np.stack(list(frames))


def one_shot(
    subjects=(), scenes=("forest",), camera="pan-right", duration=4.0, text="", motion="idle"
) -> Plan:
    """A one-shot plan showing these subjects, each with the sprite its word matches (if any)."""
    matches = {s: None if s.startswith("@") else sprite_match(s) for s in subjects}
    cast = tuple(
        Thing(s, 1, matches[s].sprite if matches[s] else None, "subject", motion=motion) for s in subjects
    )
    shot = Shot(
        cast=cast,
        index=0,
        start=0.0,
        end=duration,
        text=text,
        scenes=scenes,
        subjects=subjects,
        camera=camera,
        lines=(),
        cues=(),
    )
    return Plan(shots=(shot,), duration=duration)


def diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


def test_yields_exactly_frame_count_frames_of_the_right_shape_and_type():
    spec = spec_for()
    frames = render(spec)
    assert frames.shape == (spec.frame_count, 160, 96, 3)
    assert frames.dtype == np.uint8


@pytest.mark.parametrize("size", [(96, 160), (160, 96), (2, 2), (34, 18)])
def test_any_even_size_and_both_orientations_work(size):
    spec = spec_for(
        'A robot and a cat dance at a party, then a fox says "hi" in the snowy mountains',
        width=size[0],
        height=size[1],
        duration=2,
    )
    frames = render(spec)
    assert frames.shape == (spec.frame_count, size[1], size[0], 3)


def test_same_prompt_and_seed_give_identical_frames_and_another_seed_does_not():
    first, again = render(spec_for()), render(spec_for())
    assert np.array_equal(first, again)
    other = render(spec_for(seed=8))
    assert all(not np.array_equal(a, b) for a, b in zip(first, other, strict=True))


def test_frames_move_within_a_shot():
    frames = render(spec_for(duration=2))
    consecutive = [diff(a, b) for a, b in zip(frames, frames[1:], strict=False)]
    assert min(consecutive) > 0.2  # every frame moves a little


def test_shots_cut_hard_at_the_plan_boundaries():
    spec = spec_for(
        "A fox in a snowy forest at night, then a robot cooks in a kitchen; a parrot in the desert",
        duration=6,
    )
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    assert len(plan.shots) == 3
    frames = render(spec, plan)
    owner = [plan.shot_at(i / spec.fps).index for i in range(spec.frame_count)]
    cuts = [i for i in range(1, len(owner)) if owner[i] != owner[i - 1]]
    assert cuts == [round(shot.start * spec.fps + 0.4999) for shot in plan.shots[1:]]
    within = max(diff(frames[i - 1], frames[i]) for i in range(1, len(frames)) if i not in cuts)
    for cut in cuts:
        assert diff(frames[cut - 1], frames[cut]) > 3 * within


def test_scene_tags_change_the_look():
    night = render(spec_for("A quiet lake at night", duration=1))
    sunset = render(spec_for("A quiet lake at sunset", duration=1))
    assert night.mean() < 0.6 * sunset.mean()
    red, blue = sunset[..., 0].mean(), sunset[..., 2].mean()
    assert red > blue  # a warm sky
    assert night[..., 2].mean() > night[..., 0].mean()  # a cool one


def test_an_unknown_prompt_still_gets_a_varied_scene_that_depends_on_the_seed():
    frames = render(spec_for("zzz qqq xyzzy", duration=1))
    assert frames[0].std() > 10  # not a flat colour
    assert not np.array_equal(frames, render(spec_for("zzz qqq xyzzy", duration=1, seed=99)))


@pytest.mark.parametrize("prompt", ["🐶🌊🌅 «ça va» — 夕方の海で 🏄", "", "   ", '"" [] ;;; then then', "@"])
def test_unicode_emoji_and_empty_prompts_do_not_crash(prompt):
    frames = render(spec_for(prompt, duration=1))
    assert frames.shape[0] == 8


@pytest.mark.parametrize(
    ("tag", "step", "direction"), [("rain", 0.02, 1), ("snow", 0.3, 1), ("fire", 0.1, -1)]
)
def test_weather_particles_are_drawn_and_fall_or_rise(tag, step, direction):
    scene = build_scene((tag,), 96, 160, np.random.default_rng(1))
    assert scene.particles

    def rows_lit(t: float) -> np.ndarray:
        frame = np.zeros((160, 96, 3), np.uint8)
        for particles in scene.particles:
            particles.draw(frame, t, 0.0, 0.0)
        return (frame.max(axis=2) > 60).sum(axis=1).astype(float)

    before, after = rows_lit(1.0), rows_lit(1.0 + step)
    assert before.sum() > 20
    # How far the whole pattern moved vertically: the shift that best lines the two up.
    shifts = range(-12, 13)
    best = max(shifts, key=lambda dy: float(np.dot(np.roll(before, dy), after)))
    assert direction * best > 0


def test_a_named_subject_is_drawn_where_it_stands():
    spec = spec_for(duration=1)
    without = render(spec, one_shot())
    corgi = render(spec, one_shot(subjects=("corgi",)))
    changed = np.abs(corgi.astype(np.int16) - without.astype(np.int16)).max(axis=3) > 30
    assert changed.mean() > 0.03  # a figure, not a speck
    ys, xs = np.nonzero(changed[0])
    assert 0.25 * 96 < xs.mean() < 0.75 * 96  # around the middle, where a single subject stands
    assert ys.mean() > 0.5 * 160  # standing on the ground, in the lower half
    orange = corgi[0][changed[0]].astype(int)
    assert (orange[:, 0] - orange[:, 2]).mean() > 40  # a corgi is orange, the forest is not


@pytest.mark.parametrize("subject", ["robot", "person", "fish", "owl", "dragon", "ghost", "@carol"])
def test_every_kind_of_subject_draws(subject):
    spec = spec_for(duration=1)
    assert diff(render(spec, one_shot(subjects=(subject,))), render(spec, one_shot())) > 0.5


def face_image(path) -> str:
    """A synthetic portrait: a face with eyes and lips on a plain background."""
    image = Image.new("RGB", (200, 240), (70, 110, 160))
    draw = ImageDraw.Draw(image)
    draw.ellipse((40, 30, 160, 190), fill=(236, 190, 160))
    for x in (75, 125):
        draw.ellipse((x - 10, 80, x + 10, 96), fill=(40, 30, 30))
    draw.rectangle((80, 140, 120, 150), fill=(180, 60, 70))
    image.save(path)
    return str(path)


def test_a_cameo_shows_the_portrait_and_its_jaw_moves_with_the_voice_only_during_its_line(tmp_path):
    spec = spec_for(
        "@bob says hello", duration=4, references=(Reference("@bob", face_image(tmp_path / "bob.png")),)
    )
    plan = one_shot(subjects=("@bob",), camera="pan-left")
    line = SpokenLine(text="hello there", speaker="@bob", shot=0, start=1.0, end=2.5)
    n = spec.duration * RATE
    t = np.arange(n) / RATE
    # Loud syllables with pauses from 1 s to the end: the line covers only 1.0-2.5 s.
    envelope = np.where(t >= 1.0, np.abs(np.sin(2 * np.pi * 1.7 * t)), 0.0)
    voice = (0.8 * envelope * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    talking = AudioTrack(np.zeros((n, 2), np.float32), RATE, spoken=(line,), voice=voice)
    quiet = AudioTrack(np.zeros((n, 2), np.float32), RATE, spoken=(line,), voice=np.zeros(n, np.float32))

    moving, still = render(spec, plan, talking), render(spec, plan, quiet)
    levels = talking.voice_levels(spec.fps)
    seconds = np.arange(spec.frame_count) / spec.fps
    during = (seconds >= line.start) & (seconds < line.end)
    change = np.array([diff(a, b) for a, b in zip(moving, still, strict=True)])

    assert np.all(change[~during] == 0)  # silent, or someone else's turn: the face is still
    assert change[during & (levels > 0.5)].min() > 0  # loud words open the mouth
    assert np.corrcoef(levels[during], change[during])[0, 1] > 0.8  # wider when louder
    # The motion is the jaw: a small region in the lower part of the portrait.
    region = np.abs(moving.astype(np.int16) - still.astype(np.int16)).max(axis=(0, 3)) > 20
    ys, xs = np.nonzero(region)
    assert region.mean() < 0.05
    portrait = (
        np.abs(render(spec, one_shot()).astype(np.int16) - still.astype(np.int16)).max(axis=(0, 3)) > 20
    )
    py, px = np.nonzero(portrait)
    assert py.min() <= ys.min() and ys.max() <= py.max() and px.min() <= xs.min() and xs.max() <= px.max()


def test_a_cameo_portrait_is_its_own_face_not_a_cartoon(tmp_path):
    spec = spec_for(duration=1, references=(Reference("@bob", face_image(tmp_path / "bob.png")),))
    cameo = render(spec, one_shot(subjects=("@bob",)))
    cartoon = render(spec_for(duration=1), one_shot(subjects=("@bob",)))
    skin = np.all(np.abs(cameo[0].astype(int) - (236, 190, 160)) < 30, axis=2)
    assert skin.mean() > 0.01 and not np.array_equal(cameo, cartoon)


def test_an_unreadable_cameo_portrait_falls_back_to_a_figure(tmp_path):
    broken = tmp_path / "bob.png"
    broken.write_text("not an image")
    spec = spec_for(duration=1, references=(Reference("@bob", str(broken)),))
    assert render(spec, one_shot(subjects=("@bob",))).shape[0] == 8


def test_a_speaking_figure_opens_its_mouth():
    spec = spec_for(duration=2)
    plan = one_shot(subjects=("robot",), duration=2.0)
    line = SpokenLine(text="beep", speaker="robot", shot=0, start=0.0, end=2.0)
    n = spec.duration * RATE
    voice = (0.5 * np.sin(np.arange(n) * 0.3)).astype(np.float32)
    loud = AudioTrack(np.zeros((n, 2), np.float32), RATE, spoken=(line,), voice=voice)
    assert not np.array_equal(render(spec, plan, loud), render(spec, plan, silent(spec, (line,))))


def test_progress_is_reported_per_frame_and_cancelling_stops_between_frames():
    spec = spec_for(duration=2)
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    seen: list[float] = []
    frames = PreviewEngine().frames(
        spec, plan, silent(spec), progress=seen.append, cancelled=lambda: len(seen) >= 5
    )
    with pytest.raises(Cancelled):
        for _ in frames:
            pass
    assert seen == [(i + 1) / spec.frame_count for i in range(5)]
    with pytest.raises(Cancelled):
        next(PreviewEngine().frames(spec, plan, silent(spec), progress=seen.append, cancelled=lambda: True))


def test_describe_names_the_engine_and_its_version():
    assert PreviewEngine().describe() == {"engine": "preview", "version": "3", "sprites": CREDIT}
    assert "OpenMoji" in CREDIT and "CC BY-SA 4.0" in CREDIT  # the licence asks for the credit
