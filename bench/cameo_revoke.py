"""Timing the cameo action "Revoke and remove everywhere" on a cameo featured in 1,000 videos.

Builds, in a scratch database, one cameo owner and 1,000 finished videos featuring her by 50
creators: 800 published, 150 drafts, 50 published remixes of those (carrying the parent's
appearance), plus 20 renders still queued. Then times `cameo_revoke_everywhere`, which switches
the cameo off, fails the queued renders, removes every post and notifies every creator.
Goal: under 5 s for the 1,000 videos.

For scale, the same run times the floor: one bare UPDATE that unpublishes the same 1,000 posts.
The ratio says how much the real work (appearances, notifications, failing jobs) costs above it.

Run: .venv/bin/python bench/cameo_revoke.py [--videos 1000] [--runs 3]
Set DATABASE_URL to run it on PostgreSQL (it creates and drops its own database there).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.benchkit import scratch_django, verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with scratch_django("sora-bench-revoke-") as connection:
        revoke_times, floor_times = [], []
        for run in range(args.runs):
            revoke, floor = one_run(args.videos, tag=f"r{run}")
            revoke_times.append(revoke)
            floor_times.append(floor)
            print(f"run {run + 1}: revoke {revoke:.3f} s, bare UPDATE of the posts {floor:.3f} s")
        print(f"database: {connection.vendor}")
        median_revoke = statistics.median(revoke_times)
        median_floor = statistics.median(floor_times)
        print(f"bare UPDATE of {args.videos} posts median: {median_floor:.3f} s")
        print(f"revoke / bare UPDATE: {median_revoke / median_floor:.1f}x")
        print(
            f"revoke and remove everywhere, {args.videos} videos, median: {median_revoke:.3f} s "
            f"(goal < 5 s) {verdict(median_revoke < 5.0)}"
        )


def one_run(videos: int, *, tag: str) -> tuple[float, float]:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from cameo.models import Appearance, Cameo
    from cameo.services import cameo_revoke_everywhere
    from feed.models import Notification, Post
    from generation.models import Job

    User = get_user_model()
    now = timezone.now()
    with transaction.atomic():
        owner = User.objects.create(username=f"carol_{tag}")
        creators = User.objects.bulk_create([User(username=f"maker_{tag}_{i}") for i in range(50)])
        cameo = Cameo.objects.create(owner=owner, portrait="cameos/x/portrait.jpg", encoding=[0.0] * 128,
                                     tier=Cameo.Tier.EVERYONE)  # fmt: skip

        def jobs(count: int, status: str) -> list[Job]:
            return Job.objects.bulk_create(
                [
                    Job(
                        owner=creators[i % len(creators)],
                        prompt=f"@carol_{tag} dances, take {i}",
                        seed=i,
                        video_engine="preview",
                        audio_engine="speech",
                        status=status,
                        progress=1.0,
                        video=f"jobs/{tag}/{i}/video.mp4",
                    )  # fmt: skip
                    for i in range(count)
                ]
            )

        queued = jobs(20, Job.Status.QUEUED)
        done = jobs(videos, Job.Status.SUCCEEDED)
        cut_a, cut_b = 800 * videos // 1000, 950 * videos // 1000
        published, drafts, remixes = done[:cut_a], done[cut_a:cut_b], done[cut_b:]
        Post.objects.bulk_create(
            [Post(author_id=job.owner_id, job=job, status=Post.Status.PUBLISHED, published_at=now)
             for job in published + remixes]
            + [Post(author_id=job.owner_id, job=job) for job in drafts]
        )  # fmt: skip
        # Remixes carry their parent's likeness: the remix flow records an inherited appearance.
        Appearance.objects.bulk_create(
            [Appearance(job=job, owner=owner, cameo=cameo) for job in queued + done]
        )
    post_ids = list(Post.objects.filter(job__in=done).values_list("pk", flat=True))

    started = time.perf_counter()
    count = cameo_revoke_everywhere(cameo=cameo)
    revoke = time.perf_counter() - started

    assert count == videos + len(queued), count
    assert not Post.objects.filter(pk__in=post_ids).exclude(status=Post.Status.REMOVED).exists()
    assert Job.objects.filter(pk__in=[j.pk for j in queued], status=Job.Status.FAILED).count() == len(queued)
    assert Notification.objects.filter(kind="video_removed", recipient__in=creators).count() == len(creators)

    # The floor: the same posts flipped back and unpublished again by one bare UPDATE.
    Post.objects.filter(pk__in=post_ids).update(status=Post.Status.PUBLISHED)
    started = time.perf_counter()
    with transaction.atomic():
        Post.objects.filter(pk__in=post_ids).update(status=Post.Status.REMOVED, removed_reason="bench")
    floor = time.perf_counter() - started
    return revoke, floor


if __name__ == "__main__":
    main()
