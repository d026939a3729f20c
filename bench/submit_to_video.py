"""Time from pressing Generate to the finished video on the job page, through the real stack.

Starts the app as `make run` does (launcher, embedded Redis, uvicorn, worker) in a scratch
folder, drives Debian's Chromium, and renders a 5 s portrait clip RUNS times.
Run: .venv/bin/python bench/submit_to_video.py [RUNS]
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tests.live_app import CHROMIUM, CHROMIUM_ARGS, browser_sign_up, live_app

PASSWORD = "correct horse battery staple"


def main(runs: int) -> None:
    timings = []
    with live_app() as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        browser_sign_up(page, app.url, "bench", PASSWORD)
        for run in range(runs):
            page.goto(app.url + "/create/")
            page.fill("textarea[name=prompt]", f"A corgi surfs a huge wave at sunset, take {run}")
            started = time.perf_counter()
            page.click("button:has-text('Generate')")
            page.wait_for_selector("#job-status video", timeout=120_000)
            timings.append(time.perf_counter() - started)
            print(f"run {run + 1}: {timings[-1]:.2f} s", flush=True)
        browser.close()
    median = statistics.median(timings)
    print(
        f"submit -> finished 5 s 720x1280 video, {runs} runs: median {median:.2f} s, "
        f"min {min(timings):.2f} s, max {max(timings):.2f} s; ratio to clip length {median / 5:.2f}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
