"""`make run` installs no torch: every module and every default feature must work without it.

The suite's own environment has torch (for the model engines' tests), so these run in a child
interpreter where `import torch` fails, as it does on a default install.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from . import cameo_clips

BASE_DIR = Path(__file__).resolve().parent.parent

# Run before anything else in the child: from here on `import torch` raises ImportError.
NO_TORCH = 'import sys\nfor _name in ("torch", "torchaudio", "torchvision"):\n    sys.modules[_name] = None\n'


def run_without_torch(code: str, tmp_path: Path) -> dict:
    """Run `code` in a fresh interpreter without torch; it prints one JSON object last."""
    script = tmp_path / "child.py"
    script.write_text(NO_TORCH + textwrap.dedent(code))
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="sora.settings",
        SORA_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=str(BASE_DIR),
    )
    env.pop("DATABASE_URL", None)  # these checks need no database
    done = subprocess.run(
        [sys.executable, str(script)], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.nodb  # run_without_torch's child has no database
def test_the_blocker_really_blocks_torch(tmp_path):
    result = run_without_torch(
        """
        import json
        try:
            import torch  # noqa: F401
            print(json.dumps({"imported": True}))
        except ImportError:
            print(json.dumps({"imported": False}))
        """,
        tmp_path,
    )
    assert result == {"imported": False}


@pytest.mark.nodb  # run_without_torch's child has no database
def test_every_module_of_the_project_imports_without_torch(tmp_path):
    result = run_without_torch(
        """
        import importlib, json, pkgutil
        import django
        django.setup()
        names = []
        for app in ("sora", "generation", "feed", "cameo", "remix"):
            package = importlib.import_module(app)
            names.append(app)
            for info in pkgutil.walk_packages(package.__path__, app + "."):
                importlib.import_module(info.name)
                names.append(info.name)
        import sora.asgi  # the web process, as uvicorn loads it
        print(json.dumps({"modules": names}))
        """,
        tmp_path,
    )
    modules = set(result["modules"])
    # The default engines and every cameo check are among them (not skipped by a typo in a name).
    for name in ("generation.engines.preview", "generation.engines.speech", "generation.engines.soundscape",
                 "generation.pipeline", "generation.tasks", "cameo.analysis", "cameo.vad", "cameo.tasks",
                 "generation.embeddings"):  # fmt: skip
        assert name in modules


@pytest.mark.django_db
def test_a_cameo_recording_is_checked_without_torch(tmp_path):
    """The whole check, the voice-activity model included, on a real face reading digits aloud."""
    clip = cameo_clips.clip_verification(tmp_path / "good.mp4")
    result = run_without_torch(
        f"""
        import json
        import django
        django.setup()
        from cameo.analysis import recording_analyse
        analysis = recording_analyse({str(clip)!r})
        failure = analysis.failure and analysis.failure.message
        print(json.dumps({{"passed": analysis.passed, "failure": failure, "scores": analysis.scores()}}))
        """,
        tmp_path,
    )
    assert result["passed"], result["failure"]
    assert result["scores"]["speech"]["passed"] and result["scores"]["speech"]["score"] >= 1.0


@pytest.mark.nodb  # run_without_torch's child has no database
def test_a_video_renders_with_the_default_engines_without_torch(tmp_path):
    result = run_without_torch(
        f"""
        import json
        import django
        django.setup()
        from django.conf import settings
        from generation.engines.base import RenderSpec
        from generation.pipeline import render
        from generation.probe import probe_media
        spec = RenderSpec(prompt='A corgi surfs a wave, then says "best day ever!"', duration=5,
                          width=96, height=160, seed=7, handle="alice", fps=8)
        out = render(spec, video_engine=settings.SORA_VIDEO_ENGINE, audio_engine=settings.SORA_AUDIO_ENGINE,
                     out_dir={str(tmp_path / "out")!r}, on_progress=lambda stage, fraction: None,
                     cancelled=lambda: False)
        media = probe_media(out.video_path)
        print(json.dumps({{"engines": [settings.SORA_VIDEO_ENGINE, settings.SORA_AUDIO_ENGINE],
                          "duration": media.duration, "audio": media.audio is not None,
                          "lines": [line["text"] for line in out.info["spoken"]]}}))
        """,
        tmp_path,
    )
    assert result["engines"] == ["preview", "speech"]
    assert result["audio"] and 4.5 <= result["duration"] <= 5.5
    assert result["lines"] == ["best day ever!"]


@pytest.mark.nodb  # run_without_torch's child has no database
def test_videos_are_signed_and_watermarked_and_read_back_without_torch(tmp_path):
    """invisible-watermark's package imports torch at the top: the app loads only its
    DWT-DCT-SVD module. c2pa-python needs no torch at all."""
    result = run_without_torch(
        f"""
        import json
        from pathlib import Path
        from generation import credentials, watermark
        from generation.engines.base import RenderSpec
        from generation.pipeline import render
        folder = Path({str(tmp_path)!r})
        spec = RenderSpec(prompt="Waves at sunset", duration=2, width=720, height=1280, seed=3, handle="a")
        out = render(spec, video_engine="preview", audio_engine="tones", out_dir=folder / "out",
                     on_progress=lambda stage, fraction: None, cancelled=lambda: False,
                     mark=watermark.payload_for(77, key=b"key"))
        credentials.identity_ensure(folder / "c2pa", organisation="Test")
        identity = credentials.identity_load(chain=folder / "c2pa" / credentials.CHAIN_NAME,
                                             key=folder / "c2pa" / credentials.KEY_NAME,
                                             anchors=[folder / "c2pa" / credentials.ROOT_NAME])
        manifest = credentials.manifest_for(title="t", server="s", claim={{"job": 77}}, agent="a", when="w")
        credentials.sign(out.video_path, manifest=manifest, identity=identity)
        found = credentials.read(out.video_path, anchors=identity.anchors)
        frames = watermark.frames_sample(out.video_path, seconds=20, count=48)
        reading = watermark.read(frames, key=b"key", render_sizes=[(720, 1280), (1280, 720)])
        import sys
        print(json.dumps({{"state": found.state, "job": found.manifest.render["job"], "mark": reading.job_id,
                          "torch": "torch" in sys.modules and sys.modules["torch"] is not None}}))
        """,
        tmp_path,
    )
    assert result == {"state": "trusted", "job": 77, "mark": 77, "torch": False}
