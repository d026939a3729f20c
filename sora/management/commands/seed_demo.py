"""`manage.py seed_demo`: a small, living demo world for a fresh install.

A dozen people with names, bios and drawn avatars who follow each other (some mutually), a few
dozen short videos rendered by the configured engines (the `preview` engine by default) from
varied prompts and published, remixes of some, and likes and comments between friends. Four of
them have approved cameos, one per consent tier, and star in clips of 5, 10 and 15 s that others
made and remixed, so a newcomer logged in as @maya_makes can use a friend's cameo at once and
see whose is refused.

Idempotent: people are found by handle, cameos by owner, videos and remixes by prompt, follows,
likes and comments by who and what. A second run creates nothing and says so.

Renders run here, in this process or a few forked ones, not through the queue: a newcomer may
not have started `make run` yet, and nobody is watching the progress bars.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import random
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import timedelta
from multiprocessing import get_context

import django_rq
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from redis.exceptions import RedisError

from feed.forms import avatar_normalise
from feed.models import Comment, Follow, Like, Post
from feed.services import (
    comment_create,
    follow_create,
    like_create,
    post_embeddings_fill,
    post_publish,
    profile_update,
)
from generation.models import Job
from generation.plan import HANDLE
from generation.queues import job_queue_name
from generation.services import job_create
from generation.signals import JobRefused
from generation.tasks import render_job
from remix.services import RemixRefused, remix_create
from sora.demo.cameos import CAST, consent_for, demo_cameo_ensure

DEMO_EMAIL_DOMAIN = "demo.sora.invalid"  # marks demo accounts: a real @maya_makes is never touched
DEFAULT_PASSWORD = "sora-demo"
DURATION = 5
WAIT_FOR_WORKER_SECONDS = 600


@dataclass(frozen=True)
class Person:
    handle: str
    name: str
    bio: str
    color: tuple[int, int, int]


PEOPLE = [
    Person(
        "maya_makes", "Maya Okafor", "Cooking, mostly pasta. Sometimes the pasta wins. 🍝", (236, 112, 72)
    ),
    # The next four have cameos (sora/demo/cameos.py), so even a small demo shows every tier.
    Person("leo_waves", "Leo Marín", "Surfer, corgi dad, collector of sunsets.", (46, 154, 214)),
    Person("lina_stars", "Lina Berg", "Astronomy nerd. Mars or bust. 🚀", (70, 90, 200)),
    Person("zoe_dances", "Zoë Laurent", "Dance floors, disco balls, zero regrets.", (255, 92, 138)),
    Person(
        "theo_and_cat", "Theo Brooks", "My cat runs this account; I just hold the camera.", (150, 150, 160)
    ),
    Person("ada_builds", "Ada Kowalski", "Robots, rockets and terrible puns.", (120, 94, 240)),
    Person("kenji_nights", "Kenji Sato", "Night walks through neon cities.", (230, 60, 140)),
    Person("priya_draws", "Priya Nair", "Illustrator. Dragons always welcome.", (250, 176, 40)),
    Person("sam_summits", "Sam Rivera", "Mountains > everything. Ask me about trails.", (64, 170, 110)),
    Person("omar_bakes", "Omar Haddad", "Bread, cakes and kitchen chaos.", (196, 132, 80)),
    Person("nia_rainy", "Nia Mensah", "Rainy days, cozy stories, loud thunder.", (80, 120, 150)),
    Person("finn_snow", "Finn Olsen", "Skiing, snowmen and far too much cocoa.", (110, 200, 230)),
]
# The newcomer's account: it may use @lina_stars (everyone), @leo_waves (they follow each
# other) and @zoe_dances (she approved it); @theo_and_cat keeps his cameo to himself.
LOGIN_HANDLE = "maya_makes"
MUTUALS = [("maya_makes", "leo_waves"), ("lina_stars", "leo_waves")]

# (author handle, prompt). Quoted words are spoken (and captioned), [cues] are sounds.
PROMPTS = [
    ("maya_makes", 'A chef cooks pasta in a busy kitchen, then tastes it and says "perfect!" [applause]'),
    ("leo_waves", 'A corgi surfs a huge wave at sunset, then waves at the camera and says "best day ever!"'),
    ("ada_builds", 'A robot builds a tiny rocket in a garden, then it launches into the sky. "Liftoff!"'),
    ("kenji_nights", "Rain falls on a neon city street at night while taxis pass by."),
    (
        "priya_draws",
        'A friendly dragon flies over a mountain valley, then lands and says "hello, little village"',
    ),
    ("sam_summits", "A hiker reaches a snowy mountain summit at sunrise [wind]"),
    (
        "zoe_dances",
        'A crowd dances at a disco party, then a dancer spins and shouts "one more song!" [cheering]',
    ),
    ("omar_bakes", 'A baker pulls fresh bread from the oven in a cozy kitchen and says "smell that"'),
    ("lina_stars", 'An astronaut floats past a glowing nebula, then looks at Mars and says "almost home"'),
    ("theo_and_cat", 'A cat plays piano in a living room, then bows. "Thank you, thank you." [applause]'),
    ("nia_rainy", "Thunder and lightning over a stormy sea; a small boat sails toward the light."),
    ("finn_snow", 'A skier races down a snowy slope, then builds a snowman and says "meet Gerald"'),
    ("maya_makes", 'A pizza spins in the air above a kitchen counter, then lands perfectly. "Nailed it."'),
    ("leo_waves", "Dolphins jump beside a sailboat on a bright blue ocean."),
    ("ada_builds", 'Two robots play chess on a rooftop at sunset; one says "checkmate, I think"'),
    ("kenji_nights", "A taxi drives through Tokyo at midnight under glowing signs [traffic]"),
    ("priya_draws", 'A unicorn runs through a forest meadow, then stops and says "did you see that?"'),
    ("sam_summits", "A fox walks along a cliff above a misty canyon at dawn."),
    ("zoe_dances", "Fireworks burst over a festival crowd at night [fireworks]"),
    ("omar_bakes", 'A birthday cake with candles on a kitchen table; a kid says "make a wish!" [laughs]'),
    ("lina_stars", "A rocket lifts off from a desert launch pad into a starry sky [rumble]"),
    ("theo_and_cat", 'A kitten chases a leaf in the park, then a puppy joins and says "my turn"'),
    ("nia_rainy", 'A girl with an umbrella jumps in puddles on a rainy street and says "again!"'),
    ("finn_snow", "A penguin slides across the ice under the northern sky in a blizzard."),
    ("maya_makes", 'A grandma teaches a boy to bake cookies at breakfast; he says "can I eat one now?"'),
    ("leo_waves", "A surfer paddles out at sunrise while seagulls fly over the beach [waves]"),
    ("ada_builds", 'An alien lands in a city park and asks a pigeon "take me to your leader"'),
    ("kenji_nights", "Neon lights reflect on wet cobblestones as a cat crosses an alley at night."),
    ("priya_draws", 'A wizard paints stars onto the night sky, then says "that one is for you"'),
    ("sam_summits", 'A bear cub rolls down a grassy hill in the forest, then says "whee!"'),
    ("zoe_dances", 'A robot learns to dance at a party, then says "I have rhythm now" [cheering]'),
    ("omar_bakes", "Steam rises from a bowl of soup in a warm kitchen on a snowy evening."),
    ("lina_stars", 'A telescope on a hill points at the moon; a child whispers "it is so big"'),
    ("theo_and_cat", "A cat naps on a sunny windowsill while rain taps the glass."),
    ("nia_rainy", "Lightning lights up a lighthouse on a cliff during a storm [thunder]"),
    ("finn_snow", 'Kids have a snowball fight in a snowy park; one shouts "got you!" [laughs]'),
]

# (parent prompt index, remixer handle, remix prompt)
REMIXES = [
    (1, "theo_and_cat", 'A cat surfs a huge wave at sunset, then waves at the camera and says "never again"'),
    (
        0,
        "omar_bakes",
        'A chef cooks pizza in a busy kitchen, then tastes it and says "even better!" [applause]',
    ),
    (9, "zoe_dances", 'A cat plays piano at a disco party, then dances. "Encore!" [cheering]'),
    (2, "lina_stars", 'A robot builds a tiny rocket on Mars, then it launches into space. "Liftoff!"'),
    (4, "finn_snow", 'A friendly dragon flies over a snowy valley, then lands and says "brr, cold"'),
    (11, "leo_waves", 'A skier races down a sand dune in the desert, then says "this is not snow"'),
    (5, "nia_rainy", "A hiker reaches a stormy mountain summit in the rain [thunder]"),
    (7, "maya_makes", 'A baker pulls fresh pizza from the oven in a cozy kitchen and says "smell that"'),
]

# Videos with cameos, in 5, 10 and 15 s: (author handle, prompt, seconds). Every author may use
# every @handle in their prompt (see the tiers in sora/demo/cameos.py).
CAMEO_PROMPTS = [
    ("lina_stars", '@lina_stars floats past a glowing nebula, then looks at Mars and says "almost home"', 10),
    ("maya_makes", '@leo_waves surfs a huge wave at sunset and says "best day ever!"', 5),
    (
        "zoe_dances",
        '@zoe_dances dances at a disco party, then spins and shouts "one more song!" [cheering]',
        15,
    ),
    ("theo_and_cat", '@theo_and_cat plays piano in a living room, then bows. "Thank you, thank you."', 5),
    (
        "maya_makes",
        '@zoe_dances and @lina_stars bake a cake in a cozy kitchen; @zoe_dances says "make a wish!"',
        5,
    ),
]

# Remixes of cameo videos: (parent index in CAMEO_PROMPTS, remixer handle, prompt). Same length
# as the parent.
CAMEO_REMIXES = [
    (1, "leo_waves", '@leo_waves surfs a huge wave under the stars and says "still the best day"'),
    (
        0,
        "maya_makes",
        '@lina_stars floats past a glowing nebula, then waves at Earth and says "see you soon"',
    ),
]

COMMENTS = [
    "This is amazing 😍",
    "How did you even make this?",
    "Watched it five times already.",
    "The sound design!!",
    "Okay, this made my day.",
    "Remix incoming 👀",
    "I need a whole series of these.",
    "The ending got me 😂",
    "Cozy vibes only.",
    "Teach me your ways.",
]
REPLIES = ["Thank you!! 🙏", "Haha, right?", "Go for it!", "More coming soon."]


def stable_seed(text: str) -> int:
    # The same prompt renders the same clip on every install: the demo looks as documented.
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big") % 2**31


def draw_avatar(person: Person) -> bytes:
    """A round, colourful portrait-ish badge with the person's initial, as PNG bytes."""
    size = 512
    rng = random.Random(person.handle)
    r, g, b = person.color
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):  # a vertical gradient from the colour to a darker shade
        t = y / size
        draw.line(
            [(0, y), (size, y)],
            fill=(int(r * (1 - 0.45 * t)), int(g * (1 - 0.45 * t)), int(b * (1 - 0.45 * t))),
        )
    for _ in range(6):  # soft bubbles, different for everyone
        x, y, radius = rng.randrange(size), rng.randrange(size), rng.randrange(30, 110)
        shade = tuple(min(255, c + rng.randrange(30, 90)) for c in person.color)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=shade)
    font = ImageFont.load_default(size=300)
    letter = person.name[0].upper()
    draw.text((size / 2 + 6, size / 2 + 10), letter, font=font, anchor="mm", fill=(0, 0, 0))  # shadow
    draw.text((size / 2, size / 2), letter, font=font, anchor="mm", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _and(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"


class Count:
    def __init__(self) -> None:
        self.total = self.new = 0

    def add(self, created: bool) -> None:
        self.total += 1
        self.new += bool(created)


def _render_in_child(job_id: int) -> tuple[int, str]:
    # A forked child must not share the parent's database connection (closed before forking).
    return job_id, render_job(job_id)


class Command(BaseCommand):
    help = (
        "Fill the database with a small demo world: people with avatars and bios, follows, "
        "published videos rendered now by the configured engines, remixes, likes and comments. "
        "Running it again creates nothing new."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--users", type=int, default=len(PEOPLE), help=f"How many people (2–{len(PEOPLE)})."
        )
        parser.add_argument(
            "--videos", type=int, default=30, help=f"How many original videos (0–{len(PROMPTS)})."
        )
        parser.add_argument(
            "--remixes",
            type=int,
            default=None,
            help=f"How many remixes (0–{len(REMIXES)}; default videos/5).",
        )
        parser.add_argument(
            "--cameo-videos",
            type=int,
            default=len(CAMEO_PROMPTS),
            help=f"How many videos featuring cameos (0–{len(CAMEO_PROMPTS)}; 5, 10 and 15 s among the "
            "first three); their remixes follow.",
        )
        parser.add_argument(
            "--jobs", type=int, default=min(8, os.cpu_count() or 1), help="Videos rendered at the same time."
        )
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password of new demo accounts (default {DEFAULT_PASSWORD!r}).",
        )

    def handle(self, *args, **options) -> None:
        users_wanted, videos_wanted = options["users"], options["videos"]
        remixes_wanted = options["remixes"] if options["remixes"] is not None else videos_wanted // 5
        if not 2 <= users_wanted <= len(PEOPLE):
            raise CommandError(f"--users must be from 2 to {len(PEOPLE)}.")
        if not 0 <= videos_wanted <= len(PROMPTS):
            raise CommandError(f"--videos must be from 0 to {len(PROMPTS)}.")
        if not 0 <= remixes_wanted <= len(REMIXES):
            raise CommandError(f"--remixes must be from 0 to {len(REMIXES)}.")
        cameo_videos_wanted = options["cameo_videos"]
        if not 0 <= cameo_videos_wanted <= len(CAMEO_PROMPTS):
            raise CommandError(f"--cameo-videos must be from 0 to {len(CAMEO_PROMPTS)}.")
        self.jobs = max(1, options["jobs"])
        self._counts = {"users": Count(), "videos": Count(), "remixes": Count()}
        self._refused = 0
        started = time.monotonic()
        self._quiet_if_no_redis()
        # Job status fragments are rendered for the live page without a request; harmless here.
        warnings.filterwarnings("ignore", message=r"A \{% csrf_token %\} was used")

        people = self._people(PEOPLE[:users_wanted], password=options["password"])
        follows = self._follows(people)
        by_handle = {user.username: user for user in people.values()}
        cameos = self._cameos(by_handle)
        originals = [
            (self._author(handle, i, by_handle), prompt, DURATION)
            for i, (handle, prompt) in enumerate(PROMPTS)
        ][:videos_wanted]
        # Only with everyone in them here as a demo person (a real @handle is never used).
        with_cameos = [
            (by_handle[author], prompt, seconds) if self._cast_here(author, prompt, by_handle) else None
            for author, prompt, seconds in CAMEO_PROMPTS[:cameo_videos_wanted]
        ]
        # Rendered together: one pool keeps the cores busy through the long clips.
        made = iter(self._videos(originals + [plan for plan in with_cameos if plan is not None]))
        videos = [next(made) for _ in originals]
        cameo_videos = [next(made) if plan is not None else None for plan in with_cameos]
        remix_plan = [
            (videos[index], self._author(handle, index + 1, by_handle), prompt)
            for index, handle, prompt in REMIXES
            if index < len(videos) and videos[index] is not None
        ][:remixes_wanted]
        remix_plan += [
            (cameo_videos[index], by_handle[handle], prompt)
            for index, handle, prompt in CAMEO_REMIXES
            if index < len(cameo_videos) and cameo_videos[index] is not None
            and self._cast_here(handle, prompt, by_handle)
        ]  # fmt: skip
        remixes = self._remixes(remix_plan)
        videos += [post for post in cameo_videos if post is not None]
        posts = [post for post in [*videos, *remixes] if post is not None]
        likes, comments = self._likes(people.values(), posts), self._comments(people.values(), posts)
        # Steering and "see less like this" match by meaning; embed now rather than wait for a
        # worker (publishing also queued this, and whichever comes first wins).
        post_embeddings_fill(post_ids=[post.pk for post in posts])

        failed = sum(post is None for post in [*videos, *remixes]) - self._refused
        parts = [(self._counts["users"], "users"), (follows, "follows"), (self._counts["cameos"], "cameos"),
                 (self._counts["videos"], "videos"), (self._counts["remixes"], "remixes"), (likes, "likes"),
                 (comments, "comments")]  # fmt: skip
        summary = ", ".join(f"{count.total} {noun} ({count.new} new)" for count, noun in parts)
        self.stdout.write(f"{summary}; {time.monotonic() - started:.0f} s.")
        login = by_handle.get(LOGIN_HANDLE) or next(iter(people.values()))
        self.stdout.write(
            f"Log in as @{login.username} (or any demo handle) with the password you gave, "
            f"{DEFAULT_PASSWORD!r} by default; see them all at /u/{login.username}/following/."
        )
        self._consent_words(login, cameos)
        if failed:
            raise CommandError(
                f"{failed} video{'s' if failed != 1 else ''} could not be rendered (see above)."
            )

    # --- People and follows ------------------------------------------------------------------

    def _people(self, wanted: list[Person], *, password: str) -> dict[str, object]:
        users = {}
        User = get_user_model()
        for person in wanted:
            email = f"{person.handle}@{DEMO_EMAIL_DOMAIN}"
            user = User.objects.filter(username__iexact=person.handle).first()
            created = user is None
            if created:
                user = User.objects.create_user(username=person.handle, email=email, password=password)
            elif user.email != email:
                self.stderr.write(f"@{person.handle} is a real account here, not a demo one: left alone.")
                continue
            if created or not user.profile.avatar:
                profile_update(
                    user=user,
                    display_name=person.name,
                    bio=person.bio,
                    avatar=avatar_normalise(ContentFile(draw_avatar(person), name="avatar.png")),
                )
            self._counts["users"].add(created)
            users[person.handle] = user
        if len(users) < 2:
            raise CommandError("Fewer than two demo people could be made; nothing else was.")
        return users

    def _follows(self, people: dict[str, object]) -> Count:
        """Everyone follows a few others; neighbours in the list follow each other (mutuals)."""
        count = Count()
        users = list(people.values())
        rng = random.Random(6)
        for i, user in enumerate(users):
            others = [other for other in users if other.pk != user.pk]
            chosen = {users[(i + 1) % len(users)], users[(i - 1) % len(users)]} - {user}
            chosen |= set(rng.sample(others, k=min(len(others), 3)))
            # Pairs the cameo tiers rely on ("mutuals"), whatever the list order gives.
            chosen |= {people[b if a == user.username else a] for a, b in MUTUALS
                       if user.username in (a, b) and a in people and b in people}  # fmt: skip
            for other in sorted(chosen, key=lambda u: u.pk):
                exists = Follow.objects.filter(follower=user, followee=other).exists()
                if not exists:
                    follow_create(follower=user, followee=other)
                count.add(not exists)
        return count

    def _cameos(self, by_handle: dict[str, object]) -> list:
        """The cast's approved cameos, one per consent tier (sora/demo/cameos.py)."""
        count, cameos = Count(), []
        for demo in CAST:
            if demo.handle in by_handle:
                cameo, created = demo_cameo_ensure(user=by_handle[demo.handle], demo=demo, people=by_handle)
                count.add(created)
                cameos.append(cameo)
        self._counts["cameos"] = count
        return cameos

    @staticmethod
    def _cast_here(author: str, prompt: str, by_handle: dict[str, object]) -> bool:
        handles = {match.group(1).lower() for match in HANDLE.finditer(prompt)}
        return author in by_handle and handles <= by_handle.keys()

    def _consent_words(self, login, cameos: list) -> None:
        allowed, refused = consent_for(user=login, cameos=cameos)
        if allowed:
            self.stdout.write(
                f"As @{login.username}, put {_and(allowed)} in a prompt at /create/: their cameos are "
                "yours to use."
            )
        if refused:
            first = refused[0].split()[0]
            self.stdout.write(
                f"{_and(refused)}: refused. Try “{first} waves hello” to see how a video without "
                "consent is stopped before it is made."
            )

    @staticmethod
    def _author(handle: str, index: int, by_handle: dict[str, object]):
        # With --users below twelve, the missing people's prompts go round the ones there are.
        users = list(by_handle.values())
        return by_handle.get(handle) or users[index % len(users)]

    # --- Videos and remixes ------------------------------------------------------------------

    def _existing(self, prompt: str) -> Job | None:
        """The demo's job for this prompt, whoever of the demo people made it (not a failed one)."""
        return (
            Job.objects.filter(prompt=prompt, owner__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
            .exclude(status__in=Job.RETRYABLE)
            .order_by("created_at")
            .first()
        )

    def _videos(self, plan: list[tuple[object, str, int]]) -> list[Post | None]:
        jobs = []
        for owner, prompt, seconds in plan:
            job = self._existing(prompt)
            created = job is None
            if created:
                job = self._refusable(job_create, owner=owner, prompt=prompt, duration=seconds,
                                      orientation="portrait", seed=stable_seed(prompt))  # fmt: skip
            jobs.append((job, created))
        # Published over the last two days up to twelve hours ago; remixes came after.
        return self._finish(jobs, label="videos", hours_ago=(48, 12))

    def _refusable(self, create, **kwargs) -> Job | None:
        # Someone in the cast changed their consent since an earlier run: leave that video out.
        # The demo people's quotas don't apply: the operator asked for this world.
        try:
            return create(**kwargs, quota=False)
        except (JobRefused, RemixRefused) as refusal:
            self.stderr.write(f"Left out “{kwargs['prompt'][:50]}…”: {refusal}")
            self._refused += 1
            return None

    def _remixes(self, plan: list[tuple[Post, object, str]]) -> list[Post | None]:
        jobs = []
        for parent, remixer, prompt in plan:
            job = self._existing(prompt)
            created = job is None
            if created:
                job = self._refusable(
                    remix_create, parent=parent, user=remixer, prompt=prompt,
                    duration=parent.job.duration, orientation=parent.job.orientation,
                )  # fmt: skip
            jobs.append((job, created))
        return self._finish(jobs, label="remixes", hours_ago=(12, 0))

    def _finish(
        self, jobs: list[tuple[Job, bool]], *, label: str, hours_ago: tuple[float, float]
    ) -> list[Post | None]:
        """Render what is not rendered yet, publish what is not published; None for failures."""
        to_render = [
            job.pk
            for job, _ in jobs
            if job is not None and job.status in (Job.Status.QUEUED, Job.Status.WAITING)
        ]
        if to_render:
            self._render(to_render, label=label)
        posts = []
        now, (oldest, newest) = timezone.now(), hours_ago
        for number, (job, created) in enumerate(jobs):
            if job is None:  # refused
                posts.append(None)
                continue
            job.refresh_from_db()
            self._counts[label].add(created)
            post = Post.objects.filter(job=job).select_related("job", "author").first()
            if job.status != Job.Status.SUCCEEDED or post is None:
                self.stderr.write(
                    f"Job {job.pk} ({job.prompt[:50]}…): {job.get_status_display()} {job.error}"
                )
                posts.append(None)
                continue
            if post.status == Post.Status.DRAFT:
                post = post_publish(post=post, user=post.author)
                # A feed where everything appeared this minute shows no freshness at work.
                when = now - timedelta(hours=oldest - (oldest - newest) * number / len(jobs))
                Post.objects.filter(pk=post.pk).update(published_at=when)
                post.published_at = when
            posts.append(post if post.is_published else None)
        return posts

    def _render(self, job_ids: list[int], *, label: str) -> None:
        self._unqueue(job_ids)
        done, started = 0, time.monotonic()
        self._progress(label, done, len(job_ids))
        # Forked renderers need a database they can share: not SQLite's in-memory one (tests).
        parallel = self.jobs > 1 and len(job_ids) > 1
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            parallel = False
        if parallel:
            connections.close_all()  # each child opens its own
            for each in connections.all(initialized_only=True):
                # Pooled connections must not be shared with the children (and a PostgreSQL pool's
                # threads do not survive a fork): close them; each child makes its own.
                if hasattr(each, "close_pool"):
                    each.close_pool()
            with ProcessPoolExecutor(max_workers=self.jobs, mp_context=get_context("fork")) as pool:
                for future in as_completed([pool.submit(_render_in_child, pk) for pk in job_ids]):
                    future.result()
                    done += 1
                    self._progress(label, done, len(job_ids))
        else:
            for pk in job_ids:
                render_job(pk)
                done += 1
                self._progress(label, done, len(job_ids))
        self.stdout.write(f" ({time.monotonic() - started:.0f} s, {self.jobs if parallel else 1} at a time)")
        self._wait_for_worker(job_ids)

    def _unqueue(self, job_ids: list[int]) -> None:
        # job_create queued them for the worker; rendering here, take them back so a running
        # worker does not pick them up as well (it would only skip them, but why wake it).
        try:
            jobs = Job.objects.filter(pk__in=job_ids).only("pk", "attempt", "video_engine", "audio_engine")
            for job in jobs:
                django_rq.get_queue(job_queue_name(job=job)).remove(job.rq_job_id)
        except RedisError:
            pass

    def _wait_for_worker(self, job_ids: list[int]) -> None:
        # A worker that took a job first renders it; wait for it rather than render twice.
        deadline = time.monotonic() + WAIT_FOR_WORKER_SECONDS
        while Job.objects.filter(pk__in=job_ids, status__in=Job.ACTIVE).exists():
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)

    def _progress(self, label: str, done: int, total: int) -> None:
        self.stdout.write(f"\rRendering {label}: {done}/{total}", ending="")
        self.stdout.flush()

    # --- Likes and comments --------------------------------------------------------------------

    def _likes(self, people, posts: list[Post]) -> Count:
        """People like most videos of those they follow and a few others'."""
        count = Count()
        following = set(Follow.objects.values_list("follower_id", "followee_id"))
        for user in people:
            for post in posts:
                if post.author_id == user.pk:
                    continue
                chance = 0.7 if (user.pk, post.author_id) in following else 0.15
                # Decided per person and video, so more videos later leave earlier choices alone.
                if random.Random(f"like {user.username} {post.job.prompt}").random() < chance:
                    exists = Like.objects.filter(user=user, post=post).exists()
                    if not exists:
                        like_create(user=user, post=post)
                    count.add(not exists)
        return count

    def _comments(self, people, posts: list[Post]) -> Count:
        count = Count()
        people = list(people)
        for post in posts:
            rng = random.Random(f"comments {post.job.prompt}")
            if rng.random() < 0.4:  # most videos get a conversation
                continue
            commenters = rng.sample([p for p in people if p.pk != post.author_id], k=min(2, len(people) - 1))
            for commenter in commenters:
                body = rng.choice(COMMENTS)
                comment = Comment.objects.filter(post=post, author=commenter, body=body, parent=None).first()
                count.add(comment is None)
                if comment is None:
                    comment = comment_create(author=commenter, post=post, body=body)
                reply = rng.choice(REPLIES)
                exists = Comment.objects.filter(
                    post=post, author_id=post.author_id, parent=comment, body=reply
                ).exists()
                if not exists:
                    comment_create(author=post.author, post=post, body=reply, parent_id=comment.pk)
                count.add(not exists)
        return count

    # --- Quiet -------------------------------------------------------------------------------------

    def _quiet_if_no_redis(self) -> None:
        try:
            django_rq.get_connection(settings.SORA_CPU_QUEUE).ping()
        except RedisError:
            # Without `make run`, every progress update and notification would log a traceback
            # about Redis; the renders themselves do not need it.
            self.stdout.write("Redis is not running: rendering here without live progress, which is fine.")
            for name in ("generation.progress", "generation.services", "feed.services", "cameo.services"):
                logging.getLogger(name).setLevel(logging.ERROR)
