"""`manage.py generate_batch`: operators' batch generation, with the real queue and worker."""

import io
import json
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from feed.models import Post
from generation import engines
from generation.engines.base import RenderError
from generation.models import Job
from sora.management.commands import generate_batch

from .conftest import run_worker
from .test_faults import ExplodingEngine


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("generate_batch", *map(str, args), stdout=out, stderr=err, **options)
        code = 0
    except CommandError as error:
        err.write(str(error))
        code = error.returncode
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def prompts(tmp_path):
    path = tmp_path / "prompts.txt"
    path.write_text(
        "# tonight's batch\n"
        "A corgi surfs a huge wave at sunset\n"
        "\n"
        "A robot cooks pasta in a tiny kitchen\n"
        f"{'x' * 1001}\n"
    )
    return path


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "prompts.jsonl"
    lines = [
        json.dumps({"prompt": "A fox in the snow", "duration": 10, "orientation": "landscape", "seed": 3}),
        "{not json",
        json.dumps({"prompt": "A cat", "colour": "red"}),
        json.dumps({"prompt": "A cat", "duration": 7}),
        json.dumps({"prompt": "A cat", "seed": -1}),
        json.dumps({"prompt": "   "}),
        json.dumps(["A cat"]),
        json.dumps({"prompt": "A dog", "cameos": ["@bob"]}),
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.django_db(transaction=True)
def test_text_file_creates_a_job_per_prompt_and_reports_bad_lines_by_number(alice, prompts, render_queue):
    code, out, err = run(prompts, "--as", "@alice")
    jobs = list(Job.objects.order_by("pk"))
    assert [job.prompt for job in jobs] == [
        "A corgi surfs a huge wave at sunset",
        "A robot cooks pasta in a tiny kitchen",
    ]
    assert all(job.owner == alice and job.duration == 5 and job.orientation == "portrait" for job in jobs)
    assert render_queue.job_ids == [jobs[0].rq_job_id]  # her second waits for her first (a fair queue)
    assert render_queue.deferred_job_registry.get_job_ids() == [jobs[1].rq_job_id]
    assert "line 5: skipped: Keep the prompt under 1000 characters (it has 1001)." in err
    assert code == 1 and "1 invalid line skipped" in err
    assert "queued" in out and str(jobs[0].pk) in out  # the summary table


@pytest.mark.django_db(transaction=True)
def test_jsonl_takes_options_per_line_and_explains_every_invalid_line(alice, jsonl, render_queue):
    code, out, err = run(jsonl, "--as", "alice")
    job = Job.objects.get()
    assert (job.prompt, job.duration, job.orientation, job.seed) == ("A fox in the snow", 10, "landscape", 3)
    assert "line 2: skipped: not valid JSON" in err
    assert "line 3: skipped: unknown field 'colour'" in err
    assert "line 4: skipped: Pick a length of 5, 10 or 15 seconds." in err
    assert 'line 5: skipped: "seed" must be a whole number' in err
    assert "line 6: skipped: Describe the video you want: the prompt is empty." in err
    assert "line 7: skipped: a JSONL line must be an object" in err
    assert 'line 8: skipped: "cameos" lists @bob, but the prompt never mentions @bob' in err
    assert code == 1 and "7 invalid lines skipped" in err


@pytest.mark.django_db
def test_dry_run_checks_and_creates_nothing(alice, prompts, render_queue):
    code, out, err = run(prompts, "--dry-run", "--as", "alice")
    assert Job.objects.count() == 0 and render_queue.count == 0
    assert "Dry run: nothing was created." in out and "A robot cooks pasta" in out, err
    assert code == 1 and "line 5" in err


@pytest.mark.django_db(transaction=True)
def test_skip_existing_makes_a_second_run_a_no_op(alice, tmp_path, render_queue):
    path = tmp_path / "p.txt"
    path.write_text("A corgi at the beach\nA cat on a roof\n")
    assert run(path, "--skip-existing", "--as", "alice")[0] == 0
    code, out, _ = run(path, "--skip-existing", "--as", "alice")
    assert code == 0 and Job.objects.count() == 2 and out.count("exists") == 2
    # Without the flag the same file is generated again, on purpose (past alice's two at once
    # with the operator's --no-quota: test_quotas.py has the limits).
    run(path, "--as", "alice", "--no-quota")
    assert Job.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_skip_existing_regenerates_what_failed(alice, tmp_path, render_queue):
    path = tmp_path / "p.txt"
    path.write_text("A corgi at the beach\n")
    run(path, "--skip-existing", "--as", "alice")
    Job.objects.update(status="failed")
    run(path, "--skip-existing", "--as", "alice")
    assert Job.objects.filter(status="queued").count() == 1


def run_with_worker(*args, **options):
    """The command waits for its jobs; a real worker drains the queue meanwhile."""
    result: dict = {}
    thread = threading.Thread(target=lambda: result.update(value=run(*args, **options)))
    thread.start()
    deadline = time.monotonic() + 30
    while thread.is_alive() and time.monotonic() < deadline:
        run_worker()
        time.sleep(0.2)
    thread.join(timeout=5)
    assert "value" in result, "generate_batch did not return"
    return result["value"]


@pytest.mark.django_db(transaction=True)
def test_wait_and_publish_show_progress_and_publish_every_video(alice, tmp_path, render_queue):
    path = tmp_path / "p.txt"
    path.write_text("A corgi at the beach\nA cat on a roof at night\n")
    code, out, err = run_with_worker(path, "--publish", "--as", "alice")
    assert code == 0, err
    assert "100%  2/2 done" in out and "[" + "#" * 30 + "]" in out
    posts = Post.objects.filter(author=alice)
    assert posts.count() == 2 and all(post.is_published for post in posts)
    assert out.count("published") == 2


@pytest.mark.django_db(transaction=True)
def test_a_failed_job_makes_the_exit_status_non_zero(alice, tmp_path, render_queue, settings, monkeypatch):
    monkeypatch.setitem(engines.VIDEO_ENGINES, "exploding", lambda: ExplodingEngine(RenderError("No.")))
    settings.SORA_VIDEO_ENGINE = "exploding"
    path = tmp_path / "p.txt"
    path.write_text("A corgi at the beach\n")
    code, out, err = run_with_worker(path, "--wait", "--as", "alice")
    assert code == 1 and "1 job failed" in err
    assert "failed" in out and "No." in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "--as", "alice"], "Can't read missing.txt"),
        (["{file}", "--as", "nobody"], "No user @nobody"),
    ],
)
def test_bad_invocations_say_what_is_wrong(alice, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.txt").write_text("A cat\n")
    code, _, err = run(*[a.replace("{file}", "p.txt") for a in args])
    assert code != 0 and message in err


@pytest.mark.django_db(transaction=True)
def test_jsonl_cameos_need_their_owners_consent(alice, bob, tmp_path, render_queue, astronaut_portrait):
    from cameo.models import Appearance, Cameo

    from .conftest import make_cameo, make_user

    make_cameo(bob, astronaut_portrait, tier=Cameo.Tier.EVERYONE)
    carol = make_user("carol")
    make_cameo(carol, astronaut_portrait, tier=Cameo.Tier.ONLY_ME)
    path = tmp_path / "cameos.jsonl"
    lines = [
        {"prompt": "@bob surfs a wave at sunset", "cameos": ["@bob"]},
        {"prompt": "@carol bakes bread", "cameos": ["carol"]},
        {"prompt": "@bob waves", "cameos": ["not a handle!"]},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    code, out, err = run(path, "--as", "alice")
    job = Job.objects.get()
    assert job.prompt == "@bob surfs a wave at sunset"
    assert [ref["name"] for ref in job.spec["references"]] == ["@bob"]
    assert Appearance.objects.get().owner == bob
    assert "line 2: refused: @carol hasn't allowed you to use their cameo." in err
    assert "line 3: skipped: \"cameos\" must hold @handles; 'not a handle!' is not one" in err
    assert code == 1 and "2 invalid lines skipped" in err


@pytest.mark.django_db(transaction=True)
def test_a_dry_run_refuses_what_the_real_run_refuses_and_keeps_nothing(
    alice, bob, tmp_path, render_queue, astronaut_portrait
):
    from cameo.models import Appearance, Cameo
    from feed.models import Notification

    from .conftest import make_cameo, make_user

    make_cameo(bob, astronaut_portrait, tier=Cameo.Tier.EVERYONE)
    make_cameo(make_user("carol"), astronaut_portrait, tier=Cameo.Tier.ONLY_ME)
    path = tmp_path / "cameos.jsonl"
    lines = [{"prompt": "@bob surfs a wave at sunset", "cameos": ["@bob"]}, {"prompt": "@carol bakes bread"}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")

    code, out, err = run(path, "--dry-run", "--as", "alice")

    assert "Dry run: nothing was created." in out
    assert "line 2: refused: @carol hasn't allowed you to use their cameo." in err
    assert code == 1 and "1 of 2 lines are invalid" in err
    assert not Job.objects.exists() and not Appearance.objects.exists() and render_queue.count == 0
    assert not Notification.objects.exists(), "bob is not told his cameo was used by a dry run"


class BusyJobs:
    """generate_batch's Job, whose polls the database refuses `refusals` times in a row (as
    SQLite's "table is locked" while a worker writes them); everything else is the real model."""

    def __init__(self, refusals: int) -> None:
        self.refusals = self.polls = 0
        self.left = refusals
        outer = self

        class Manager:
            def filter(self, **lookups):
                outer.polls += 1
                if outer.left:
                    outer.left -= 1
                    outer.refusals += 1
                    raise OperationalError("database table is locked")
                return Job.objects.filter(**lookups)

        self.objects = Manager()

    def __getattr__(self, name):
        return getattr(Job, name)


def busy_batch(monkeypatch, tmp_path, *, refusals: int) -> tuple[BusyJobs, Path]:
    busy = BusyJobs(refusals=refusals)
    monkeypatch.setattr(generate_batch, "Job", busy)
    monkeypatch.setattr(generate_batch, "POLL_SECONDS", 0.02)
    path = tmp_path / "p.txt"
    path.write_text("A corgi at the beach\n")
    return busy, path


@pytest.mark.django_db(transaction=True)
def test_waiting_rides_out_a_database_that_is_busy_for_a_moment(alice, tmp_path, render_queue, monkeypatch):
    busy, path = busy_batch(monkeypatch, tmp_path, refusals=3)
    code, out, err = run_with_worker(path, "--wait", "--as", "alice")
    assert code == 0, err
    assert busy.refusals == 3 and busy.polls > 3
    assert "100%  1/1 done" in out


@pytest.mark.django_db(transaction=True)
def test_waiting_gives_up_on_a_database_that_stays_busy(alice, tmp_path, render_queue, monkeypatch):
    busy, path = busy_batch(monkeypatch, tmp_path, refusals=1000)
    with pytest.raises(OperationalError):
        run(path, "--wait", "--as", "alice")
    assert busy.polls == generate_batch.BUSY_POLLS + 1
