from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from sora.converters import ID_MAX, bounded_int

from .models import Comment, Export, Follow, Like, Notification, Post

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
_CURSOR_MICROS_MAX = (datetime.max.replace(tzinfo=UTC) - EPOCH) // MICROSECOND


def post_get_visible(*, user: AbstractBaseUser, pk: int, related: tuple[str, ...] = ()) -> Post:
    """A post the user may see; 404 otherwise (so a draft's existence does not leak).

    Published: everyone. Draft: its creator and its cameo co-owners (people whose likeness is in
    it and was not taken out). Removed: its creator only, who is told why. Staff get no exception:
    the cameo consent model gives them none, and moderation works in the admin.
    `related` names more relations to load in the same query.
    """
    post = get_object_or_404(Post.objects.select_related("author", "job", *related), pk=pk)
    if post.visible_to(user):
        return post
    if (
        post.status == Post.Status.DRAFT
        and user.is_authenticated
        and post_is_coowned_by(post=post, user=user)
    ):
        return post
    raise Http404("No such video.")


def post_is_coowned_by(*, post: Post, user: AbstractBaseUser) -> bool:
    """Whether `user`'s likeness is in this post's video (an Appearance not taken out).

    Through the ORM relation, so feed need not import cameo (which imports feed). One filter()
    call, so both conditions hold for the same appearance row.
    """
    return Post.objects.filter(
        pk=post.pk, job__appearances__owner=user, job__appearances__removed_at=None
    ).exists()


def posts_for_viewer(posts: QuerySet[Post], *, user: AbstractBaseUser) -> QuerySet[Post]:
    """Everything a feed item shows, in the posts' own query: author and profile, job, remix
    node, and `liked` (whether this viewer liked it). Feed pages and post pages use it so an
    item costs no query of its own."""
    posts = posts.select_related("author", "author__profile", "job", "remix_node")
    if user.is_authenticated:
        return posts.annotate(liked=Exists(Like.objects.filter(post=OuterRef("pk"), user=user)))
    return posts.annotate(liked=Value(False, output_field=BooleanField()))


# The columns a feed item reads (feed/_feed_item.html and the templates it includes), and the
# status and publish time the timelines filter and page on. Loading only these compiles and
# converts a third of the columns posts_for_viewer would: most of a page query's time is the ORM's.
FEED_ITEM_FIELDS = (
    "author__username",
    "author__profile__display_name",
    "author__profile__avatar",
    "job__prompt",
    "job__orientation",
    "job__video_engine",
    "remix_node__remixing_allowed",
    "remix_node__remix_count",
    "remix_node__depth",
    "status",
    "published_at",
    "like_count",
    "comment_count",
)


def feed_items_for_viewer(posts: QuerySet[Post], *, user: AbstractBaseUser) -> QuerySet[Post]:
    """posts_for_viewer for feed pages: only what a feed item shows (FEED_ITEM_FIELDS)."""
    return posts_for_viewer(posts, user=user).only(*FEED_ITEM_FIELDS)


def feed_cursor(post: Post) -> str:
    # Integer microseconds, not float seconds: a rounded cursor would skip or repeat a post.
    return f"{(post.published_at - EPOCH) // MICROSECOND}-{post.pk}"


def feed_cursor_parse(cursor: str) -> tuple[datetime, int]:
    """Raises ValueError for anything that is not a cursor this app made.

    Not signed (it only says where a public list continues), so both numbers are bounded here:
    microseconds up to the end of year 9999, and an id a row can have.
    """
    micros, _, pk = cursor.partition("-")
    when = EPOCH + bounded_int(micros, low=0, high=_CURSOR_MICROS_MAX) * MICROSECOND
    return when, bounded_int(pk, low=1, high=ID_MAX)


def newest_first_page(
    posts: QuerySet[Post], *, after: str | None, size: int
) -> tuple[list[Post], str | None]:
    """One page of these published posts, newest first, keyset-paginated on (published_at, id).

    Returns the page and the cursor of the next one (None at the end). A keyset cursor keeps
    pages stable while new posts arrive: no duplicates, no gaps. Raises ValueError for a cursor
    this app did not make.
    """
    if after:
        when, pk = feed_cursor_parse(after)
        posts = posts.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))
    page = list(posts.order_by("-published_at", "-pk")[: size + 1])
    more = len(page) > size
    page = page[:size]
    return page, (feed_cursor(page[-1]) if more else None)


def drafts_for(*, user: AbstractBaseUser) -> QuerySet[Post]:
    """The user's unpublished videos, removed ones included (they show why)."""
    unpublished = [Post.Status.DRAFT, Post.Status.REMOVED]
    return Post.objects.filter(author=user, status__in=unpublished).select_related("job")


def follows(*, follower: AbstractBaseUser, followee: AbstractBaseUser) -> bool:
    return Follow.objects.filter(follower=follower, followee=followee).exists()


def are_mutuals(*, a: AbstractBaseUser, b: AbstractBaseUser) -> bool:
    """Each follows the other."""
    return Follow.objects.filter(Q(follower=a, followee=b) | Q(follower=b, followee=a)).count() == 2


def mutual_ids(*, user: AbstractBaseUser) -> QuerySet:
    """Ids of the users who follow `user` and whom `user` follows back."""
    return Follow.objects.filter(followee=user, follower__followers__follower=user).values("follower_id")


# The rows the list reads, newest first, before grouping: a screenful of lines even when one video
# drew a hundred likes, and bounded, so the page costs one query however long the history.
NOTIFICATION_WINDOW = 200
# Kinds that read as one line per video (or, for follows, one line) when several people did it, as
# the phone apps show them: what the line says they did.
GROUPED_KINDS = {
    Notification.Kind.LIKED: "liked your video",
    Notification.Kind.REMIXED: "remixed your video",
    Notification.Kind.FOLLOWED: "followed you",
}
# Read news groups with news up to a day older than its newest; unread news groups however old.
GROUP_SPAN = timedelta(days=1)


@dataclass
class NotificationRow:
    """One line of the notification list: one notification, or several of a kind grouped.

    `notes` newest first (all share the kind, and the video unless they are follows); `actors` the
    distinct people in them, newest first; `poster` the video whose poster shows, or None where the
    viewer may not see it.
    """

    notes: list[Notification]
    actors: list[AbstractBaseUser] = field(default_factory=list)
    poster: Post | None = None

    @property
    def latest(self) -> Notification:
        return self.notes[0]

    @property
    def unread(self) -> bool:
        return any(note.read_at is None for note in self.notes)

    @property
    def text(self) -> str:
        if len(self.actors) < 2:
            return self.latest.text
        did, first = GROUPED_KINDS[self.latest.kind], f"@{self.actors[0].username}"
        if len(self.actors) == 2:
            return f"{first} and @{self.actors[1].username} {did}."
        return f"{first} and {len(self.actors) - 1} others {did}."

    def takes(self, note: Notification) -> bool:
        newest = self.latest
        both_unread = note.read_at is None and newest.read_at is None
        return both_unread or newest.created_at - note.created_at <= GROUP_SPAN

    def add(self, note: Notification) -> None:
        self.notes.append(note)
        if note.actor is not None and all(actor.pk != note.actor_id for actor in self.actors):
            self.actors.append(note.actor)


def _group_key(note: Notification) -> tuple[str, str] | None:
    if note.kind == Notification.Kind.FOLLOWED:
        return (note.kind, "")  # each links its follower; the line is "followed you"
    if note.kind in GROUPED_KINDS and note.url:
        return (note.kind, note.url)  # the video's page (or lineage): older rows name no post
    return None


def _poster_for(note: Notification, user: AbstractBaseUser) -> Post | None:
    """The note's video, where this viewer may see it now and it has a poster.

    Post.visible_to is the access rule (published, or the viewer's own), less removed videos: taken
    down, they are no picture to show beside news. A cameo co-owner's draft (visible on its page)
    shows none here, as that needs a query per row; no notification links one today.
    """
    post = note.post
    if post is None or post.is_removed or not post.visible_to(user) or not note.post_poster:
        return None
    return post


def notifications_for(*, user: AbstractBaseUser, limit: int = 50) -> list[NotificationRow]:
    """The user's notification lines, newest first, grouped (GROUPED_KINDS), in one query.

    Actors with their avatars and the linked video come in the same query; grouping happens here
    over the newest NOTIFICATION_WINDOW rows, so a group counts the people within that window.
    """
    notes = (
        Notification.objects.filter(recipient=user)
        .select_related("actor", "actor__profile", "post")
        .annotate(post_poster=F("post__job__poster"))
    )
    rows: list[NotificationRow] = []
    open_rows: dict[tuple[str, str], NotificationRow] = {}
    for note in notes[:NOTIFICATION_WINDOW]:
        key = _group_key(note)
        row = open_rows.get(key) if key else None
        if row is None or not row.takes(note):
            if len(rows) == limit:
                continue  # an older line would not show; a later note may still join a shown one
            row = NotificationRow(notes=[], poster=_poster_for(note, user))
            rows.append(row)
            if key:
                open_rows[key] = row
        row.add(note)
    return rows


def notifications_unread_count(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).count()


def _by_handle(users: QuerySet, handle: str):
    """The active user of `users` with this @handle, in any case; 404 otherwise.

    Sign-up stores handles in lower case, so the exact, indexed match finds them: a
    case-insensitive one reads every user (18 ms at 100,000 people on PostgreSQL). Only an account
    made another way (createsuperuser keeps capitals) needs the second read.
    """
    handle = handle.removeprefix("@")
    found = users.filter(username=handle.lower(), is_active=True).first()
    if found is None:
        found = get_object_or_404(users, username__iexact=handle, is_active=True)
    return found


def profile_get(*, handle: str):
    """An active user by @handle (any case); 404 otherwise."""
    return _by_handle(get_user_model().objects.all(), handle)


def posts_published_by(*, user: AbstractBaseUser) -> QuerySet[Post]:
    return Post.objects.filter(author=user, status=Post.Status.PUBLISHED).select_related("job")


# --- Profiles and follow lists (helper C) --------------------------------------------------------

PROFILE_GRID_SIZE = 12
FOLLOW_LIST_SIZE = 30
FOLLOW_LISTS = ("followers", "following", "mutuals")


def _count(rows: QuerySet) -> Subquery:
    # COUNT as a plain function, not an aggregate, so Django adds no GROUP BY: the subquery
    # counts the rows matching the outer row, and the page pays one query for every count.
    return Subquery(
        rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"), output_field=IntegerField()
    )


def _with_viewer_follows(users: QuerySet, *, viewer: AbstractBaseUser) -> QuerySet:
    """Annotate `viewer_follows`: whether the viewer follows each user (for follow buttons)."""
    if not viewer.is_authenticated:
        return users.annotate(viewer_follows=Value(False, output_field=BooleanField()))
    return users.annotate(
        viewer_follows=Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("pk")))
    )


def profile_get_for_page(*, handle: str, viewer: AbstractBaseUser):
    """The person behind @handle with everything their profile page shows, in one query.

    Annotated: follower_count, following_count, mutual_count (people who follow them and whom
    they follow back), post_count (published), and for a signed-in viewer: viewer_follows,
    follows_viewer, and known_follower_count (people the viewer follows who follow them).
    """
    person = OuterRef("pk")
    users = (
        get_user_model()
        .objects.select_related("profile")
        .annotate(
            follower_count=_count(Follow.objects.filter(followee=person)),
            following_count=_count(Follow.objects.filter(follower=person)),
            mutual_count=_count(Follow.objects.filter(followee=person, follower__followers__follower=person)),
            post_count=_count(Post.objects.filter(author=person, status=Post.Status.PUBLISHED)),
        )
    )
    users = _with_viewer_follows(users, viewer=viewer)
    if viewer.is_authenticated:
        users = users.annotate(
            follows_viewer=Exists(Follow.objects.filter(follower=person, followee=viewer)),
            known_follower_count=_count(
                Follow.objects.filter(followee=person, follower__followers__follower=viewer)
            ),
        )
    else:
        users = users.annotate(
            follows_viewer=Value(False, output_field=BooleanField()),
            known_follower_count=Value(0, output_field=IntegerField()),
        )
    return _by_handle(users, handle)


def known_followers(*, person: AbstractBaseUser, viewer: AbstractBaseUser, limit: int = 2) -> list:
    """A few people the viewer follows who follow `person` ("Followed by @x and 3 others you follow")."""
    if not viewer.is_authenticated or viewer.pk == person.pk:
        return []
    users = get_user_model().objects.filter(
        following__followee=person, followers__follower=viewer, is_active=True
    )
    return list(users.select_related("profile").order_by("username")[:limit])


def profile_posts_page(
    *,
    person: AbstractBaseUser,
    viewer: AbstractBaseUser,
    after: str | None = None,
    size: int = PROFILE_GRID_SIZE,
) -> tuple[list[Post], str | None]:
    """A page of the person's published posts, newest first, with the feed's keyset cursor.

    Raises ValueError for a cursor this app did not make.
    """
    posts = posts_for_viewer(Post.objects.filter(author=person, status=Post.Status.PUBLISHED), user=viewer)
    return newest_first_page(posts, after=after, size=size)


def follow_list_page(
    *, person: AbstractBaseUser, kind: str, viewer: AbstractBaseUser, number: str | int = 1
) -> Page:
    """One page of a person's followers, following or mutuals, most recent first.

    Each user comes with their profile and `viewer_follows`; `number` out of range gives the
    last page, garbage the first.
    """
    users = get_user_model().objects.filter(is_active=True).select_related("profile")
    if kind == "followers":
        users = users.filter(following__followee=person).annotate(since=F("following__created_at"))
    elif kind == "following":
        users = users.filter(followers__follower=person).annotate(since=F("followers__created_at"))
    elif kind == "mutuals":
        users = users.filter(following__followee=person, followers__follower=person)
        users = users.annotate(since=F("following__created_at"))
    else:
        raise ValueError(f"no such list: {kind}")
    users = _with_viewer_follows(users, viewer=viewer).order_by("-since", "-pk")
    return Paginator(users, FOLLOW_LIST_SIZE).get_page(number)


# --- Comments (helper B) --------------------------------------------------------------------------

COMMENTS_SHOWN = 100


def comments_for(*, post: Post, user: AbstractBaseUser, limit: int = COMMENTS_SHOWN) -> list[Comment]:
    """The newest top-level comments of a post, each with its replies (oldest first) and every
    author's profile: two queries however many there are.

    The caller has checked that `user` may see the post (post_get_visible). Comments open with
    publishing, so an unpublished post shows none (a removed one keeps them out of sight).
    """
    if not post.is_published:
        return []
    replies = Comment.objects.select_related("author", "author__profile").order_by("created_at", "id")
    top = (
        Comment.objects.filter(post=post, parent=None)
        .select_related("author", "author__profile")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("-created_at", "-id")
    )
    return list(top[:limit])


# --- Your data (issue 20) --------------------------------------------------------------------------


def export_latest(*, user: AbstractBaseUser) -> Export | None:
    """The person's current export (building, ready, expired or failed), if they ever asked."""
    return Export.objects.filter(user=user).order_by("-created_at", "-pk").first()


def export_get_for(*, user: AbstractBaseUser, pk: int) -> Export:
    """An export of `user`'s own; 404 for anyone else's, staff included: it holds drafts and a
    cameo's biometrics, which no one else may download."""
    return get_object_or_404(Export, pk=pk, user_id=user.pk)


def account_summary(*, user: AbstractBaseUser) -> dict[str, int]:
    """What "Delete my account" will remove, counted for the page that asks."""
    posts = Post.objects.filter(author=user)
    return {
        "videos": user.jobs.count(),
        "published": posts.filter(status=Post.Status.PUBLISHED).count(),
        "drafts": posts.filter(status=Post.Status.DRAFT).count(),
        "comments": Comment.objects.filter(author=user).count(),
        "likes": Like.objects.filter(user=user).count(),
        "followers": Follow.objects.filter(followee=user).count(),
        "following": Follow.objects.filter(follower=user).count(),
    }
