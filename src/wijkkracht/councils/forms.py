"""Forms of the councils app. They parse and present errors; the services validate and write."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.initiatives.constants import Category as InitiativeCategory

from .constants import Measure, Position, TargetGroup

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberProposeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de bewoner"),
        help_text=_("De bewoner heeft een account op Wijkkracht. Zo weten we wie u bedoelt."),
    )
    position = forms.ChoiceField(label=_("Functie"), choices=Position.choices, initial=Position.MEMBER)
    term_start = forms.DateField(label=_("Begin termijn"), widget=DATE_WIDGET)
    term_end = forms.DateField(
        label=_("Einde termijn"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Leeg: de gewone zittingstermijn van de raad."),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class CentreProfileForm(forms.Form):
    profile = forms.CharField(
        label=_("Profiel"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=4000,
        help_text=_("Wat dit wijkcentrum voor de wijk doet, in gewone taal."),
    )
    focus = forms.CharField(
        label=_("Accent"), required=False, max_length=200, help_text=_("Bijvoorbeeld: jongeren, ouderen, taal.")
    )


def _year_choices() -> list[tuple[int, int]]:
    year = timezone.localdate().year
    return [(y, y) for y in (year, year + 1)]


class PlanCreateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int, choices=_year_choices)
    summary = forms.CharField(
        label=_("Samenvatting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        help_text=_("Wat de raad dit jaar wil bereiken."),
    )
    from_template = forms.BooleanField(
        label=_("Begin met de doelen uit het plansjabloon van de wijk"),
        required=False,
        initial=True,
        help_text=_("U kunt de doelen daarna aanpassen of verwijderen."),
    )


class PlanForm(forms.Form):
    summary = forms.CharField(
        label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )
    evaluation = forms.CharField(
        label=_("Evaluatie"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=8000,
        help_text=_("Aan het eind van het jaar: wat lukte, wat niet, en wat doet de raad volgend jaar anders?"),
    )
    note = forms.CharField(
        label=_("Wat is er veranderd?"),
        required=False,
        max_length=200,
        help_text=_("Na goedkeuring bewaren we elke wijziging als nieuwe versie, met deze korte uitleg."),
    )


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Doel"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple
    )
    target_value = forms.IntegerField(
        label=_("Streefwaarde"),
        min_value=1,
        max_value=1_000_000,
        help_text=_("Bijvoorbeeld 120 (verschillende bewoners van 15 tot 55 jaar) of 10 (activiteiten per maand)."),
    )
    measure = forms.ChoiceField(label=_("Hoe we tellen"), choices=Measure.choices)
    planned_activities = forms.CharField(
        label=_("Geplande activiteiten"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    budget = forms.DecimalField(
        label=_("Begroting (euro)"), min_value=0, max_digits=10, decimal_places=2, initial=0, localize=True
    )
    note = forms.CharField(
        label=_("Wat is er veranderd?"),
        required=False,
        max_length=200,
        help_text=_("Alleen nodig als het plan al is goedgekeurd."),
    )


class TemplateGoalForm(GoalForm):
    """A goal of the district's plan template: the same as a plan's goal, without the version note."""

    note = None


class TailoringForm(forms.Form):
    """Which of the council's tools the district uses, and which initiatives it asks for."""

    uses_meetings = forms.BooleanField(
        label=_("Vergaderingen: agenda, aanwezigheid, notulen en besluiten"), required=False
    )
    uses_plans = forms.BooleanField(label=_("Het inhoudelijk plan per jaar"), required=False)
    uses_assignments = forms.BooleanField(label=_("Opdrachten aan de beroepskracht"), required=False)
    takes_initiatives = forms.BooleanField(label=_("Bewonersinitiatieven: bewoners dienen ideeën in"), required=False)
    uses_budget = forms.BooleanField(label=_("Geld uit het wijkbudget voor initiatieven"), required=False)
    initiative_categories = forms.MultipleChoiceField(
        label=_("Soorten initiatieven die de wijk vraagt"),
        choices=InitiativeCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Bewoners kiezen uit deze soorten als ze een initiatief indienen."),
    )


class RealisedForm(forms.Form):
    realised = forms.IntegerField(label=_("Gerealiseerd"), min_value=0, max_value=1_000_000, required=False)


class AssignmentForm(forms.Form):
    professional = forms.ModelChoiceField(label=_("Beroepskracht"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Opdracht"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )
    due_on = forms.DateField(label=_("Klaar op"), widget=DATE_WIDGET)

    def __init__(self, *args, professionals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = professionals
        self.fields["professional"].label_from_instance = lambda user: user.display_name or _("beroepskracht")


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Wat is er gedaan?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    progress = forms.IntegerField(label=_("Voortgang in procenten"), min_value=0, max_value=100)


TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    starts = forms.TimeField(label=_("Begint om"), widget=TIME_WIDGET)
    ends = forms.TimeField(label=_("Eindigt om"), widget=TIME_WIDGET, required=False)
    centre = forms.ModelChoiceField(
        label=_("Wijkcentrum"), queryset=None, required=False, empty_label=_("Niet in een wijkcentrum")
    )
    location = forms.CharField(
        label=_("Plaats"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: de grote zaal. Of een adres als het niet in een wijkcentrum is."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=8000,
        help_text=_("Eén agendapunt per regel."),
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("starts"):
            zone = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(data["date"], data["starts"]), zone)
            ends = data.get("ends")
            data["ends_at"] = timezone.make_aware(datetime.datetime.combine(data["date"], ends), zone) if ends else None
        return data


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Notulen"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=20000,
        help_text=_("Wat er besproken is. Noem geen namen of gegevens van bewoners die geen lid zijn."),
    )


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Wie was er?"), widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(m.pk), f"{m.person} ({m.get_position_display()})") for m in members]


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Besluit"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    plan_goal = forms.ModelChoiceField(label=_("Over een doel uit het plan"), queryset=None, required=False)
    assignment = forms.ModelChoiceField(label=_("Over een opdracht"), queryset=None, required=False)
    initiative = forms.ModelChoiceField(label=_("Over een bewonersinitiatief"), queryset=None, required=False)

    def __init__(self, *args, goals, assignments, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_goal"].queryset = goals
        self.fields["assignment"].queryset = assignments
        self.fields["initiative"].queryset = initiatives
