"""The `diffusers` video engine, run for real on tiny random Wan pipelines loaded from disk.

The model is built once per module (tests/tiny_wan.py), saved, and loaded back through the
engine's own loading code by path, so these tests exercise what a GPU worker runs, only with
toy weights: the frames are noise, their count, size, timing, seeding and steps are not.
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before diffusers/huggingface_hub read it

import numpy as np
import pytest

pytest.importorskip("diffusers")
torch = pytest.importorskip("torch")


import generation.engines  # noqa: E402
from generation.engines.base import AudioTrack, Cancelled, Reference, RenderError, RenderSpec  # noqa: E402
from generation.engines.diffusion import (  # noqa: E402
    NEEDS_IMAGE,
    OUT_OF_MEMORY,
    UNAVAILABLE,
    DiffusersEngine,
    model_size,
    pick_reference,
    read_options,
    resident,
    shot_prompt,
    snap_frames,
    unload,
)
from generation.engines.diffusion_media import retime, shot_frame_counts  # noqa: E402
from generation.pipeline import render  # noqa: E402
from generation.plan import plan_prompt  # noqa: E402
from generation.probe import probe_media  # noqa: E402
from tests.tiny_wan import save_tiny_wan, save_tiny_wan_i2v  # noqa: E402

STEPS = 3
PROMPT = "A corgi surfs a wave at sunset, then waves at the camera"
CAMEO_PROMPT = "@bob waves at the camera on the beach"
NO_SOUND = AudioTrack(samples=np.zeros((0, 2), dtype=np.float32), sample_rate=48000)


pytestmark = [pytest.mark.nodb, pytest.mark.usefixtures("one_torch_thread")]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> str:
    path = save_tiny_wan(tmp_path_factory.mktemp("tiny-wan") / "model")
    yield str(path)
    unload()


@pytest.fixture(scope="module")
def tiny_i2v_model(tmp_path_factory) -> str:
    path = save_tiny_wan_i2v(tmp_path_factory.mktemp("tiny-wan-i2v") / "model")
    yield str(path)
    unload()


def make_engine(model: str, **options) -> DiffusersEngine:
    settings = {"device": "cpu", "steps": STEPS, "size": "64x32", "frames": 9} | options
    return DiffusersEngine(model, **settings)


def make_spec(prompt: str = PROMPT, **fields) -> RenderSpec:
    values = {"duration": 5, "width": 96, "height": 160, "seed": 3, "handle": "alice", "fps": 8}
    return RenderSpec(prompt=prompt, **(values | fields))


def run(engine: DiffusersEngine, spec: RenderSpec, *, cancelled=lambda: False) -> tuple[np.ndarray, list]:
    steps: list[float] = []
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    frames = engine.frames(spec, plan, NO_SOUND, progress=steps.append, cancelled=cancelled)
    return np.stack(list(frames)), steps


def expected_progress(shots: int, steps: int) -> list[float]:
    return [(shot + step / steps) / shots for shot in range(shots) for step in range(1, steps + 1)] + [1.0]


# -- text to video ------------------------------------------------------------------------------


def test_text_to_video_streams_every_frame_at_the_clips_size(tiny_model):
    engine = make_engine(tiny_model)
    spec = make_spec()
    frames, progress = run(engine, spec)

    assert frames.shape == (spec.frame_count, 160, 96, 3) == (40, 160, 96, 3)
    assert frames.dtype == np.uint8
    assert frames.std() > 1  # decoded pictures, not a blank fill
    # Two shots in the prompt, each denoised STEPS times, each step reported once.
    assert progress == pytest.approx(expected_progress(2, STEPS))
    info = engine.describe()
    assert info["engine"] == "diffusers" and info["model"] == tiny_model
    assert info["pipeline"] == "WanPipeline (text-to-video)"
    assert info["family"] == "wan" and info["device"] == "cpu" and info["dtype"] == "float32"
    assert float(info["load_seconds"]) >= 0 and info["diffusers"] and info["torch"]


def test_the_same_seed_gives_the_same_clip_and_another_seed_another(tiny_model):
    first, _ = run(make_engine(tiny_model), make_spec(seed=11))
    again, _ = run(make_engine(tiny_model), make_spec(seed=11))
    other, _ = run(make_engine(tiny_model), make_spec(seed=12))

    assert np.array_equal(first, again)
    assert np.abs(first.astype(int) - other.astype(int)).mean() > 1


def test_cancelling_stops_before_the_next_denoising_step(tiny_model):
    engine = make_engine(tiny_model)
    pipe = resident(engine.options)[0].base
    calls = []
    hook = pipe.transformer.register_forward_hook(lambda *args: calls.append(1))
    try:
        steps: list[float] = []
        spec = make_spec()
        plan = plan_prompt(spec.prompt, duration=5, seed=spec.seed)
        frames = engine.frames(spec, plan, NO_SOUND, progress=steps.append, cancelled=lambda: len(steps) >= 1)
        with pytest.raises(Cancelled):
            next(frames)
    finally:
        hook.remove()

    assert steps == pytest.approx([1 / STEPS / 2])
    assert len(calls) == 2  # one step: the prompt's pass and the negative prompt's, nothing after


def test_a_job_cancelled_while_queued_never_touches_the_model(tiny_model):
    unload()
    engine = make_engine(tiny_model)
    with pytest.raises(Cancelled):
        run(engine, make_spec(), cancelled=lambda: True)
    assert engine.pipeline is None


# -- residency --------------------------------------------------------------------------------


def test_the_model_stays_resident_across_jobs(tiny_model):
    unload()
    first = make_engine(tiny_model)
    run(first, make_spec())
    second = make_engine(tiny_model, steps=2)  # per-call settings share the loaded model
    run(second, make_spec())

    assert second.pipeline is first.pipeline
    assert first.describe()["resident"] == "loaded" and second.describe()["resident"] == "reused"
    assert second.describe()["load_seconds"] == first.describe()["load_seconds"]
    # Relative, not absolute: how long reading the folder takes depends on the machine's load.
    assert second.setup_seconds < first.setup_seconds


def test_first_block_cache_skips_blocks_on_steps_that_change_little(tiny_model):
    def block_calls(**options) -> tuple[int, np.ndarray]:
        engine = make_engine(tiny_model, steps=4, **options)
        blocks = resident(engine.options)[0].base.transformer.blocks
        calls = []
        hook = blocks[-1].ffn.register_forward_hook(lambda *args: calls.append(1))
        try:
            frames, _ = run(engine, make_spec())
        finally:
            hook.remove()
        assert engine.describe()["cache"] == (
            "off" if "cache" not in options else f"fbc (threshold {options['cache_threshold']})"
        )
        return len(calls), frames

    plain, _ = block_calls()
    # A threshold this high treats every later step as "little change": only the first runs whole.
    cached, frames = block_calls(cache="fbc", cache_threshold=1e6)

    assert plain == 2 * 2 * 4  # two shots × (prompt + negative) × four steps
    assert cached == 2 * 2 * 1
    assert frames.shape == (40, 160, 96, 3)


def test_video_to_video_runs_uncached_and_the_cache_comes_back(tiny_model, parent_clips):
    # Wan's video-to-video pipeline sets no cache contexts, which the cache needs.
    engine = make_engine(tiny_model, cache="fbc", cache_threshold=1e6)
    frames, _ = run(engine, make_spec(parent_video=parent_clips[0]))
    transformer = engine.pipeline.transformer

    assert frames.shape == (40, 160, 96, 3)
    note = "video-to-video: cache off (WanVideoToVideoPipeline sets no cache contexts)"
    assert engine.describe()["notes"] == note
    assert transformer._cache_config is not None and transformer._cache_config.threshold == 1e6
    unload()  # the next tests load the model without the cache hooks


# -- image to video ---------------------------------------------------------------------------


def test_image_to_video_starts_from_the_cameos_portrait(tiny_model, portraits):
    warm, cold = portraits
    bob = Reference(name="@bob", image=warm, notes="always wearing red glasses")
    engine = make_engine(tiny_model)
    spec = make_spec(CAMEO_PROMPT, references=(bob,))
    frames, progress = run(engine, spec)
    cold_bob = Reference(name="@bob", image=cold, notes=bob.notes)
    other_portrait, _ = run(make_engine(tiny_model), make_spec(CAMEO_PROMPT, references=(cold_bob,)))
    text_only, _ = run(make_engine(tiny_model), make_spec(CAMEO_PROMPT))

    assert frames.shape == (40, 160, 96, 3) and frames.dtype == np.uint8
    assert progress == pytest.approx(expected_progress(1, STEPS))
    info = engine.describe()
    assert info["pipeline"] == "WanImageToVideoPipeline (image-to-video)"
    assert "first-frame conditioning" in info["notes"]
    # The portrait, not just the words, steers the clip.
    assert np.abs(frames.astype(int) - other_portrait.astype(int)).mean() > 1
    assert np.abs(frames.astype(int) - text_only.astype(int)).mean() > 1


def test_each_shot_starts_from_the_cameo_it_is_about():
    plan = plan_prompt("@bob surfs, then @carol dances", duration=5, seed=1)
    bob, carol = Reference("@bob", "bob.png"), Reference("@carol", "carol.png", notes="in a green hat")

    assert [pick_reference((bob, carol), shot) for shot in plan.shots] == [bob, carol]
    assert pick_reference((bob, carol), plan_prompt("a cat", duration=5, seed=1).shots[0]) == bob
    prompt = shot_prompt(plan.shots[1], carol)
    assert "@" not in prompt and "the person dances" in prompt and "in a green hat" in prompt


def test_an_image_to_video_model_reads_the_portrait_with_its_image_encoder(tiny_i2v_model, portraits):
    engine = make_engine(tiny_i2v_model)
    pipe = resident(engine.options)[0].base
    seen = []
    hook = pipe.image_encoder.register_forward_hook(lambda module, inputs, output: seen.append(1))
    try:
        frames, progress = run(engine, make_spec(CAMEO_PROMPT, references=(Reference("@bob", portraits[0]),)))
    finally:
        hook.remove()

    assert frames.shape == (40, 160, 96, 3)
    assert progress == pytest.approx(expected_progress(1, STEPS))
    assert seen == [1]  # one shot, one portrait encoded
    info = engine.describe()
    assert info["pipeline"] == "WanImageToVideoPipeline (image-to-video)" and "notes" not in info


def test_an_image_to_video_model_asks_for_a_picture_and_remixes_from_the_parent(tiny_i2v_model, parent_clips):
    with pytest.raises(RenderError) as error:
        run(make_engine(tiny_i2v_model), make_spec())
    assert error.value.user_message == NEEDS_IMAGE

    engine = make_engine(tiny_i2v_model)
    frames, _ = run(engine, make_spec(parent_video=parent_clips[0]))
    assert frames.shape == (40, 160, 96, 3)
    info = engine.describe()
    assert info["pipeline"] == "WanImageToVideoPipeline (video-to-video)"
    assert "parent's first frame" in info["notes"]
    unload()


# -- video to video ---------------------------------------------------------------------------


def test_video_to_video_remixes_the_parent_clip(tiny_model, parent_clips, monkeypatch):
    gradient, grey = parent_clips
    vae = resident(make_engine(tiny_model).options)[0].base.vae
    encoded = []
    encode = vae.encode
    monkeypatch.setattr(vae, "encode", lambda video, *a, **k: encoded.append(video) or encode(video, *a, **k))

    engine = make_engine(tiny_model, steps=4)
    frames, progress = run(engine, make_spec(parent_video=gradient, parent_strength=0.5))
    from_grey, grey_progress = run(make_engine(tiny_model, steps=4), make_spec(parent_video=grey))
    all_steps, full_progress = run(
        make_engine(tiny_model, steps=4), make_spec(parent_video=gradient, parent_strength=1)
    )

    assert frames.shape == (40, 160, 96, 3) and frames.dtype == np.uint8
    assert engine.describe()["pipeline"] == "WanVideoToVideoPipeline (video-to-video)"
    # Strength 0.5 of 4 steps: the last 2 steps run on the noised parent, per shot; 1.0 runs all.
    assert progress == pytest.approx(expected_progress(2, 2))
    assert grey_progress == pytest.approx(expected_progress(2, 2))  # 0.6 of 4 steps: 2
    assert full_progress == pytest.approx(expected_progress(2, 4))
    # Each shot encodes its own window of the parent at the model's size (portrait 32×64):
    # the gradient's ramp rises left to right; the grey clip is flat mid-grey (0 in -1..1).
    gradient_shot, grey_shot = encoded[0], encoded[2]
    assert gradient_shot.shape == (1, 3, 9, 64, 32)
    columns = gradient_shot[0, :, 0].mean(dim=(0, 1))
    assert np.corrcoef(np.arange(32), columns.numpy())[0, 1] > 0.9
    assert grey_shot.abs().max() < 0.05
    # Through random toy weights the parent's mark on the output is faint, but it is there.
    assert np.abs(frames.astype(int) - from_grey.astype(int)).mean() > 0.05
    assert np.abs(frames.astype(int) - all_steps.astype(int)).mean() > 0.05


def test_an_unreadable_parent_is_a_render_error(tiny_model, tmp_path):
    broken = tmp_path / "parent.mp4"
    broken.write_bytes(b"not a video")
    with pytest.raises(RenderError) as error:
        run(make_engine(tiny_model), make_spec(parent_video=str(broken)))
    assert error.value.user_message == "The video being remixed couldn't be read."


# -- failures -------------------------------------------------------------------------------


def test_a_missing_model_is_a_plain_render_error(tmp_path, monkeypatch):
    with pytest.raises(RenderError) as error:
        run(make_engine(str(tmp_path / "no-such-model")), make_spec())
    assert error.value.user_message == UNAVAILABLE
    assert "no-such-model" in error.value.detail

    monkeypatch.delenv("SORA_VIDEO_MODEL", raising=False)
    with pytest.raises(RenderError, match="SORA_VIDEO_MODEL is not set"):
        read_options({})


def test_a_folder_that_is_not_a_video_model_is_unavailable(tmp_path):
    (tmp_path / "model_index.json").write_text('{"_class_name": "StableDiffusionPipeline"}')
    with pytest.raises(RenderError) as error:
        run(make_engine(str(tmp_path)), make_spec())
    assert error.value.user_message == UNAVAILABLE and "StableDiffusionPipeline" in error.value.detail


def test_running_out_of_gpu_memory_says_so(tiny_model, monkeypatch):
    engine = make_engine(tiny_model)
    pipe = resident(engine.options)[0].base

    def out_of_memory(self, **arguments):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB")

    monkeypatch.setattr(type(pipe), "__call__", out_of_memory)
    with pytest.raises(RenderError) as error:
        run(engine, make_spec())
    assert error.value.user_message == OUT_OF_MEMORY and "20.00 GiB" in error.value.detail


# -- the whole render ---------------------------------------------------------------------------


def test_a_full_render_with_the_diffusers_engine_is_a_valid_mp4(tiny_model, tmp_path, monkeypatch):
    monkeypatch.setitem(generation.engines.VIDEO_ENGINES, "diffusers", lambda: make_engine(tiny_model))
    spec = make_spec('A corgi surfs a wave at sunset, then says "hello!"')
    stages = []
    output = render(
        spec,
        video_engine="diffusers",
        audio_engine="speech",
        out_dir=tmp_path,
        on_progress=lambda label, fraction: stages.append(fraction),
        cancelled=lambda: False,
    )

    media = probe_media(output.video_path)
    assert (media.video.codec, media.audio.codec) == ("h264", "aac")
    assert (media.video.width, media.video.height) == (96, 160)
    assert media.video_frames == 40
    assert media.duration == pytest.approx(5, abs=0.1)
    comment = media.tags.get("comment", "")
    # Provenance in the file itself: engine, model and seed (the ';' separates fields).
    assert "engine=diffusers" in comment and f"video_model={tiny_model}" in comment
    assert f"seed={spec.seed}" in comment
    assert [line["text"] for line in output.info["spoken"]] == ["hello!"]
    assert output.info["video"]["pipeline"] == "WanPipeline (text-to-video)"
    assert output.poster_path.stat().st_size > 0
    assert stages == sorted(stages) and stages[-1] == 1.0


# -- arithmetic --------------------------------------------------------------------------------


def test_segment_lengths_fit_the_vae_and_the_clip_fits_the_model():
    assert [snap_frames(n, 4) for n in (1, 5, 7, 40, 81)] == [5, 5, 9, 41, 81]
    assert snap_frames(33, 4, down=True) == 33 and snap_frames(35, 4, down=True) == 33
    assert model_size((832, 480), make_spec(width=720, height=1280), 16) == (480, 832)
    assert model_size((832, 480), make_spec(width=1280, height=720), 16) == (832, 480)
    assert model_size((100, 50), make_spec(width=1280, height=720), 16) == (96, 48)


def test_shots_get_whole_frames_that_add_up_to_the_clip():
    assert shot_frame_counts([(0, 2.5), (2.5, 5)], 8, 40) == [20, 20]
    assert sum(shot_frame_counts([(0, 1.3), (1.3, 2.7), (2.7, 5)], 24, 120)) == 120


def test_retiming_stretches_a_segment_over_the_shot():
    segment = np.stack([np.full((4, 6, 3), value, dtype=np.uint8) for value in (0, 100, 200)])
    frames = list(retime(segment, 5, 3, 2))
    assert [frame.shape for frame in frames] == [(2, 3, 3)] * 5
    assert [int(frame[0, 0, 0]) for frame in frames] == [0, 50, 100, 150, 200]
