"""Forms of the concerns app: they parse and present errors; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import normalise_phone

from .constants import RECORDED_STEPS, Feedback, Priority, Topic
from .models import DESCRIPTION_MAX


def neighbourhood_choices(neighbourhoods, empty) -> list:
    groups: dict[str, list[tuple[int, str]]] = {}
    for n in neighbourhoods:
        groups.setdefault(n.district.name, []).append((n.pk, n.name))
    return [("", empty), *groups.items()]


class RaiseForm(forms.Form):
    """The resident's form (B1)."""

    topic = forms.ChoiceField(label=_("Waarover maakt u zich zorgen?"), choices=Topic.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Wat ziet of hoort u?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=DESCRIPTION_MAX,
        help_text=_("Bijvoorbeeld: mijn buurman komt al weken niet meer buiten en de post stapelt zich op."),
    )
    neighbourhood = forms.TypedChoiceField(label=_("In welke buurt is het?"), coerce=int, choices=())
    about_person = forms.BooleanField(label=_("Het gaat over een persoon"), required=False)
    person_hint = forms.CharField(
        label=_("Over wie gaat het? (mag leeg blijven)"),
        max_length=200,
        required=False,
        help_text=_("Een naam of een adres, als u dat weet. Alleen de beroepskracht van de wijk ziet dit."),
    )
    reporter_phone = forms.CharField(
        label=_("Uw telefoonnummer (mag leeg blijven)"),
        max_length=20,
        required=False,
        help_text=_("Als de beroepskracht u iets wil vragen."),
    )

    def __init__(self, *args, neighbourhoods, **kwargs):
        super().__init__(*args, **kwargs)
        self.neighbourhoods = {n.pk: n for n in neighbourhoods}
        self.fields["neighbourhood"].choices = neighbourhood_choices(neighbourhoods, _("Kies een buurt"))

    def clean_reporter_phone(self) -> str:
        return normalise_phone(self.cleaned_data["reporter_phone"])

    def clean_neighbourhood(self):
        return self.neighbourhoods[self.cleaned_data["neighbourhood"]]


class TriageForm(forms.Form):
    priority = forms.ChoiceField(label=_("Hoe dringend?"), choices=Priority.choices)
    note = forms.CharField(
        label=_("Notitie bij de beoordeling"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=DESCRIPTION_MAX,
        required=False,
    )
    owner = forms.TypedChoiceField(label=_("Eigenaar"), coerce=int, choices=(), required=False)

    def __init__(self, *args, professionals, **kwargs):
        super().__init__(*args, **kwargs)
        self.professionals = {u.pk: u for u in professionals}
        self.fields["owner"].choices = [(u.pk, u.display_name or u.email) for u in professionals]

    def clean_owner(self):
        value = self.cleaned_data.get("owner")
        return self.professionals.get(value) if value not in (None, "") else None


class StepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Wat hebt u gedaan?"), choices=RECORDED_STEPS)
    organisation = forms.TypedChoiceField(label=_("Partner"), coerce=int, choices=(), required=False)
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {o.pk: o for o in organisations}
        self.fields["organisation"].choices = [("", _("geen")), *((o.pk, o.name) for o in organisations)]

    def clean_organisation(self):
        value = self.cleaned_data.get("organisation")
        return self.organisations.get(value) if value not in (None, "") else None


class CloseForm(forms.Form):
    feedback = forms.ChoiceField(label=_("Bericht aan de melder"), choices=Feedback.choices)
