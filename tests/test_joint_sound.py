"""How a video model's own sound (LTX-2's) is put together shot by shot and mixed with our dialogue.

Pure numpy (and ffmpeg's loudness meter): runs in `make run`'s environment, without torch.
"""

import numpy as np
import pytest

from generation import loudness
from generation.engines.base import AudioTrack, SpokenLine
from generation.engines.joint_sound import (
    ALL,
    BED_UNDER_DIALOGUE_LU,
    SR,
    WORLD,
    ClipSound,
    ModelSound,
    sound_mix,
)
from generation.engines.soundscape import VOICE_GAIN

pytestmark = pytest.mark.nodb


def tone(seconds: float, hertz: float, level: float, rate: int = SR) -> np.ndarray:
    t = np.arange(round(seconds * rate)) / rate
    return (level * np.sin(2 * np.pi * hertz * t)).astype(np.float32)


def rms(samples) -> float:
    return float(np.sqrt(np.mean(np.asarray(samples, dtype=np.float64) ** 2)))


def test_a_segments_sound_is_stretched_over_the_time_its_picture_is_shown():
    clip = ClipSound(4.0)
    # 1 s of a 440 Hz tone at 16 kHz, as a vocoder hands it over: (channels, samples), mono.
    clip.place(tone(1.0, 440, 0.5, rate=16000)[None, :], start=1.0, seconds=1.1)

    sound = clip.sound(WORLD)
    assert sound.samples.shape == (4 * SR, 2) and sound.samples.dtype == np.float32
    assert sound.seconds == 4.0 and sound.makes == WORLD
    placed = sound.samples[SR : SR + round(1.1 * SR), 0]
    assert rms(sound.samples[: SR - 1]) == 0 and rms(sound.samples[round(2.1 * SR) + 1 :]) == 0
    assert rms(placed) == pytest.approx(0.5 / np.sqrt(2), rel=0.02)
    # Stretched 10 % like its picture: 440 Hz is heard at 400 Hz, so lips keep to their words.
    spectrum = np.abs(np.fft.rfft(placed))
    assert np.fft.rfftfreq(len(placed), 1 / SR)[spectrum.argmax()] == pytest.approx(400, abs=2)
    # Faded in and out over 10 ms: a cut between shots never clicks.
    assert abs(placed[0]) < 0.01 and abs(placed[-1]) < 0.01
    assert np.array_equal(sound.samples[:, 0], sound.samples[:, 1])


def test_a_segment_past_the_clips_end_is_cut_there():
    clip = ClipSound(2.0)
    clip.place(np.stack([tone(1.0, 300, 0.3), tone(1.0, 500, 0.3)]), start=1.5, seconds=1.0)
    assert clip.samples.shape == (2 * SR, 2) and rms(clip.samples[round(1.6 * SR) :]) > 0.1


def dialogue_track(seconds: float = 4.0) -> AudioTrack:
    """A voice (a 220 Hz tone at -20 dBFS, as our lines are voiced) from 2 to 3 s; the mix itself
    (ambience, music) is what the audio engine made and must be left out."""
    voice = np.zeros(round(seconds * SR), dtype=np.float32)
    voice[2 * SR : 3 * SR] = tone(1.0, 220, 0.1 * np.sqrt(2))
    ours = np.repeat(tone(seconds, 60, 0.3)[:, None], 2, axis=1)
    return AudioTrack(samples=ours, sample_rate=SR, voice=voice,
                      spoken=(SpokenLine("hello", "corgi", 0, 2.0, 3.0, "en+m3"),))  # fmt: skip


def model_noise(seconds: float = 4.0, *, level: float, offset: float = 0.0) -> ModelSound:
    rng = np.random.default_rng(1)
    noise = (rng.standard_normal((round(seconds * SR), 2)) * level + offset).astype(np.float32)
    return ModelSound(samples=noise, sample_rate=SR, makes=WORLD)


def test_world_puts_the_models_sound_under_our_dialogue_and_leaves_our_bed_out():
    track = dialogue_track()
    mixed = sound_mix(track=track, sound=model_noise(level=0.3))

    assert mixed.samples.shape == track.samples.shape and mixed.spoken == track.spoken
    dialogue = track.voice * VOICE_GAIN
    bed = mixed.samples - dialogue[:, None]
    # Where no one speaks the bed is the model's sound, 3 LU under the dialogue's loudness.
    quiet = slice(0, 3 * SR // 2)  # the ducking starts 0.25 s before a line
    spoken_lufs = loudness.integrated_lufs(dialogue[:, None], SR)  # EBU R128's gates skip the silence
    expected = spoken_lufs - BED_UNDER_DIALOGUE_LU
    assert loudness.integrated_lufs(bed[quiet], SR) == pytest.approx(expected, abs=0.5)
    # Our own bed (the 60 Hz hum standing for ambience and music) is gone.
    spectrum = np.abs(np.fft.rfft(mixed.samples[quiet, 0]))
    hum = round(60 * len(mixed.samples[quiet]) / SR)
    assert spectrum[hum] < 3 * np.median(spectrum)
    # While it speaks, the voice stands well over what is left of the model's sound.
    speaking = slice(2 * SR + SR // 5, 3 * SR - SR // 5)
    assert 20 * np.log10(rms(dialogue[speaking]) / rms(bed[speaking])) >= 12


def test_a_models_offset_is_not_taken_for_loudness():
    track = dialogue_track()
    level = sound_mix(track=track, sound=model_noise(level=0.05)).samples
    offset = sound_mix(track=track, sound=model_noise(level=0.05, offset=0.4)).samples
    quiet = slice(SR // 5, 2 * SR - SR // 5)
    assert abs(float(offset[quiet].mean())) < 0.01
    assert rms(offset[quiet]) == pytest.approx(rms(level[quiet]), rel=0.05)


def test_all_keeps_the_models_sound_alone_with_our_subtitle_timings():
    track = dialogue_track()
    made = model_noise(level=0.1)
    mixed = sound_mix(track=track, sound=ModelSound(made.samples, SR, ALL))

    assert mixed.voice is None and mixed.spoken == track.spoken
    # Nothing of ours is heard: the model's sound, as it made it (less any offset).
    assert np.allclose(mixed.samples, made.samples - made.samples.mean(axis=0), atol=0.01)


def test_a_model_sound_at_another_rate_is_fitted_to_the_clip():
    track = dialogue_track()
    sound = ModelSound(np.zeros((4 * 24000, 2), dtype=np.float32), 24000, WORLD)
    sound.samples[:] = tone(4.0, 1000, 0.2, rate=24000)[:, None]
    mixed = sound_mix(track=track, sound=sound)
    spectrum = np.abs(np.fft.rfft(mixed.samples[: 2 * SR, 0]))
    assert len(mixed.samples) == 4 * SR
    assert np.fft.rfftfreq(2 * SR, 1 / SR)[spectrum.argmax()] == pytest.approx(1000, abs=1)


def test_silence_from_the_model_stays_silence():
    track = dialogue_track()
    mixed = sound_mix(track=track, sound=model_noise(level=0.0))
    assert rms(mixed.samples[: SR]) == 0
    assert rms(mixed.samples[2 * SR : 3 * SR, 0] - track.voice[2 * SR : 3 * SR] * VOICE_GAIN) < 1e-6


@pytest.mark.parametrize(
    ("makes", "made_with"),
    [(WORLD, "the video model made the sound of the scene, the audio engine the voices"),
     (ALL, "the video model made all the sound")],
)
def test_the_job_page_says_which_parts_the_video_model_made(makes, made_with):
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils.html import escape

    from generation.engines.joint_sound import HEARD, MADE

    sound = {"makes": makes, "video_model": MADE[makes], "audio_engine": HEARD[makes]}
    info = {"video": {"engine": "diffusers"}, "audio": {"engine": "speech"}, "seed": 1, "size": "96x160",
            "fps": 24, "sound": sound}  # fmt: skip
    job = SimpleNamespace(status="succeeded", pk=1, is_active=False, percent=100, orientation="portrait",
                          post=None, video_engine="diffusers", audio_engine="speech", render_seconds=3.2,
                          render_info=info, spec={})  # fmt: skip
    page = " ".join(render_to_string("generation/_job_status.html", {"job": job}).split())
    assert made_with in page
    said = f"The video model made {MADE[makes]}; the audio engine made {HEARD[makes]}."
    assert f"<dt>Sound</dt><dd>{escape(said)}</dd>" in page
