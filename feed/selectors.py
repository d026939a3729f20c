from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Follow, Like, Notification, Post

FEED_PAGE_SIZE = 10
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def post_get_visible(*, user: AbstractBaseUser, pk: int, related: tuple[str, ...] = ()) -> Post:
    """A post the user may see (published, or their own draft); 404 otherwise.

    `related` names more relations to load in the same query.
    """
    post = get_object_or_404(Post.objects.select_related("author", "job", *related), pk=pk)
    if not post.visible_to(user):
        raise Http404("No such video.")
    return post


def posts_for_viewer(posts: QuerySet[Post], *, user: AbstractBaseUser) -> QuerySet[Post]:
    """Everything a feed item shows, in the posts' own query: author and profile, job, remix
    node, and `liked` (whether this viewer liked it). Feed pages and post pages use it so an
    item costs no query of its own."""
    posts = posts.select_related("author", "author__profile", "job", "remix_node")
    if user.is_authenticated:
        return posts.annotate(liked=Exists(Like.objects.filter(post=OuterRef("pk"), user=user)))
    return posts.annotate(liked=Value(False, output_field=BooleanField()))


def feed_cursor(post: Post) -> str:
    # Integer microseconds, not float seconds: a rounded cursor would skip or repeat a post.
    return f"{(post.published_at - EPOCH) // MICROSECOND}-{post.pk}"


def feed_cursor_parse(cursor: str) -> tuple[datetime, int]:
    """Raises ValueError for anything that is not a cursor this app made."""
    micros, _, pk = cursor.partition("-")
    try:
        return EPOCH + int(micros) * MICROSECOND, int(pk)
    except OverflowError as exc:
        raise ValueError("cursor out of range") from exc


def feed_page(*, after: str | None = None, size: int = FEED_PAGE_SIZE) -> tuple[list[Post], str | None]:
    """Published posts, newest first, keyset-paginated on (published_at, id).

    Returns the page and the cursor of the next one (None at the end). A keyset cursor keeps
    pages stable while new posts arrive: no duplicates, no gaps.
    """
    # remix_node: the Remix button and count on each item, without a query per item.
    posts = Post.objects.filter(status=Post.Status.PUBLISHED).select_related("author", "job", "remix_node")
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


def notifications_for(*, user: AbstractBaseUser, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user)[:limit])


def notifications_unread_count(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).count()


def profile_get(*, handle: str):
    """An active user by @handle (any case); 404 otherwise."""
    return get_object_or_404(get_user_model(), username__iexact=handle.removeprefix("@"), is_active=True)


def posts_published_by(*, user: AbstractBaseUser) -> QuerySet[Post]:
    return Post.objects.filter(author=user, status=Post.Status.PUBLISHED).select_related("job")
