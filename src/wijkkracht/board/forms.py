"""Forms of the board: they parse and present errors; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
