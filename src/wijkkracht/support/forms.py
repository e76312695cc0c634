"""Forms of the support app: they parse and present errors; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import normalise_phone
from wijkkracht.volunteers.constants import WEEKDAYS, DayPart

from .constants import (
    ON_BEHALF_CHANNELS,
    ContactAnswer,
    ReferralTo,
    Relation,
    Rung,
    RungResult,
    Urgency,
    offered_categories,
)
from .models import WHAT_MAX


def neighbourhood_choices(neighbourhoods) -> list:
    """Neighbourhoods grouped by district, for a select with one group per district."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for n in neighbourhoods:
        groups.setdefault(n.district.name, []).append((n.pk, n.name))
    return [("", _("Kies uw buurt")), *((district, items) for district, items in groups.items())]


class AskForm(forms.Form):
    """The short form a resident fills in (B1). A name and a phone number are enough."""

    category = forms.ChoiceField(label=_("Waarmee wilt u hulp?"), choices=())
    what = forms.CharField(
        label=_("Vertel kort wat u nodig hebt"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=WHAT_MAX,
        help_text=_("Bijvoorbeeld: ik kan zelf geen boodschappen meer doen."),
    )
    when = forms.CharField(
        label=_("Wanneer?"), max_length=200, required=False, help_text=_("Bijvoorbeeld: elke dinsdagochtend.")
    )
    urgency = forms.ChoiceField(
        label=_("Hoe snel is hulp nodig?"), choices=Urgency.choices, initial=Urgency.NORMAL, widget=forms.RadioSelect
    )
    neighbourhood = forms.TypedChoiceField(label=_("In welke buurt woont u?"), coerce=int, choices=())
    contact_name = forms.CharField(label=_("Uw naam"), max_length=120)
    contact_phone = forms.CharField(
        label=_("Uw telefoonnummer"),
        max_length=20,
        required=False,
        help_text=_("Wij bellen u om uw vraag te bespreken."),
    )
    consent_share = forms.BooleanField(
        label=_("Ik vind het goed dat u alleen het nodige over mijn vraag deelt met wie mij gaat helpen."),
        required=False,
    )

    def __init__(self, *args, neighbourhoods, phone_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.neighbourhoods = {n.pk: n for n in neighbourhoods}
        self.fields["neighbourhood"].choices = neighbourhood_choices(neighbourhoods)
        self.fields["category"].choices = offered_categories()
        self.fields["contact_phone"].required = phone_required
        if not phone_required:
            self.fields["contact_phone"].help_text = _("Mag leeg blijven: wij kunnen u ook mailen.")

    def clean_contact_phone(self) -> str:
        return normalise_phone(self.cleaned_data["contact_phone"])

    def clean_neighbourhood(self):
        return self.neighbourhoods[self.cleaned_data["neighbourhood"]]


class TakeForm(AskForm):
    """A professional notes a request for a resident (phone, desk, home visit)."""

    channel = forms.ChoiceField(label=_("Hoe kwam de vraag binnen?"), choices=ON_BEHALF_CHANNELS)
    vulnerable = forms.BooleanField(
        label=_("Kwetsbare inwoner"),
        required=False,
        help_text=_("Alleen helpers met een VOG; een nagesprek na het afsluiten."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].label = _("Naam van de bewoner")
        self.fields["contact_phone"].label = _("Telefoonnummer van de bewoner")
        self.fields["contact_phone"].help_text = ""
        self.fields["neighbourhood"].label = _("Buurt van de bewoner")
        self.fields["consent_share"].label = _("De bewoner vindt het goed dat we het nodige delen met wie gaat helpen")
        self.order_fields(["channel", "contact_name", "contact_phone", "neighbourhood", "vulnerable"])


class OwnerForm(forms.Form):
    owner = forms.TypedChoiceField(label=_("Eigenaar"), coerce=int, choices=())

    def __init__(self, *args, professionals, **kwargs):
        super().__init__(*args, **kwargs)
        self.professionals = {u.pk: u for u in professionals}
        self.fields["owner"].choices = [(u.pk, u.display_name or u.email) for u in professionals]

    def clean_owner(self):
        return self.professionals[self.cleaned_data["owner"]]


class IntakeForm(forms.Form):
    underlying_need = forms.CharField(
        label=_("De vraag achter de vraag"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Wat heeft de bewoner echt nodig?"),
    )
    own_strength = forms.CharField(
        label=_("Eigen kracht"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Wat kan de bewoner zelf?"),
    )
    vulnerable = forms.BooleanField(
        label=_("Kwetsbare inwoner"),
        required=False,
        help_text=_("Dan helpt alleen een volwassene met een geldige VOG."),
    )
    consent_share = forms.BooleanField(
        label=_("De bewoner vindt het goed dat we het nodige delen met wie gaat helpen"), required=False
    )
    slots = forms.MultipleChoiceField(
        label=_("Wanneer is de hulp nodig?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vaste momenten in de week; leeg: maakt niet uit."),
    )
    languages = forms.CharField(
        label=_("Taal"),
        max_length=120,
        required=False,
        help_text=_("In welke taal wil de bewoner geholpen worden? Met komma's ertussen; leeg: maakt niet uit."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"].choices = slot_choices()


def slot_choices() -> list[tuple[str, str]]:
    return [(f"{day}_{part.value}", f"{day_label} {part.label}") for day, day_label in WEEKDAYS for part in DayPart]


class NetworkContactForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    relation = forms.ChoiceField(label=_("Wie is het?"), choices=Relation.choices)
    phone = forms.CharField(label=_("Telefoon"), max_length=20, required=False)
    could_help_with = forms.CharField(label=_("Kan misschien helpen met"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_("De bewoner vindt het goed dat ik deze persoon noteer en vraag"), required=False
    )

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])


class ContactAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Antwoord"), choices=ContactAnswer.choices)


class LadderStepForm(forms.Form):
    rung = forms.ChoiceField(label=_("Trede"), choices=Rung.choices)
    result = forms.ChoiceField(label=_("Wat kwam eruit?"), choices=RungResult.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class ReferralForm(forms.Form):
    to = forms.ChoiceField(label=_("Naar"), choices=ReferralTo.choices)
    reason = forms.CharField(
        label=_("Waarom"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Alleen waarom u doorverwijst. Het gesprek en het besluit van de gemeente komen hier niet."),
    )


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("Hoe gaat het met de bewoner?"), max_length=300, required=False)
