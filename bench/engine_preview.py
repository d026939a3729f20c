"""The `preview` engine through the real pipeline, against bare ffmpeg on the same frames.

For a 10 s 720x1280 clip with sound (the `speech` audio engine when it works, else `tones`):
  - the whole render (plan, audio, frames, subtitles and watermark, encode, poster, check)
    through `generation.pipeline.render`; goal <= 5 s wall;
  - bare ffmpeg making the same MP4 from the very same frames and sound: the pipeline's video
    command line (`generation.compose._command`) plus the same AAC encoding of the same
    soundtrack, in one ffmpeg, reading the frames from a pre-rendered raw file so that ffmpeg
    is the only cost; goal: pipeline <= 1.5x bare ffmpeg. (The pipeline also measures and
    normalises the loudness and checks the encoded peaks, beside the frames.)
Runs alternate between the two so that noise from a shared machine hits both alike; medians.
  - peak memory of a 15 s clip rendered in a child process: the Python process (VmHWM) and
    ffmpeg (getrusage of the child's children); goal: their sum <= 1 GiB.

Run: .venv/bin/python bench/engine_preview.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from bench.benchkit import child_json, verdict
from generation.compose import AUDIO_BITRATE, _command
from generation.engines import get_audio_engine, get_video_engine
from generation.engines.base import RenderSpec
from generation.overlay import Overlay
from generation.pipeline import render
from generation.plan import plan_for, plan_prompt

PROMPT = (
    'A corgi surfs a huge wave at sunset, then waves at the camera and says "best day ever!" '
    "A robot cooks pasta in a kitchen at night; fireworks over a neon city party"
)
SECONDS_GOAL, RATIO_GOAL, MEMORY_GOAL = 5.0, 1.5, 1024**3


def spec_for(duration: int) -> RenderSpec:
    return RenderSpec(prompt=PROMPT, duration=duration, width=720, height=1280, seed=11, handle="bench")


def audio_engine_name() -> str:
    """`speech` if espeak-ng works here, else `tones` (as the brief of this bench says)."""
    spec = spec_for(5)
    try:
        engine = get_audio_engine("speech")
        engine.render(spec, plan_prompt(spec.prompt, duration=5, seed=spec.seed), cancelled=lambda: False)
    except Exception as error:  # any failure means "not usable here"
        print(f"speech engine unusable ({error!r}); using tones", flush=True)
        return "tones"
    return "speech"


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def time_pipeline(spec: RenderSpec, audio: str, out_dir: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    output = render(
        spec,
        video_engine="preview",
        audio_engine=audio,
        out_dir=out_dir,
        on_progress=lambda label, fraction: None,
        cancelled=lambda: False,
    )
    return time.perf_counter() - started, output.info["stages"]


def prerender(spec: RenderSpec, audio: str, directory: Path) -> tuple[Path, Path, int]:
    """The pipeline's exact frames (with subtitles and watermark) as a raw file, and its sound."""
    plan = plan_for(spec)
    track = get_audio_engine(audio).render(spec, plan, cancelled=lambda: False)
    frames = get_video_engine("preview").frames(
        spec, plan, track, progress=lambda f: None, cancelled=lambda: False
    )
    raw = directory / "frames.rgb"
    with raw.open("wb") as file:
        for frame in Overlay(spec, track.spoken).apply(frames, spec.fps):
            file.write(np.ascontiguousarray(frame).data)
    sound = directory / "sound.f32"
    sound.write_bytes(np.ascontiguousarray(track.samples, dtype="<f4").tobytes())
    return raw, sound, track.sample_rate


def time_ffmpeg(spec: RenderSpec, raw: Path, sound: Path, rate: int, out: Path) -> float:
    video = _command(spec, out)
    # The same command with the sound as a second input, encoded as the pipeline encodes it.
    command = [
        *video[: video.index("-c:v")],
        "-f", "f32le", "-ar", str(rate), "-ac", "2", "-i", str(sound), "-map", "0:v:0", "-map", "1:a:0",
        *video[video.index("-c:v") : video.index("-f", video.index("-c:v"))],
        "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-movflags", "+faststart", "-f", "mp4", str(out),
    ]  # fmt: skip
    with raw.open("rb") as frames:
        started = time.perf_counter()
        subprocess.run(command, stdin=frames, check=True)
        return time.perf_counter() - started


_CHILD = """
import json, resource, sys, tempfile
from pathlib import Path
sys.path.insert(0, {root!r})
from bench.engine_preview import spec_for
from generation.pipeline import render
with tempfile.TemporaryDirectory() as out:
    render(spec_for(15), video_engine="preview", audio_engine={audio!r}, out_dir=Path(out),
           on_progress=lambda label, fraction: None, cancelled=lambda: False)
status = Path("/proc/self/status").read_text()
hwm = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
print(json.dumps({{"python_kib": hwm, "ffmpeg_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}}))
"""


def peak_memory(audio: str) -> dict[str, int]:
    root = str(Path(__file__).resolve().parent.parent)
    return child_json(_CHILD.format(root=root, audio=audio))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    audio = audio_engine_name()
    spec = spec_for(10)
    print(
        f"{spec.duration} s {spec.width}x{spec.height} @ {spec.fps} fps, audio engine {audio!r}, "
        f"{os.cpu_count()} CPUs, {args.runs} runs each",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        raw, sound, rate = prerender(spec, audio, scratch)
        pipeline_times, ffmpeg_times = [], []
        cpu = {"python": 0.0, "pipeline ffmpeg": 0.0, "bare ffmpeg": 0.0}
        time_pipeline(spec, audio, scratch / "warm")  # imports, espeak and font loading: not per job
        for run in range(args.runs):
            own, children = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
            seconds, stages = time_pipeline(spec, audio, scratch / f"run{run}")
            pipeline_times.append(seconds)
            cpu["python"] += cpu_seconds(resource.RUSAGE_SELF) - own
            cpu["pipeline ffmpeg"] += cpu_seconds(resource.RUSAGE_CHILDREN) - children
            children = cpu_seconds(resource.RUSAGE_CHILDREN)
            ffmpeg_times.append(time_ffmpeg(spec, raw, sound, rate, scratch / f"bare{run}.mp4"))
            cpu["bare ffmpeg"] += cpu_seconds(resource.RUSAGE_CHILDREN) - children
            print(
                f"run {run + 1}: pipeline {seconds:.2f} s {stages}, bare ffmpeg {ffmpeg_times[-1]:.2f} s",
                flush=True,
            )
    memory = peak_memory(audio)

    pipeline, bare = statistics.median(pipeline_times), statistics.median(ffmpeg_times)
    ratio = pipeline / bare
    total = (memory["python_kib"] + memory["ffmpeg_kib"]) * 1024
    self_usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"(this bench process peaked at {self_usage / 1024:.0f} MiB)")
    per_run = ", ".join(f"{name} {seconds / args.runs:.2f} s" for name, seconds in cpu.items())
    print(f"CPU time per run (the cores are shared, so this is what competes): {per_run}")
    print(
        f"pipeline 10 s 720x1280 render+encode median: {pipeline:.2f} s "
        f"(goal <= {SECONDS_GOAL:.1f} s) {verdict(pipeline <= SECONDS_GOAL)}"
    )
    print(f"bare ffmpeg same frames median: {bare:.2f} s")
    print(f"pipeline / bare ffmpeg: {ratio:.2f}x (goal <= {RATIO_GOAL}x) {verdict(ratio <= RATIO_GOAL)}")
    print(
        f"peak RSS 15 s clip: python {memory['python_kib'] / 1024:.0f} MiB + ffmpeg "
        f"{memory['ffmpeg_kib'] / 1024:.0f} MiB = {total / 1024**2:.0f} MiB "
        f"(goal <= {MEMORY_GOAL / 1024**2:.0f} MiB) {verdict(total <= MEMORY_GOAL)}"
    )


if __name__ == "__main__":
    main()
