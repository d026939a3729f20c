"""The feed at scale: queries per page, server time under 50 clients, and how it grows with posts.

Seeds a world (bench/feed_world.py) on PostgreSQL, 100,000 people and first 10,000 posts, measures
it, grows it to 1,000,000 posts and measures it again; and on SQLite, the README's default, one of
10,000 people and 100,000 posts. Seeding writes rows in bulk (COPY on PostgreSQL, executemany on
SQLite); every post has its prompt's embedding from the real model. On the two-core development
machine, shared: 100,000 people with 5 million follows in about 80 s (the prompt pool's embedding
included), 990,000 more posts in about 80 s, then VACUUM ANALYZE and a checkpoint in under 10 s;
SQLite's 10,000 people and 100,000 posts in about 35 s.

At each size it starts the app as the README runs it (`python -m sora.launcher`: uvicorn, the
worker and the embedded Redis; DEBUG off, SORA_SERVER_TIMING=1) on the scratch database and:
- counts the queries of page 1, page 2 and page 50 of For You, Following, a profile and a remix
  lineage (the big tree's original), through the real views with Django's test client
  (CaptureQueriesContext), each later page reached through the cursor the page before gave (htmx
  pages, as the browser fetches them; a lineage page is ?page=N);
- walks the pages the load replays over HTTP (For You and Following scrolls of 100 load users,
  first page then four htmx pages; 100 profiles, picked by popularity, scrolled the same way; the
  lineage pages of the big tree, 1 to 50, its deepest and busiest remixes, and small trees), then
  loads each kind of page with wrk on loopback, 50 connections, after a bare view (/healthz):
  server time is the view's wall time from the Server-Timing header (its CPU time beside it).
Where a goal is missed, it profiles that page in-process (cProfile over serial requests through the
test client, the SQL's time apart, and the plan of the slowest query: EXPLAIN ANALYZE on
PostgreSQL) and prints where the time goes.

Prints, at each size as it goes, then together: queries per page; p95 server time per page under
50 clients; how p95 grows from 10k to 1M posts on PostgreSQL; requests/s as a share of the bare
view's (reported, not a goal); last the PASS/FAIL lines.

Goals: <= 8 queries on every page, and none more for depth: page 50 the same as page 2, and no more
than page 1 (a first page may do work of its own: For You ranks there, a profile reads its header;
the verdict names the pages where page 1 costs more); p95 <= 50 ms on every
page on both databases, at the largest size; p95 at 1M posts <= 1.5 x p95 at 10k, page by page
(rows with fewer than 50 answers are not judged for growth: at 10k posts few profiles have a
second page).

Run: .venv/bin/python bench/feed.py                 # the full run: about 11 minutes on two cores
     .venv/bin/python bench/feed.py --scale small   # a smoke run: about 3 minutes
     .venv/bin/python bench/feed.py --databases sqlite --sqlite-posts 20000 --sqlite-people 2000
Needs wrk (apt-get install wrk) and, for PostgreSQL, a server where it may create and drop a
database: --postgres, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchkit import percentile, scratch_django, verdict  # noqa: E402

QUERY_GOAL = 8
P95_GOAL_MS = 50.0
GROWTH_GOAL = 1.5
DEEP_PAGE = 50
LOAD_USERS = 200  # signed-in people with sessions; the first SCROLLERS of them scroll in the load
SCROLLERS = 100
PROFILE_TARGETS = 100
PAGES_PER_SCROLL = 5
PROFILE_REQUESTS = 30
# Fewer answers than this in a row make no p95 worth judging (at 10k posts few profiles have a
# second page): such a row is shown, and left out of the growth goal, or fails the p95 goal.
MIN_ANSWERS = 50
KINDS = ("For You", "Following", "profile", "lineage")
# The rows of the server-time table: (kind, full page or htmx page).
ROWS = [(kind, step) for kind in KINDS[:3] for step in ("first", "later")] + [("lineage", "first")]
SCALES = {
    "full": {"people": 100_000, "posts": 1_000_000, "start_posts": 10_000, "sqlite_people": 10_000,
             "sqlite_posts": 100_000, "duration": 20},
    "small": {"people": 2_000, "posts": 20_000, "start_posts": 5_000, "sqlite_people": 1_000,
              "sqlite_posts": 10_000, "duration": 8},
}  # fmt: skip
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def row_label(kind: str, step: str) -> str:
    if kind == "lineage":
        return "lineage page"
    return f"{kind} {'first page' if step == 'first' else 'later pages'}"


def size_label(posts: int) -> str:
    return f"{posts // 1_000_000}M" if posts >= 1_000_000 and posts % 1_000_000 == 0 else f"{posts // 1000}k"


# --- The parent: one child process per database, then the summary and the verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="full")
    parser.add_argument("--databases", default="sqlite,postgresql", help="comma-separated")
    parser.add_argument("--people", type=int, help="PostgreSQL's world")
    parser.add_argument("--posts", type=int, help="PostgreSQL's world, at its largest")
    parser.add_argument("--start-posts", type=int, help="PostgreSQL's first size (p95 growth from it)")
    parser.add_argument("--sqlite-people", type=int)
    parser.add_argument("--sqlite-posts", type=int)
    parser.add_argument("--duration", type=int, help="seconds of load per page kind")
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL", ""), help="server URL")
    parser.add_argument("--profile", action="store_true", help="profile every page kind, missed or not")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", choices=NAMES, help=argparse.SUPPRESS)
    parser.add_argument("--json", help=argparse.SUPPRESS)
    args = parser.parse_args()
    for name, value in SCALES[args.scale].items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if not args.postgres.startswith("postgres"):
        args.postgres = "postgres://postgres@127.0.0.1:5432/postgres"
    if args.child:
        child(args)
        return
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    started = time.perf_counter()
    results = []
    for database in args.databases.split(","):
        if database not in NAMES:
            parser.error(f"unknown database {database!r}: sqlite or postgresql")
        out = Path(tempfile.mkstemp(prefix="sora-bench-feed-", suffix=".json")[1])
        command = [sys.executable, __file__, *sys.argv[1:], "--child", database, "--json", str(out)]
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        if database == "postgresql":
            env["DATABASE_URL"] = args.postgres
        print(f"\n===== {NAMES[database]} =====", flush=True)
        done = subprocess.run(command, env=env)
        text = out.read_text()
        out.unlink()
        if done.returncode or not text:
            print(f"{NAMES[database]}: the run failed (exit code {done.returncode})")
            results.append({"database": database, "failed": True, "stages": []})
        else:
            results.append(json.loads(text))
    summary(results, time.perf_counter() - started)


def summary(results: list[dict], seconds: float) -> None:
    stages = [stage for result in results for stage in result["stages"]]
    print(f"\n===== Summary ({seconds / 60:.1f} minutes in all) =====")
    print("\nqueries per page (page 1 / page 2 / page 50; a page short of 50 is the last there is):")
    for stage in stages:
        cells = ", ".join(f"{kind} {counts_cell(stage['counts'][kind])}" for kind in KINDS)
        print(f"  {stage['label']}: {cells}")

    print("\nserver time (view wall time, Server-Timing) at p95 under 50 clients, ms (CPU ms in brackets):")
    print(f"  {'page':<24}" + "".join(f"{stage['label']:>26}" for stage in stages))
    for kind, step in ROWS:
        cells = []
        for stage in stages:
            row = stage["load"][row_label(kind, step)]
            cell = f"{row['wall'][1]:.1f} ({row['cpu'][1]:.1f})" if row["n"] else "-"
            cells.append(cell + (f" n={row['n']}" if row["n"] < MIN_ANSWERS else ""))
        print(f"  {row_label(kind, step):<24}" + "".join(f"{cell:>26}" for cell in cells))

    growth = growth_of(results)
    if growth:
        low, high = growth["labels"]
        print(f"\np95 growth on PostgreSQL from {low} to {high} (p95 at {high} / p95 at {low}):")
        for label, (before, after, ratio) in growth["rows"].items():
            print(f"  {label:<24} {before:>7.1f} ms -> {after:>7.1f} ms: {ratio:.2f}x")
        for label, (low_n, high_n) in growth["skipped"].items():
            print(f"  {label:<24} not judged: {low_n} and {high_n} answers (fewer than {MIN_ANSWERS})")

    print(
        "\nrequests/s as a share of the bare view's (/healthz), same server, same run (reported, not a goal):"
    )
    for stage in stages:
        bare = stage["rps"]["bare"]
        cells = ", ".join(
            f"{kind} {stage['rps'][kind]:.0f} = {stage['rps'][kind] / bare:.2f}x" for kind in KINDS
        )
        print(f"  {stage['label']}: bare view {bare:.0f}/s; {cells}")
    bad = [f"{stage['label']}: {stage['bad']}" for stage in stages if stage["bad"]]
    if bad:
        print("\nnon-200 answers or socket errors:", *bad, sep="\n  ")

    print()
    verdicts = []
    worst = [
        (stage["label"], kind, counts)
        for stage in stages
        for kind, counts in stage["counts"].items()
        # Depth must cost nothing: page 50 as many as page 2 (and no more than page 1). A first
        # page may do work of its own: For You ranks there, a profile reads its header.
        if max(n for _, n in counts) > QUERY_GOAL
        or counts[-1][1] != counts[min(1, len(counts) - 1)][1]
        or counts[-1][1] > counts[0][1]
    ]
    ok = bool(stages) and not worst
    missed = "; ".join(f"{label} {kind} {counts_cell(counts)}" for label, kind, counts in worst)
    first_more = sorted({kind for stage in stages for kind, counts in stage["counts"].items()
                         if counts[0][1] != counts[-1][1]})  # fmt: skip
    verdicts.append(ok)
    print(
        f"queries per page <= {QUERY_GOAL}, page 50 = page 2 <= page 1: {verdict(ok)}"
        + (f" ({missed})" if missed else "")
        + (f" (page 1 costs more, its own work: {', '.join(first_more)})" if first_more else "")
    )
    for result in results:
        name = NAMES[result["database"]]
        stage = result["stages"][-1] if result["stages"] else None
        ok, missed = False, "the run failed"
        if stage:
            over = [f"{label} {row['wall'][1]:.1f} ms" for label, row in stage["load"].items()
                    if row["n"] and row["wall"][1] > P95_GOAL_MS]  # fmt: skip
            few = [
                f"{label}: {row['n']} answers"
                for label, row in stage["load"].items()
                if row["n"] < MIN_ANSWERS
            ]
            ok = not over and not few and not stage["bad"]
            missed = "; ".join(
                over + few + ([f"non-200 answers or socket errors {stage['bad']}"] if stage["bad"] else [])
            )
            name = stage["label"]
        verdicts.append(ok)
        print(
            f"server p95 <= {P95_GOAL_MS:.0f} ms under 50 clients, {name}: {verdict(ok)}"
            + (f" ({missed})" if missed else "")
        )
    if any(result["database"] == "postgresql" for result in results):
        ok = bool(growth) and all(ratio <= GROWTH_GOAL for _, _, ratio in growth["rows"].values())
        over = [f"{label} {ratio:.2f}x" for label, (_, _, ratio) in (growth or {"rows": {}})["rows"].items()
                if ratio > GROWTH_GOAL]  # fmt: skip
        span = " from {} to {}".format(*growth["labels"]) if growth else ""
        verdicts.append(ok)
        print(
            f"p95 growth{span} posts <= {GROWTH_GOAL}x, PostgreSQL: {verdict(ok)}"
            + (f" ({'; '.join(over)})" if over else "")
        )
    print(f"overall: {verdict(all(verdicts))}")


def counts_cell(counts: list[list[int]]) -> str:
    cell = " / ".join(str(n) for _, n in counts)
    deepest = counts[-1][0]
    return cell + (f" (page {deepest} is the last)" if deepest != DEEP_PAGE else "")


def growth_of(results: list[dict]) -> dict | None:
    for result in results:
        if result["database"] == "postgresql" and len(result["stages"]) >= 2:
            low, high = result["stages"][0], result["stages"][-1]
            rows, skipped = {}, {}
            for label, before in low["load"].items():
                after = high["load"][label]
                if min(before["n"], after["n"]) >= MIN_ANSWERS:
                    rows[label] = (before["wall"][1], after["wall"][1], after["wall"][1] / before["wall"][1])
                else:
                    skipped[label] = (before["n"], after["n"])
            labels = (size_label(low["posts"]), size_label(high["posts"]))
            return {"labels": labels, "rows": rows, "skipped": skipped}
    return None


# --- A child: one database, its sizes


def child(args: argparse.Namespace) -> None:
    from sora.embedded_redis import free_port

    # Before numpy loads: OpenBLAS's per-core threads spin after each product (manage.py does the same).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # The server runs with DEBUG off, which needs a key; this process makes sessions and cursors
    # the server must accept, so both sign with the same one.
    os.environ["SECRET_KEY"] = "bench-feed-" + uuid.uuid4().hex * 2
    # This process shares the server's Redis (the launcher's embedded one, on this port): For You's
    # cursors name snapshots kept there. It runs while the server does.
    redis_port = free_port()
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    workdir = Path(tempfile.mkdtemp(prefix="sora-bench-feed-run-"))
    try:
        with scratch_django("sora-bench-feed-"):
            stages = run(args, workdir, redis_port)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    Path(args.json).write_text(json.dumps({"database": args.child, "stages": stages}))


def run(args: argparse.Namespace, workdir: Path, redis_port: int) -> list[dict]:
    from django.core.management import call_command
    from django.db import connection

    from bench.feed_world import people_create, posts_add, settle, steers_set

    postgres = connection.vendor == "postgresql"
    if postgres:
        people, sizes = args.people, sorted({args.start_posts, args.posts})
    else:
        people, sizes = args.sqlite_people, [args.sqlite_posts]
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off serves the manifest's names
    started = time.perf_counter()
    world = people_create(people, load_users=LOAD_USERS, profile_targets=PROFILE_TARGETS, seed=args.seed)
    people_s = time.perf_counter() - started
    facts = world.facts
    print(
        f"{facts['people']:,} people in {people_s:.1f} s (the prompt pool's embedding included): "
        f"{facts['follows']:,} follows ({facts['mutual_pairs']:,} mutual pairs); followers per person: "
        f"median {facts['median_followers']:.0f}, most {facts['max_followers']:,}; "
        f"{facts['prompts']:,} distinct prompts from {facts['templates']} templates over {facts['topics']} "
        f"topics, embedded in {world.times['embedding the prompt pool']:.1f} s",
        flush=True,
    )
    stages, sessions, first, steering = [], {}, None, 0
    for size in sizes:
        started = time.perf_counter()
        posts_add(world, size - world.posts, seed=args.seed)
        if not stages:
            steering = steers_set(world, args.seed)
        added_s = time.perf_counter() - started
        settle_s = settle()
        label = f"{NAMES[connection.vendor]} {size_label(size)}"
        tables = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in world.times.items())
        print(
            f"\n--- {label}: {world.posts:,} posts by {people:,} people ---\n"
            f"posts added in {added_s:.1f} s, then {settle_s:.1f} s to settle "
            f"({'VACUUM ANALYZE, CHECKPOINT' if postgres else 'WAL checkpoint'}); "
            f"{world.facts['likes']:,} likes, {world.facts['remix_nodes']:,} remix nodes (the big tree: "
            f"{world.tree['size']:,}); {steering} of the {len(world.load)} load users steer\n"
            f"time writing each table so far, all sizes: {tables}",
            flush=True,
        )
        stage = measure(args, world, workdir, redis_port, sessions, first)
        stage.update(label=label, posts=world.posts, people=people, added_s=added_s, settle_s=settle_s)
        stages.append(stage)
        first = first or stage
    return stages


def measure(args, world, workdir: Path, redis_port: int, sessions: dict, first: dict | None) -> dict:
    """One size: start the server, count queries, walk the pages, load them, profile misses."""
    from django.db import connection

    from bench.feed_load import scrolls_walk, server_start, server_stop, sessions_make, wrk_run
    from sora.embedded_redis import free_port

    connection.close()  # the server opens its own
    port = free_port()
    server = server_start(workdir, port, redis_port)
    base = f"http://127.0.0.1:{port}"
    try:
        if not sessions:
            sessions.update(sessions_make([int(world.user_ids[i]) for i in world.load]))
        keys = [sessions[int(world.user_ids[i])] for i in world.load]
        counts = queries_per_page(world, sessions)
        print("\nqueries per page:      page 1   page 2   page 50")
        for kind in KINDS:
            cells = "".join(f"{n:>9}" for _, n in counts[kind])
            deepest = counts[kind][-1][0]
            print(
                f"  {kind:<18}{cells}" + (f"   (page {deepest} is the last)" if deepest != DEEP_PAGE else "")
            )

        started = time.perf_counter()
        scrollers = keys[:SCROLLERS]
        lists = {
            "For You": scrolls_walk(base, [(key, "/") for key in scrollers], PAGES_PER_SCROLL),
            "Following": scrolls_walk(
                base, [(key, "/?tab=following") for key in scrollers], PAGES_PER_SCROLL
            ),
            "profile": scrolls_walk(
                base,
                [
                    (keys[i % len(keys)], f"/u/{handle(world, person)}/")
                    for i, person in enumerate(world.profile_targets)
                ],
                PAGES_PER_SCROLL,
            ),
            "lineage": lineage_lines(world, keys),
        }
        walk_s = time.perf_counter() - started
        print(
            f"\nwalked the load's pages over HTTP in {walk_s:.1f} s: "
            + ", ".join(f"{kind} {len(lines)}" for kind, lines in lists.items())
        )
        bare = wrk_run(f"{base}/healthz", None, args.duration, workdir)
        runs = {kind: wrk_run(f"{base}/", lines, args.duration, workdir) for kind, lines in lists.items()}
        stage = load_table(bare, runs, args.duration)
        stage["counts"] = counts
        for kind, step in ROWS:
            if args.profile or over_goal(stage, first, row_label(kind, step)):
                chosen = [line for line in lists[kind] if line[1] == step][:PROFILE_REQUESTS]
                print(
                    profile_row(row_label(kind, step), chosen, stage["load"][row_label(kind, step)]),
                    flush=True,
                )
    finally:
        server_stop(server)
    return stage


def handle(world, person: int) -> str:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.values_list("username", flat=True).get(pk=int(world.user_ids[person]))


def lineage_lines(world, keys: list[str]) -> list[tuple[str, str, str]]:
    """The big tree's lineage pages (its original's, page 1 to the last, up to 50; its deepest
    remix's, 50 ancestors; its busiest remix's, 200 direct remixes) and small trees', in turn."""
    from remix.selectors import LINEAGE_PAGE_SIZE

    tree = world.tree
    pages = min(DEEP_PAGE, (tree["size"] - 2) // LINEAGE_PAGE_SIZE + 1)
    paths = [f"/remix/{tree['original']}/lineage/?page={page}" for page in range(1, pages + 1)]
    paths += [f"/remix/{tree['deepest']}/lineage/", f"/remix/{tree['hub']}/lineage/"]
    paths += [f"/remix/{post}/lineage/" for post in world.small_roots[:100]]
    return [(keys[i % len(keys)], "first", path) for i, path in enumerate(paths)]


def over_goal(stage: dict, first: dict | None, label: str) -> bool:
    row = stage["load"][label]
    if row["n"] < MIN_ANSWERS:
        return False
    if row["wall"][1] > P95_GOAL_MS:
        return True
    before = first and first["load"][label]
    return bool(before and before["n"] >= MIN_ANSWERS and row["wall"][1] > GROWTH_GOAL * before["wall"][1])


def load_table(bare: dict, runs: dict, seconds: int) -> dict:
    """Print the load's figures; return them (p50, p95, p99 per row, requests/s per kind)."""
    from django.conf import settings

    def quantiles(values: list[float]) -> list[float]:
        return [percentile(values, q) for q in (0.5, 0.95, 0.99)]

    print(
        f"\nload: wrk, 1 thread, 50 connections, {seconds} s per kind; view time from Server-Timing, ms: "
        f"wall (the view's time in its thread, from when it got one of the server's "
        f"{settings.SORA_WEB_CONCURRENCY} places), CPU (that thread's)"
    )
    print(f"  {'page':<24}{'n':>7}{'wall p50':>10}{'p95':>8}{'p99':>8}{'cpu p50':>10}{'p95':>8}")
    table = {}
    for kind, step in [("bare", "first"), *ROWS]:
        result = bare if kind == "bare" else runs[kind]
        key = "later" if kind == "bare" else step  # /healthz's body is no document
        wall, cpu = result["wall"].get(key, []), result["cpu"].get(key, [])
        label = "bare view (/healthz)" if kind == "bare" else row_label(kind, step)
        row = {"n": len(wall), "wall": quantiles(wall), "cpu": quantiles(cpu)}
        if kind != "bare":
            table[label] = row
        print(
            f"  {label:<24}{row['n']:>7}{row['wall'][0]:>10.1f}{row['wall'][1]:>8.1f}{row['wall'][2]:>8.1f}"
            f"{row['cpu'][0]:>10.1f}{row['cpu'][1]:>8.1f}"
        )
    rps = {"bare": bare["rps"], **{kind: result["rps"] for kind, result in runs.items()}}
    print("  requests/s: " + ", ".join(f"{kind} {value:.0f}" for kind, value in rps.items()))
    bad: dict = {}
    for result in [bare, *runs.values()]:
        for status, n in result["statuses"].items():
            if status != 200:
                bad[str(status)] = bad.get(str(status), 0) + n
        if result["errors"]:
            bad["socket errors"] = bad.get("socket errors", 0) + result["errors"]
    if bad:
        print(f"  non-200 answers or socket errors: {bad}")
    return {"load": table, "rps": rps, "bad": bad}


def queries_per_page(world, sessions: dict[int, str]) -> dict[str, list[list[int]]]:
    """Queries of page 1, page 2 and page 50 (or the last there is) of each kind, through the real
    views with the test client: {kind: [[page, queries], ...]}."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.feed_load import next_link
    from remix.selectors import LINEAGE_PAGE_SIZE

    # The load user who follows the most posts (Following reaches page 50 soonest) reads every
    # kind; the profile is the most prolific creator's.
    followed = [int(world.posts_per_person[followees].sum()) for followees in world.followees]
    reader = int(world.user_ids[world.load[followed.index(max(followed))]])
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[reader]

    def get(path: str, later: bool) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, headers={"HX-Request": "true"} if later else {})
        assert response.status_code == 200, (path, response.status_code)
        return len(queries.captured_queries), response.content.decode()

    def scroll(path: str) -> list[list[int]]:
        counted = []
        for page in range(1, DEEP_PAGE + 1):
            n, body = get(path, later=page > 1)
            if page in (1, 2, DEEP_PAGE):
                counted.append([page, n])
            path = next_link(body)
            if path is None:
                if page not in (1, 2, DEEP_PAGE):
                    counted.append([page, n])
                break
        return counted

    author = get_user_model().objects.get(pk=int(world.user_ids[world.posts_per_person.argmax()]))
    tree = world.tree
    last = min(DEEP_PAGE, (tree["size"] - 2) // LINEAGE_PAGE_SIZE + 1)
    lineage = f"/remix/{tree['original']}/lineage/?page="
    return {
        "For You": scroll("/"),
        "Following": scroll("/?tab=following"),
        "profile": scroll(f"/u/{author.username}/"),
        "lineage": [
            [page, get(f"{lineage}{page}", later=False)[0]] for page in sorted({1, min(2, last), last})
        ],
    }


def profile_row(label: str, lines: list[tuple[str, str, str]], row: dict) -> str:
    """Where a page's time goes: some of the load's requests of this row, one at a time in this
    process through the test client, under cProfile, with their SQL's time apart, and the plan of
    the slowest query (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite)."""
    import site

    from django.conf import settings
    from django.db import connection
    from django.test import Client

    client = Client()

    def get(session: str, step: str, path: str) -> None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        client.get(path, headers={"HX-Request": "true"} if step == "later" else {})

    for line in lines[-3:]:
        get(*line)  # warm: templates, static files' index, connections
    timings: list[tuple[float, str, object]] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append((time.perf_counter() - started, sql, params))

    profiler = cProfile.Profile()
    with connection.execute_wrapper(timed):
        started = time.perf_counter()
        profiler.enable()
        for line in lines:
            get(*line)
        profiler.disable()
        elapsed = time.perf_counter() - started
    sql_ms = sum(seconds for seconds, _, _ in timings) * 1000
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"(feed|remix|sora|generation|cameo)/", 15)
    stats.sort_stats("tottime").print_stats(12)
    text = out.getvalue()
    for prefix in [*site.getsitepackages(), str(ROOT)]:
        text = text.replace(prefix + "/", "")
    seconds, sql, params = max(timings or [(0.0, "SELECT 1", None)], key=lambda timing: timing[0])
    explain = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        plan = [str(found[-1]) for found in cursor.fetchall()]
    text += f"\nthe slowest query, {seconds * 1000:.1f} ms:\n" + "\n".join(textwrap.wrap(sql[:1800], 140))
    text += f"\nparameters: {params!r}"[:300] + "\nits plan:\n" + "\n".join(plan[:30])
    text = "\n".join("    " + line[:150] for line in text.splitlines() if line.strip())
    n = len(lines)
    under_load = f"wall p95 {row['wall'][1]:.1f} ms, CPU p95 {row['cpu'][1]:.1f} ms"
    return (
        f"\nprofile of {label} (a goal missed, or --profile). Under the load: {under_load}. {n} of the "
        f"load's requests, one at a time in this process under cProfile (which slows Python down): "
        f"{elapsed * 1000 / n:.1f} ms a request, of which executing SQL {sql_ms / n:.1f} ms (SQLite: "
        f"without fetching the rows) in {len(timings) / n:.1f} queries\n{text}"
    )


if __name__ == "__main__":
    main()
