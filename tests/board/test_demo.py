"""The demo shows the board in several districts (asks, offers, answered, solved, one hidden), all synthetic,
written through the services, and seeding twice adds nothing."""

from io import StringIO

from django.core.management import call_command
from django.test import Client

from wijkkracht.board.constants import PostKind, PostStatus
from wijkkracht.board.models import BoardPost, BoardReply


def test_the_demo_has_board_posts_in_several_districts_and_seeding_twice_adds_none(db):
    call_command("seed_demo", stdout=StringIO())
    posts = BoardPost.objects.all()
    assert posts.values("district").distinct().count() >= 4
    assert set(posts.values_list("kind", flat=True)) == set(PostKind.values)
    assert {PostStatus.OPEN, PostStatus.SOLVED, PostStatus.HIDDEN} <= set(posts.values_list("status", flat=True))
    assert BoardReply.objects.filter(private=True).exists()
    assert not posts.filter(synthetic=False).exists() and not posts.filter(author__isnull=True).exists()
    count = (posts.count(), BoardReply.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (BoardPost.objects.count(), BoardReply.objects.count()) == count
    solved = posts.filter(status=PostStatus.SOLVED).select_related("district").first()
    page = Client().get(f"/prikbord/wijk/{solved.district.slug}/")
    assert page.status_code == 200 and solved.title in page.content.decode()
