import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from wijkkracht.validators import validate_name

from .constants import ROLE_SCOPE, Role
from .query import MembershipQuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A way to log in. Personal details live on people.Person, not here."""

    public_id = models.UUIDField(_("publiek id"), default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mailadres"), unique=True)
    display_name = models.CharField(_("naam"), max_length=120, blank=True, validators=[validate_name])
    preferred_language = models.CharField(
        _("taal"), max_length=5, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("toegang tot beheer"), default=False)
    date_joined = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    # Empty while a sign-up or invitation waits for its link to be followed (the account is then inactive).
    email_confirmed_at = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def is_pending(self) -> bool:
        """Made by a sign-up or an invitation whose link has not been followed yet. (An account an
        administrator switched off is not pending: it has a usable password or a confirmed address.)"""
        return not self.is_active and self.email_confirmed_at is None and not self.has_usable_password()


class Membership(models.Model):
    """A role held by a user within a scope: the single source of who may do what where."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("account"))
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("gebruikersraad"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisatie"),
        help_text=_("Bij een beroepskracht: de werkgever."),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("gemeente"),
    )
    centre = models.ForeignKey(
        "places.CommunityCentre",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("wijkcentrum"),
    )
    district = models.ForeignKey(
        "places.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("wijk"),
    )
    starts_on = models.DateField(_("vanaf"), default=timezone.localdate)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            # One membership per user, role and scope (partial constraints: they work on SQLite and PostgreSQL).
            models.UniqueConstraint(
                fields=["user", "role"],
                name="membership_unique_unscoped",
                condition=models.Q(
                    council__isnull=True,
                    organisation__isnull=True,
                    municipality__isnull=True,
                    centre__isnull=True,
                    district__isnull=True,
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "council"], name="membership_unique_council", condition=models.Q(role="council_member")
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "centre"],
                name="membership_unique_centre",
                condition=models.Q(role="professional", centre__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "district"],
                name="membership_unique_district",
                condition=models.Q(role="professional", district__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_unique_coordinator",
                condition=models.Q(role="coordinator"),
            ),
            models.UniqueConstraint(
                fields=["user", "municipality"], name="membership_unique_analyst", condition=models.Q(role="analyst")
            ),
        ]

    def __str__(self) -> str:
        scope = self.council or self.centre or self.district or self.organisation or self.municipality
        return f"{self.user} – {self.get_role_display()}" + (f" ({scope})" if scope else "")

    def clean(self) -> None:
        required = set(ROLE_SCOPE[Role(self.role)]) if self.role in Role.values else set()
        for field in ("council", "organisation", "municipality"):
            if field in required and getattr(self, f"{field}_id") is None:
                raise ValidationError({field: _("Deze rol heeft dit veld nodig.")})
            if field not in required and getattr(self, f"{field}_id") is not None:
                raise ValidationError({field: _("Deze rol heeft dit veld niet.")})
        serves = (self.centre_id is not None) + (self.district_id is not None)
        if self.role == Role.PROFESSIONAL and serves != 1:
            raise ValidationError(_("Een beroepskracht werkt voor precies één wijkcentrum of één wijk per rol."))
        if self.role != Role.PROFESSIONAL and serves:
            raise ValidationError(_("Alleen een beroepskracht heeft een wijkcentrum of wijk."))
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("De einddatum ligt voor de begindatum.")})


class SecondFactorEnrolment(models.Model):
    """One attempt to set up two-step login (docs/accounts.md).

    It starts with a link sent by e-mail, so the password alone is not enough. The first browser session that
    opens the link while logged in as the user claims it; only that session sees the new secret, which belongs to
    this attempt alone (`device`). Completing it confirms the device and ends the user's other attempts.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="second_factor_enrolments", verbose_name=_("account")
    )
    token_hash = models.CharField(_("hash van de link"), max_length=64, unique=True, editable=False)
    claim_hash = models.CharField(_("hash van de sessie"), max_length=64, blank=True, editable=False)
    device = models.OneToOneField(
        "otp_totp.TOTPDevice", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    expires_at = models.DateTimeField(_("geldig tot"))
    completed_at = models.DateTimeField(_("afgerond"), null=True, blank=True)

    class Meta:
        verbose_name = _("koppeling inloggen in twee stappen")
        verbose_name_plural = _("koppelingen inloggen in twee stappen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"


class RecoveryCodeSet(ThrottlingMixin, Device):
    """The user's recovery codes as a django-otp device: logging in with one marks the session verified.

    Each code works once; only their hashes are stored. Wrong codes are throttled like TOTP codes."""

    class Meta:
        verbose_name = _("herstelcodes")
        verbose_name_plural = _("herstelcodes")
        constraints = [models.UniqueConstraint(fields=["user"], name="recovery_code_set_one_per_user")]

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)


class RecoveryCode(models.Model):
    code_set = models.ForeignKey(
        RecoveryCodeSet, on_delete=models.CASCADE, related_name="codes", verbose_name=_("herstelcodes")
    )
    code_hash = models.CharField(_("hash"), max_length=128, editable=False)
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("herstelcode")
        verbose_name_plural = _("herstelcodes")

    def __str__(self) -> str:
        return gettext("gebruikt") if self.used_at else gettext("ongebruikt")


class ThrottleEvent(models.Model):
    """One counted attempt (a failed login, a sign-up or reset request) for the throttle (accounts/throttle.py).

    `key` is a keyed hash of what is counted (an address, an IP, a pair of both, a device): no e-mail address
    or IP address is stored. Rows older than the longest window are removed as new ones come in."""

    scope = models.CharField(_("soort"), max_length=24)
    key = models.CharField(_("sleutel"), max_length=64)
    created_at = models.DateTimeField(_("tijdstip"), db_index=True)

    class Meta:
        verbose_name = _("poging")
        verbose_name_plural = _("pogingen")
        indexes = [models.Index(fields=["scope", "key", "created_at"], name="throttle_lookup")]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M:%S}"
