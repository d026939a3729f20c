"""Comments: a drawer with one level of replies, honest counts, clear refusals, and nothing executable."""

from html.parser import HTMLParser

import pytest

from feed.models import Comment, Notification
from feed.selectors import comments_for
from feed.services import comment_create

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(post) -> str:
    return f"/p/{post.pk}/comments/"


def comment_count(post) -> int:
    post.refresh_from_db()
    assert post.comment_count == Comment.objects.filter(post=post).count()  # the stored count is true
    return post.comment_count


def notes(kind: str):
    return Notification.objects.filter(kind=kind).order_by("id")


def social_notes():
    """Notifications about comments (a finished render also says "your video is ready")."""
    return Notification.objects.filter(kind__in=["commented", "replied"])


# --- Adding ----------------------------------------------------------------------------------------


def test_a_comment_without_js_lands_on_the_thread_and_tells_the_author(client, alice, alice_published, bob):
    client.force_login(bob)
    response = client.post(url(alice_published), {"body": "  What a storm!  ", "next": url(alice_published)})
    comment = Comment.objects.get()
    assert response.status_code == 302 and response.url == f"{url(alice_published)}#comment-{comment.pk}"
    assert (comment.author, comment.body, comment.parent) == (bob, "What a storm!", None)
    assert comment_count(alice_published) == 1
    (note,) = notes("commented")
    assert (note.recipient, note.actor) == (alice, bob)
    assert note.text == "@bob commented on your video: “What a storm!”"
    assert note.url == f"{url(alice_published)}#comment-{comment.pk}"
    page = client.get(url(alice_published)).content.decode()
    assert "What a storm!" in page and "1 comment<" in page and "← Back to the video" in page


def test_an_htmx_comment_rerenders_the_drawer_and_the_count_on_the_button(client, alice_published, bob):
    client.force_login(bob)
    response = client.post(url(alice_published), {"body": "First!"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f'id="comments-{alice_published.pk}"' in html and "First!" in html
    assert f'id="comment-count-{alice_published.pk}" hx-swap-oob="true">1</span>' in html
    # The box is empty again for the next one.
    assert 'placeholder="Add a comment…"\n      ></textarea>' in html


def test_the_drawer_fragment_and_the_page_show_the_same_thread(client, alice_published, bob):
    comment_create(author=bob, post=alice_published, body="Lovely light")
    fragment = client.get(url(alice_published), **HTMX).content.decode()
    assert fragment.lstrip().startswith("<section") and "Lovely light" in fragment
    assert "Sign in to comment" in fragment and 'name="body"' not in fragment
    page = client.get(url(alice_published)).content.decode()
    assert "<html" in page and "Lovely light" in page


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something first"),
        ("   \r\n\t ", "Write something first"),
        ("x" * 5000, "at most 500 characters; this one has 5,000."),
        ("x" * 501, "at most 500 characters; this one has 501."),
    ],
)
def test_empty_or_too_long_comments_come_back_with_a_clear_error(client, alice_published, bob, body, message):
    client.force_login(bob)
    response = client.post(url(alice_published), {"body": body}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert 'role="alert"' in html and 'aria-invalid="true"' in html and "<form" in html
    assert "<html" not in html
    response = client.post(url(alice_published), {"body": body})  # without JS: the page, same error
    assert response.status_code == 400 and message in response.content.decode()
    assert "<html" in response.content.decode()
    assert comment_count(alice_published) == 0 and not social_notes().exists()


def test_what_was_typed_comes_back_with_the_error(client, alice_published, bob):
    client.force_login(bob)
    html = client.post(url(alice_published), {"body": "y" * 600}, **HTMX).content.decode()
    assert "y" * 600 + "</textarea>" in html


def test_exactly_500_characters_fit_and_windows_line_breaks_count_once(client, alice_published, bob):
    client.force_login(bob)
    assert client.post(url(alice_published), {"body": "z" * 500}).status_code == 302
    body = "line\r\n" * 80 + "end"  # 563 characters as sent, 483 once the breaks are counted as one
    assert client.post(url(alice_published), {"body": body}).status_code == 302
    assert Comment.objects.filter(body__startswith="line\nline\n").exists()
    assert comment_count(alice_published) == 2


class ScriptFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.bold = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        self.bold += tag == "b"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def test_html_and_script_in_a_comment_are_shown_as_text_never_run(client, alice_published, bob):
    client.force_login(bob)
    body = "<script>document.title='owned'</script><b>bold</b> & <img src=x onerror=alert(1)>"
    client.post(url(alice_published), {"body": body})
    for html in (
        client.get(url(alice_published)).content.decode(),
        client.get(url(alice_published), **HTMX).content.decode(),
    ):
        escaped = "&lt;script&gt;document.title=&#x27;owned&#x27;&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"
        assert escaped + " &amp; &lt;img" in html
        finder = ScriptFinder()
        finder.feed(html)
        assert not any("owned" in script for script in finder.scripts)
        assert finder.bold == 0 and "<img src=x" not in html
    (note,) = notes("commented")
    assert "<script>" in note.text  # stored as typed; every template escapes it
    client.force_login(alice_published.author)
    assert "&lt;script&gt;" in client.get("/notifications/").content.decode()


# --- Replies ---------------------------------------------------------------------------------------


def test_replies_are_one_level_deep_and_tell_the_person_answered(client, alice, alice_published, bob, friend):
    top = comment_create(author=bob, post=alice_published, body="Is this real?")
    client.force_login(friend)
    client.post(url(alice_published), {"body": "No, it's generated", "parent": top.pk})
    reply = Comment.objects.get(author=friend)
    assert reply.parent == top

    # Answering the reply files it under the same top-level comment, and tells carol.
    client.force_login(bob)
    client.post(url(alice_published), {"body": "Thanks!", "parent": reply.pk})
    answer = Comment.objects.get(body="Thanks!")
    assert answer.parent == top and not Comment.objects.filter(parent__parent__isnull=False).exists()
    replied = [(n.recipient.username, n.actor.username) for n in notes("replied")]
    assert replied == [("bob", "carol"), ("carol", "bob")]
    # The video's creator hears of every comment on it: three.
    assert [n.recipient for n in notes("commented")] == [alice, alice, alice]
    assert comment_count(alice_published) == 3

    html = client.get(url(alice_published), **HTMX).content.decode()
    assert html.index("Is this real?") < html.index("No, it&#x27;s generated") < html.index("Thanks!")
    assert html.count('class="replies"') == 1
    # Replying to a reply starts with the handle of the person answered.
    assert f'id="reply-body-{reply.pk}"' in html and ">@carol </textarea>" in html


def test_nobody_is_told_about_their_own_comment_and_the_author_hears_it_once(
    client, alice, alice_published, bob
):
    client.force_login(alice)
    client.post(url(alice_published), {"body": "Thanks for watching"})
    mine = Comment.objects.get()
    assert not social_notes().exists()
    client.post(url(alice_published), {"body": "And more to come", "parent": mine.pk})
    assert not social_notes().exists()

    client.force_login(bob)
    client.post(url(alice_published), {"body": "Can't wait", "parent": mine.pk})
    # alice is both the video's creator and the one answered: one notification, the reply.
    assert [(n.kind, n.recipient) for n in social_notes()] == [("replied", alice)]


def test_a_reply_to_a_missing_or_foreign_comment_is_refused(client, alice, alice_published, bob):
    other = comment_create(author=bob, post=_published(alice, "Another video"), body="On another video")
    client.force_login(bob)
    for parent in (other.pk, 999999):
        response = client.post(url(alice_published), {"body": "Hi", "parent": parent}, **HTMX)
        assert (
            response.status_code == 400 and "The comment you replied to is gone" in response.content.decode()
        )
    response = client.post(url(alice_published), {"body": "Hi", "parent": "x"}, **HTMX)
    assert response.status_code == 400
    assert comment_count(alice_published) == 0


def _published(owner, prompt: str):
    from feed.services import post_publish
    from tests.conftest import make_finished_job

    return post_publish(post=make_finished_job(owner, prompt=prompt).post, user=owner)


def test_a_failed_reply_reopens_its_own_box_with_the_error(client, alice_published, bob):
    top = comment_create(author=bob, post=alice_published, body="Hello")
    client.force_login(bob)
    html = client.post(url(alice_published), {"body": "", "parent": top.pk}, **HTMX).content.decode()
    assert '<details class="reply-box" open>' in html
    assert f'id="reply-error-{top.pk}"' in html and 'id="comment-error-' not in html


# --- Deleting --------------------------------------------------------------------------------------


def delete_url(comment) -> str:
    return f"/comments/{comment.pk}/delete/"


def test_deleting_your_comment_takes_its_replies_and_keeps_the_count_true(
    client, alice_published, bob, friend
):
    top = comment_create(author=bob, post=alice_published, body="Top")
    comment_create(author=friend, post=alice_published, body="Reply 1", parent_id=top.pk)
    reply = comment_create(author=bob, post=alice_published, body="Reply 2", parent_id=top.pk)
    other = comment_create(author=friend, post=alice_published, body="Other")
    assert comment_count(alice_published) == 4

    client.force_login(bob)
    assert client.post(delete_url(reply), **HTMX).status_code == 200
    assert comment_count(alice_published) == 3
    html = client.post(delete_url(top), **HTMX).content.decode()
    assert "Top" not in html and "Reply 1" not in html and "Other" in html
    assert f'id="comment-count-{alice_published.pk}" hx-swap-oob="true">1</span>' in html
    assert list(Comment.objects.all()) == [other]
    assert comment_count(alice_published) == 1


def test_deleting_twice_or_someone_elses_comment_is_404(client, alice, alice_published, bob, friend, staff):
    theirs = comment_create(author=friend, post=alice_published, body="Mine, says carol")
    # Not even the video's creator or staff delete it here (staff use the admin).
    for user in (bob, alice, staff):
        client.force_login(user)
        assert client.post(delete_url(theirs)).status_code == 404
    client.logout()
    assert client.post(delete_url(theirs)).status_code == 404
    client.force_login(friend)
    assert client.get(delete_url(theirs)).status_code == 405
    response = client.post(delete_url(theirs), {"next": url(alice_published)})
    assert response.status_code == 302 and response.url == url(alice_published)
    assert client.post(delete_url(theirs)).status_code == 404
    assert comment_count(alice_published) == 0


def test_only_your_own_comments_offer_delete(client, alice_published, bob, friend):
    mine = comment_create(author=bob, post=alice_published, body="Mine")
    theirs = comment_create(author=friend, post=alice_published, body="Theirs")
    client.force_login(bob)
    html = client.get(url(alice_published), **HTMX).content.decode()
    assert delete_url(mine) in html and delete_url(theirs) not in html


# --- Who may see and write -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["friend", "stranger", "staff", "anonymous"])
def test_others_drafts_have_no_comments_to_see_or_add(client, alice_draft, friend, bob, staff, who):
    user = {"friend": friend, "stranger": bob, "staff": staff, "anonymous": None}[who]
    if user:
        client.force_login(user)
    assert client.get(url(alice_draft)).status_code == 404
    assert client.get(url(alice_draft), **HTMX).status_code == 404
    status = client.post(url(alice_draft), {"body": "Hi"}).status_code
    assert status == (302 if who == "anonymous" else 404)  # anonymous: sign in first
    assert not Comment.objects.exists()


def test_the_creator_of_a_draft_is_told_to_publish_first(client, alice, alice_draft):
    client.force_login(alice)
    assert client.get(url(alice_draft)).status_code == 200
    response = client.post(url(alice_draft), {"body": "Note to self"}, **HTMX)
    assert response.status_code == 409 and b"Only published videos" in response.content
    assert not Comment.objects.exists()


@pytest.mark.parametrize("who", ["owner", "friend", "stranger", "staff", "anonymous"])
def test_everyone_reads_the_comments_of_a_published_video(
    client, alice, friend, bob, staff, alice_published, who
):
    comment_create(author=bob, post=alice_published, body="Seen by all")
    user = {"owner": alice, "friend": friend, "stranger": bob, "staff": staff, "anonymous": None}[who]
    if user:
        client.force_login(user)
    html = client.get(url(alice_published)).content.decode()
    assert "Seen by all" in html
    assert ('name="body"' in html) is (user is not None)


def test_anonymous_visitors_sign_in_to_comment(client, alice_published):
    response = client.post(url(alice_published), {"body": "Hello"})
    assert (
        response.status_code == 302
        and response.url == f"/accounts/login/?next=%2Fp%2F{alice_published.pk}%2Fcomments%2F"
    )
    response = client.post(url(alice_published), {"body": "Hello"}, **HTMX)
    assert response.status_code == 401 and "HX-Redirect" in response
    assert client.post("/p/999999/comments/", {"body": "x"}).status_code == 302  # no hint whether it exists
    assert not Comment.objects.exists()


def test_the_thread_costs_two_queries_however_many_replies(
    alice_published, bob, friend, django_assert_num_queries
):
    for n in range(5):
        top = comment_create(author=bob, post=alice_published, body=f"Top {n}")
        for m in range(3):
            comment_create(author=friend, post=alice_published, body=f"Reply {n}.{m}", parent_id=top.pk)
    with django_assert_num_queries(2):
        thread = comments_for(post=alice_published, user=bob)
        shown = [(c.body, [r.body for r in c.replies.all()]) for c in thread]
        authors = {c.author.profile.pk for c in thread} | {
            r.author.profile.pk for c in thread for r in c.replies.all()
        }
    assert shown[0] == ("Top 4", ["Reply 4.0", "Reply 4.1", "Reply 4.2"]) and len(shown) == 5
    assert len(authors) == 2


def test_the_drawer_renders_in_a_constant_number_of_queries(client, alice_published, bob, friend):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(alice_published), **HTMX).status_code == 200
        return len(captured)

    client.force_login(bob)
    comment_create(author=bob, post=alice_published, body="One")
    few = queries()
    for n in range(6):
        top = comment_create(author=friend, post=alice_published, body=f"More {n}")
        comment_create(author=bob, post=alice_published, body=f"Re {n}", parent_id=top.pk)
    assert queries() == few
