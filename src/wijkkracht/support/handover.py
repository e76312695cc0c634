"""Public: the form another app (the board, concerns) shows when it hands a resident's question over to support
as a help request taken on their behalf. One form, so both hand-overs ask the same and read the same."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import normalise_phone

from .constants import ON_BEHALF_CHANNELS, Urgency, offered_categories


class HandOverForm(forms.Form):
    """What the professional heard from the resident when a board post or a concern becomes a help request;
    `support.services.help_request_take` validates and writes it."""

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
