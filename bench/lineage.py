"""The lineage page of a 10,000-remix tree: queries per page and server time.

Builds, in a scratch database, one tree of 10,000 published remixes under one original: a spine
of remixes 50 deep, one remix with 200 direct remixes, and the rest attached at random (chains
and bushes; fan-out up to 200, depth up to 50), by 200 creators. Beside it, a tiny tree: an
original with one remix. Then renders /remix/<post>/lineage/ through the real view with the test
client (anonymous, and signed in) for the big tree's original in each order on page 1 and a deep
page, its deepest remix (50 ancestors), the remix with 200 direct remixes, and both posts of the
tiny tree. Counts the queries of every request and times them (median, warm-up excluded).
Goals: the same number of queries on the smallest and the largest tree (<= 5), and <= 100 ms
server time at the median on the largest tree.

Run: .venv/bin/python bench/lineage.py [--remixes 10000] [--requests 20] [--seed 1]
Set DATABASE_URL to run it on PostgreSQL (it creates and drops its own database there).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.benchkit import scratch_django, verdict

DEPTH = 50  # remix.models.MAX_DEPTH
FAN_OUT = 200
HUB_DEPTH = 5  # the depth of the remix (off the spine) that gets FAN_OUT direct remixes
CHAIN_SHARE = 0.35  # of the random remixes, this share remix the newest one (chains)
QUERY_GOAL = 5
TIME_GOAL_MS = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--remixes", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20, help="timed requests per case")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.remixes < DEPTH + FAN_OUT:
        parser.error(f"--remixes must be at least {DEPTH + FAN_OUT} (the spine and the 200-remix node)")

    with scratch_django("sora-bench-lineage-"):
        run(args)


def tree_shape(size: int, rng: random.Random) -> list[int | None]:
    """The parent of each of `size` nodes by index, in creation order (node 0, the original: None).

    A spine from the original down to DEPTH; the rest attached at random: some remix the newest
    node (chains), the others any node with room (depth under DEPTH, fewer than FAN_OUT
    children). Midway, one node off the spine at HUB_DEPTH is topped up to FAN_OUT children.
    """
    parents: list[int | None] = [None, *range(DEPTH)]
    depths = list(range(DEPTH + 1))
    children = Counter(p for p in parents if p is not None)

    def add(parent: int) -> None:
        parents.append(parent)
        depths.append(depths[parent] + 1)
        children[parent] += 1

    while len(parents) < size - FAN_OUT:
        parent = len(parents) - 1 if rng.random() < CHAIN_SHARE else rng.randrange(len(parents))
        if depths[parent] < DEPTH and children[parent] < FAN_OUT:
            add(parent)
    hub = rng.choice([i for i in range(DEPTH + 1, len(parents)) if depths[i] == HUB_DEPTH])
    while children[hub] < FAN_OUT:
        add(hub)
    while len(parents) < size:
        parent = len(parents) - 1 if rng.random() < CHAIN_SHARE else rng.randrange(len(parents))
        if depths[parent] < DEPTH and children[parent] < FAN_OUT:
            add(parent)
    return parents


def build_tree(parents: list[int | None], users: list, *, tag: str) -> list:
    """Jobs, published posts and remix nodes for this shape; returns the nodes by index."""
    from django.utils import timezone

    from feed.models import Post
    from generation.models import Job
    from remix.models import RemixNode, path_segment

    size = len(parents)
    depths = [0] * size
    children = Counter()
    for i, parent in enumerate(parents):
        if parent is not None:
            depths[i] = depths[parent] + 1
            children[parent] += 1
    descendants = Counter()
    for i in range(size - 1, 0, -1):  # a child always comes after its parent
        descendants[parents[i]] += descendants[i] + 1

    now = timezone.now()
    jobs = Job.objects.bulk_create(
        [
            Job(
                owner=users[i % len(users)],
                prompt=f"a paper fox crosses a rainy street, {tag} take {i}",
                seed=i,
                video_engine="preview",
                audio_engine="speech",
                status=Job.Status.SUCCEEDED,
                progress=1.0,
                video=f"jobs/{tag}/{i}/video.mp4",
            )
            for i in range(size)
        ],
        batch_size=1000,
    )
    posts = Post.objects.bulk_create(
        [
            Post(author_id=job.owner_id, job=job, status=Post.Status.PUBLISHED, published_at=now)
            for job in jobs
        ],
        batch_size=1000,
    )
    # Level by level: a node's parent (and its pk) exists before it; the path needs its own pk.
    by_depth = defaultdict(list)
    for i, depth in enumerate(depths):
        by_depth[depth].append(i)
    nodes: list = [None] * size
    for depth in sorted(by_depth):
        level = by_depth[depth]
        made = RemixNode.objects.bulk_create(
            [
                RemixNode(
                    post_id=posts[i].pk,
                    author_id=posts[i].author_id,
                    parent_id=nodes[parents[i]].pk if depth else None,
                    root_id=nodes[0].pk if depth else None,
                    depth=depth,
                    remix_count=children[i],
                    descendant_count=descendants[i],
                )
                for i in level
            ],
            batch_size=1000,
        )
        for i, node in zip(level, made, strict=True):
            assert node.pk is not None, "bulk_create returned no primary keys"
            if depth:
                node.path = nodes[parents[i]].path + path_segment(node.pk)
            else:
                node.root_id, node.path = node.pk, path_segment(node.pk)
            nodes[i] = node
    RemixNode.objects.bulk_update(nodes, ["root", "path"], batch_size=500)
    return nodes


def verify_tree(root, size: int) -> tuple[int, int]:
    """Recompute parent/root/depth/path and both counts from the rows; returns (depth, fan-out)."""
    from remix.models import RemixNode, path_segment

    rows = {
        pk: (parent, root_id, depth, path, remix_count, descendant_count)
        for pk, parent, root_id, depth, path, remix_count, descendant_count in RemixNode.objects.filter(
            root_id=root.pk
        ).values_list("pk", "parent_id", "root_id", "depth", "path", "remix_count", "descendant_count")
    }
    assert len(rows) == size, (len(rows), size)
    children, descendants = Counter(), Counter()
    for pk, (parent, root_id, depth, path, _, _) in rows.items():
        assert root_id == root.pk, pk
        if parent is None:
            assert pk == root.pk and depth == 0 and path == path_segment(pk), pk
            continue
        assert depth == rows[parent][2] + 1, pk
        assert path == rows[parent][3] + path_segment(pk), pk
        children[parent] += 1
    for pk in sorted(rows, key=lambda pk: rows[pk][2], reverse=True):  # deepest first
        parent = rows[pk][0]
        if parent is not None:
            descendants[parent] += descendants[pk] + 1
    wrong = [pk for pk, row in rows.items() if (row[4], row[5]) != (children[pk], descendants[pk])]
    assert not wrong, f"{len(wrong)} nodes with wrong counts, e.g. {wrong[:5]}"
    # The prefix query the lineage page runs finds the whole tree under the original.
    assert RemixNode.objects.filter(path__startswith=root.path).count() == size
    return max(row[2] for row in rows.values()), max(children.values())


def page_items(html: str) -> tuple[int, int]:
    """(ancestors, descendants) listed on a lineage page."""
    ancestors = re.search(r'<ol class="ancestors">(.*?)</ol>', html, re.S)
    return (ancestors.group(1).count("<li>") if ancestors else 0), html.count('<li style="--depth:')


def measure(client, url: str, requests: int, expect: tuple[int, int]) -> tuple[list[int], float]:
    """Query counts of every request (warm-up included) and the median ms of the timed ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, times = [], []
    for n in range(requests + 1):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(queries.captured_queries))
        if n:
            times.append(elapsed)
        else:
            got = page_items(response.content.decode())
            assert got == expect, f"{url}: (ancestors, remixes) shown {got}, expected {expect}"
    return counts, statistics.median(times) * 1000


def run(args: argparse.Namespace) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client

    from remix.selectors import LINEAGE_PAGE_SIZE

    rng = random.Random(args.seed)
    User = get_user_model()
    started = time.perf_counter()
    with transaction.atomic():
        users = User.objects.bulk_create([User(username=f"maker_{i}") for i in range(200)])
        big_shape = tree_shape(args.remixes + 1, rng)
        big = build_tree(big_shape, users, tag="big")
        tiny = build_tree([None, 0], users, tag="tiny")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum would do soon after such a load
    built = time.perf_counter() - started
    started = time.perf_counter()
    depth, fan_out = verify_tree(big[0], len(big))
    assert (depth, fan_out) == (DEPTH, FAN_OUT), (depth, fan_out)
    assert verify_tree(tiny[0], 2) == (1, 1)
    verified = time.perf_counter() - started
    leaves = sum(1 for node in big if not node.remix_count)
    print(f"database: {connection.vendor}")
    print(
        f"built {len(big):,} nodes (the original + {args.remixes:,} remixes) and a 2-node tree in "
        f"{built:.1f} s; counts verified in {verified:.1f} s"
    )
    deepest = next(node for node in big if node.depth == DEPTH)
    hub = next(node for node in big if node.remix_count == FAN_OUT)
    print(
        f"big tree: depth {depth}, largest fan-out {fan_out}, {leaves:,} leaves; the original has "
        f"{big[0].remix_count} direct remixes; the {FAN_OUT}-remix node is at depth {hub.depth} "
        f"with {hub.descendant_count:,} remixes in all"
    )

    def expect(node, page: int) -> tuple[int, int]:
        left = node.descendant_count - (page - 1) * LINEAGE_PAGE_SIZE
        return node.depth, max(0, min(LINEAGE_PAGE_SIZE, left))

    deep_page = 50
    big_cases = [
        (f"original, {order}, page {page}", big[0], order, page)
        for order in ("tree", "newest", "most-remixed")
        for page in (1, deep_page)
    ]
    big_cases += [
        (f"deepest remix (depth {DEPTH}), tree", deepest, "tree", 1),
        (f"remix with {FAN_OUT} remixes, tree", hub, "tree", 1),
        (f"remix with {FAN_OUT} remixes, most-remixed", hub, "most-remixed", 1),
    ]
    tiny_cases = [("tiny tree: original", tiny[0], "tree", 1), ("tiny tree: its remix", tiny[1], "tree", 1)]
    anonymous, member = Client(), Client()
    member.force_login(users[0])
    rows = []  # (tree, signed in, label, counts, median ms)
    for tree, cases in (("big", big_cases), ("tiny", tiny_cases)):
        for label, node, order, page in cases:
            url = f"/remix/{node.post_id}/lineage/?order={order}&page={page}"
            counts, ms = measure(anonymous, url, args.requests, expect(node, page))
            rows.append((tree, False, label, counts, ms))
    for tree, label, node in (
        ("big", "original, tree, page 1", big[0]),
        ("big", f"deepest remix (depth {DEPTH}), tree", deepest),
        ("tiny", "tiny tree: original", tiny[0]),
        ("tiny", "tiny tree: its remix", tiny[1]),
    ):
        url = f"/remix/{node.post_id}/lineage/?order=tree&page=1"
        counts, ms = measure(member, url, args.requests, expect(node, 1))
        rows.append((tree, True, label + " (signed in)", counts, ms))

    print(f"\n{'case':<48} {'queries':>7} {'median ms':>10}")
    for _, _, label, counts, ms in rows:
        shown = str(counts[0]) if len(set(counts)) == 1 else f"{min(counts)}-{max(counts)}"
        print(f"{label:<48} {shown:>7} {ms:>10.1f}")
    print(f"({args.requests} timed requests per case, after one warm-up; every request's queries counted)")

    def most(tree: str, signed_in: bool) -> int:
        return max(max(r[3]) for r in rows if r[0] == tree and r[1] == signed_in)

    def fewest(tree: str, signed_in: bool) -> int:
        return min(min(r[3]) for r in rows if r[0] == tree and r[1] == signed_in)

    for signed_in, who in ((False, "anonymous"), (True, "signed in")):
        print(
            f"{who}: queries range over cases, smallest tree {fewest('tiny', signed_in)}-"
            f"{most('tiny', signed_in)}, largest tree {fewest('big', signed_in)}-{most('big', signed_in)}"
        )
    small, large = most("tiny", False), most("big", False)
    print(
        f"queries per lineage page: smallest tree {small}, largest tree {large} "
        f"(goal <= {QUERY_GOAL}, equal) {verdict(small == large and large <= QUERY_GOAL)}"
    )
    worst = max(r[4] for r in rows if r[0] == "big")
    print(
        f"lineage page median server time, largest tree: {worst:.1f} ms "
        f"(goal <= {TIME_GOAL_MS:.0f} ms) {verdict(worst <= TIME_GOAL_MS)}"
    )


if __name__ == "__main__":
    main()
