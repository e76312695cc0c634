import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import text_limit, validate_name, validate_text

from .constants import BODY_MAX, NAME_MAX, PUBLIC_STATUSES, REPLY_MAX, TITLE_MAX, PostKind, PostStatus
from .query import BoardPostQuerySet, BoardReplyQuerySet


class BoardPost(models.Model):
    """A small ask or offer on a district's board ("wie kan een ladder lenen?", "ik help met de computer").
    Anyone may read the open and solved posts of a district; the author is shown by the name they chose (a first
    name or a display name), never more. Writing needs an account."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="board_posts", verbose_name=_("wijk")
    )
    kind = models.CharField(_("soort"), max_length=8, choices=PostKind.choices)
    title = models.CharField(_("kort gezegd"), max_length=TITLE_MAX, validators=[validate_name])
    body = models.TextField(_("uitleg"), blank=True, validators=[validate_text, text_limit(BODY_MAX)])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_posts",
        verbose_name=_("geplaatst door"),
    )
    author_name = models.CharField(
        _("naam bij het bericht"),
        max_length=NAME_MAX,
        validators=[validate_name],
        help_text=_("Een voornaam of een zelfgekozen naam; meer niet."),
    )
    status = models.CharField(_("status"), max_length=16, choices=PostStatus.choices, default=PostStatus.OPEN)
    hidden_reason = models.CharField(_("waarom verborgen"), max_length=300, blank=True, validators=[validate_name])
    help_request = models.OneToOneField(
        "support.HelpRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_post",
        verbose_name=_("hulpvraag"),
    )
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    synthetic = models.BooleanField(_("synthetisch"), default=False, help_text=_("Verzonnen demo-bericht."))

    objects = BoardPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("prikbordbericht")
        verbose_name_plural = _("prikbordberichten")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["district", "status", "created_at"], name="board_post_list")]

    def __str__(self) -> str:
        return self.title

    @property
    def url(self) -> str:
        return reverse("board:post", args=[self.public_id])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class BoardReply(models.Model):
    """An answer to a post. Public, or private: then only the post's author (and the professionals of the
    district) read it, so neighbours can share a phone number without the whole district seeing it."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    post = models.ForeignKey(BoardPost, on_delete=models.CASCADE, related_name="replies", verbose_name=_("bericht"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="board_replies"
    )
    author_name = models.CharField(_("naam bij de reactie"), max_length=NAME_MAX, validators=[validate_name])
    body = models.TextField(_("reactie"), validators=[validate_text, text_limit(REPLY_MAX)])
    private = models.BooleanField(
        _("alleen voor de schrijver van het bericht"),
        default=False,
        help_text=_("Alleen de schrijver van het bericht leest het. Zo kunt u bijvoorbeeld uw telefoonnummer geven."),
    )
    hidden_at = models.DateTimeField(_("verborgen op"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("waarom verborgen"), max_length=300, blank=True, validators=[validate_name])
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    synthetic = models.BooleanField(_("synthetisch"), default=False)

    objects = BoardReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie op het prikbord")
        verbose_name_plural = _("reacties op het prikbord")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["post", "created_at"], name="board_reply_list")]

    def __str__(self) -> str:
        return f"{self.post_id}:{self.public_id}"
