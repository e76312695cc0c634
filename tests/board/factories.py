"""Factories for the board."""

import factory

from tests import factories as f
from wijkkracht.board.constants import PostKind, PostStatus
from wijkkracht.board.models import BoardPost, BoardReply


class BoardPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardPost

    district = factory.SubFactory(f.DistrictFactory)
    kind = PostKind.ASK
    title = factory.Sequence(lambda n: f"Wie kan mij een ladder lenen? ({n})")
    body = "Voor een middag, om de dakgoot schoon te maken."
    author_name = "Ria"
    status = PostStatus.OPEN
    synthetic = True


class BoardReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardReply

    post = factory.SubFactory(BoardPostFactory)
    author_name = "Vera"
    body = "Ik heb er een, kom maar langs."
    synthetic = True
