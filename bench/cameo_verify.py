"""Cameo verification: `cameo.analysis.recording_analyse` on a 7 s selfie recording.

Builds a 7 s 1280x720 H.264 + AAC clip with tests/cameo_clips.py (a real face turning left then
right, espeak reading digits) and times the whole analysis: probe, one ffmpeg decoding pass,
face detection, landmarks and encodings on each sampled frame, voice activity, the portrait.
  - cold: a fresh process (models not yet loaded), as a worker that forks per job sees it;
  - warm: --runs analyses in this process after one warm-up; goal: median <= 5 s.
Prints the per-stage times of every run and the CPU time spent (the cores are shared).

Run: .venv/bin/python bench/cameo_verify.py [--runs 3] [--size 1280x720]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchkit import child_json, verdict  # noqa: E402
from cameo.analysis import recording_analyse  # noqa: E402
from tests import cameo_clips  # noqa: E402

SECONDS_GOAL = 5.0
CLIP_SECONDS = 7.0

_COLD = """
import json, sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
from cameo.analysis import recording_analyse
result = recording_analyse({path!r})
seconds = time.perf_counter() - started
print(json.dumps({{"seconds": seconds, "passed": result.passed, "stages": result.timings}}))
"""


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def cold_run(path: Path) -> dict:
    return child_json(_COLD.format(root=str(ROOT), path=str(path)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT of the clip")
    args = parser.parse_args()
    width, height = (int(value) for value in args.size.split("x"))

    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        path = cameo_clips.clip_verification(
            Path(scratch) / "selfie.mp4", seconds=CLIP_SECONDS, size=(width, height)
        )
        print(
            f"{CLIP_SECONDS:.0f} s {width}x{height} clip built in {time.perf_counter() - started:.2f} s, "
            f"{os.cpu_count()} CPUs, {args.runs} runs",
            flush=True,
        )

        cold = cold_run(path)
        print(f"cold (fresh process, imports and models included): {cold['seconds']:.2f} s {cold['stages']}")

        recording_analyse(path)  # a resident worker loads the models once, not per job
        times, cpu = [], 0.0
        for run in range(args.runs):
            before = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            result = recording_analyse(path)
            times.append(time.perf_counter() - started)
            cpu += cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN) - before
            scores = {check.name: check.score for check in result.checks}
            print(
                f"run {run + 1}: {times[-1]:.2f} s, stages {result.timings}, "
                f"passed={result.passed} scores {scores}",
                flush=True,
            )
            if not result.passed:
                print(f"  unexpected failure: {result.failure}")

    median = statistics.median(times)
    print(f"CPU time per run (python + ffmpeg): {cpu / args.runs:.2f} s")
    cold_ok = verdict(cold["seconds"] <= SECONDS_GOAL)
    print(f"cold run: {cold['seconds']:.2f} s (goal <= {SECONDS_GOAL:.1f} s) {cold_ok}")
    print(
        f"verification {CLIP_SECONDS:.0f} s clip median: {median:.2f} s "
        f"(goal <= {SECONDS_GOAL:.1f} s) {verdict(median <= SECONDS_GOAL)}"
    )


if __name__ == "__main__":
    main()
