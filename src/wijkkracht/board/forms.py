"""Forms of the board: they parse and present errors; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.support.constants import ON_BEHALF_CHANNELS, Urgency, offered_categories
from wijkkracht.validators import normalise_phone

from .constants import BODY_MAX, NAME_MAX, REPLY_MAX, TITLE_MAX, PostKind


class PostForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat wilt u plaatsen?"),
        choices=[
            (PostKind.ASK, _("Een vraag: ik zoek hulp of iets om te lenen")),
            (PostKind.OFFER, _("Een aanbod: ik kan iets doen of uitlenen")),
        ],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Kort gezegd"),
        max_length=TITLE_MAX,
        help_text=_("Bijvoorbeeld: wie kan mij een ladder lenen?"),
    )
    body = forms.CharField(
        label=_("Meer uitleg (mag leeg blijven)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=BODY_MAX,
        required=False,
        help_text=_("Zet hier geen telefoonnummer, e-mailadres of adres. Iedereen kan dit lezen."),
    )
    author_name = forms.CharField(
        label=_("Uw naam bij het bericht"),
        max_length=NAME_MAX,
        help_text=_("Alleen uw voornaam, of een naam die u zelf kiest."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Uw reactie"), widget=forms.Textarea(attrs={"rows": 3}), max_length=REPLY_MAX)
    author_name = forms.CharField(
        label=_("Uw naam bij de reactie"),
        max_length=NAME_MAX,
        help_text=_("Alleen uw voornaam, of een naam die u zelf kiest."),
    )
    private = forms.BooleanField(
        label=_("Alleen de schrijver van het bericht mag dit lezen"),
        required=False,
        help_text=_("Kies dit als u bijvoorbeeld uw telefoonnummer geeft."),
    )


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Waarom verbergt u dit?"), max_length=300)


class HandOverForm(forms.Form):
    """An ask becomes a help request: what the professional heard when they called the resident."""

    channel = forms.ChoiceField(label=_("Hoe sprak u de bewoner?"), choices=ON_BEHALF_CHANNELS)
    contact_name = forms.CharField(label=_("Naam van de bewoner"), max_length=120)
    contact_phone = forms.CharField(label=_("Telefoonnummer van de bewoner"), max_length=20)
    neighbourhood = forms.TypedChoiceField(label=_("Buurt van de bewoner"), coerce=int, choices=())
    category = forms.ChoiceField(label=_("Soort hulp"), choices=())
    what = forms.CharField(label=_("Wat is de vraag?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)
    urgency = forms.ChoiceField(label=_("Hoe snel?"), choices=Urgency.choices, initial=Urgency.NORMAL)
    vulnerable = forms.BooleanField(label=_("Kwetsbare inwoner"), required=False)
    consent_share = forms.BooleanField(
        label=_("De bewoner vindt het goed dat we het nodige delen met wie gaat helpen"), required=False
    )

    def __init__(self, *args, neighbourhoods, **kwargs):
        super().__init__(*args, **kwargs)
        self.neighbourhoods = {n.pk: n for n in neighbourhoods}
        self.fields["neighbourhood"].choices = [("", _("Kies een buurt")), *((n.pk, n.name) for n in neighbourhoods)]
        self.fields["category"].choices = offered_categories()

    def clean_contact_phone(self) -> str:
        return normalise_phone(self.cleaned_data["contact_phone"])

    def clean_neighbourhood(self):
        return self.neighbourhoods[self.cleaned_data["neighbourhood"]]
