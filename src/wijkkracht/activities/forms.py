"""Forms of centre life: they parse and present errors; the services validate and write."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import POLICY_BAND, AgeBand, BookingKind, OrganiserKind, Repeat
from .recurrence import build_rule


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ActivityForm(forms.Form):
    """An activity as the professional enters it. `where` is a centre (c-<pk>) or a whole district (d-<pk>)."""

    title = forms.CharField(label=_("Naam van de activiteit"), max_length=160)
    description = forms.CharField(
        label=_("Wat gaan we doen?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("In gewone taal: wat gebeurt er, wat neemt u mee, moet u iets kunnen?"),
    )
    category = forms.ModelChoiceField(label=_("Soort"), queryset=None, empty_label=None)
    where = forms.ChoiceField(label=_("Waar"))
    neighbourhood = forms.ModelChoiceField(
        label=_("Buurt"), queryset=None, required=False, empty_label=_("de hele wijk")
    )
    location = forms.CharField(
        label=_("Waar precies"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: de grote zaal, of het speelveld aan de Kastanjelaan."),
    )
    age_bands = forms.MultipleChoiceField(
        label=_("Voor wie"), choices=AgeBand.choices, widget=forms.CheckboxSelectMultiple
    )
    starts_on = forms.DateField(label=_("Eerste keer (datum)"), widget=DateInput())
    start_time = forms.TimeField(label=_("Begintijd"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Eindtijd"), widget=TimeInput())
    repeat = forms.ChoiceField(label=_("Herhalen"), choices=Repeat.choices, initial=Repeat.WEEKLY)
    until = forms.DateField(
        label=_("Herhalen tot en met"), required=False, widget=DateInput(), help_text=_("Leeg: zonder einddatum.")
    )
    rrule = forms.CharField(
        label=_("Eigen herhaalregel"),
        max_length=300,
        required=False,
        help_text=_(
            "Alleen bij 'anders'. Een regel volgens RFC 5545, bijvoorbeeld FREQ=MONTHLY;BYDAY=-1FR "
            "(de laatste vrijdag van de maand)."
        ),
    )
    price = forms.DecimalField(
        label=_("Prijs (euro)"),
        min_value=0,
        max_digits=7,
        decimal_places=2,
        initial=0,
        localize=True,
        help_text=_("0 is gratis."),
    )
    price_note = forms.CharField(label=_("Toelichting op de prijs"), max_length=200, required=False)
    capacity = forms.IntegerField(
        label=_("Aantal plaatsen"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Leeg: vrije inloop, aanmelden hoeft niet. Met een aantal: aanmelden, met een wachtlijst."),
    )
    organiser_kind = forms.ChoiceField(label=_("Wie organiseert"), choices=OrganiserKind.choices)
    organiser_name = forms.CharField(label=_("Naam van de organisator"), max_length=160, required=False)
    partner = forms.ModelChoiceField(label=_("Partnerorganisatie"), queryset=None, required=False)
    wheelchair_accessible = forms.BooleanField(label=_("Toegankelijk met rolstoel"), required=False)
    accessibility = forms.CharField(
        label=_("Toegankelijkheid"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_("Bijvoorbeeld: ringleiding, lift, invalidenparkeerplaats, prikkelarm."),
    )
    initiative = forms.ModelChoiceField(label=_("Hoort bij bewonersinitiatief"), queryset=None, required=False)
    plan_goals = forms.ModelMultipleChoiceField(
        label=_("Draagt bij aan doelen uit het plan"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, places, categories, neighbourhoods, partners, initiatives, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = places  # {"c-1": centre, "d-2": district}
        self.fields["where"].choices = [(key, label) for key, (label, _obj) in places.items()]
        self.fields["category"].queryset = categories
        self.fields["neighbourhood"].queryset = neighbourhoods
        self.fields["partner"].queryset = partners
        self.fields["initiative"].queryset = initiatives
        self.fields["plan_goals"].queryset = goals

    def clean(self):
        data = super().clean()
        starts_on = data.get("starts_on")
        repeat = data.get("repeat")
        if starts_on and repeat:
            try:
                data["rule"] = build_rule(
                    repeat, starts_on=starts_on, until=data.get("until"), custom=data.get("rrule", "")
                )
            except ValidationError as error:
                self.add_error("rrule" if repeat == Repeat.CUSTOM else "repeat", error)
            if repeat == Repeat.CUSTOM and not data.get("rrule"):
                self.add_error("rrule", _("Schrijf de herhaalregel, of kies een van de andere mogelijkheden."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        place = self.places[data["where"]][1]
        from wijkkracht.places.models import CommunityCentre

        is_centre = isinstance(place, CommunityCentre)
        return {
            "title": data["title"],
            "description": data["description"],
            "category": data["category"],
            "centre": place if is_centre else None,
            "district": place.district if is_centre else place,
            "neighbourhood": data["neighbourhood"],
            "location": data["location"],
            "age_bands": data["age_bands"],
            "starts_on": data["starts_on"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "rrule": data["rule"],
            "price": data["price"],
            "price_note": data["price_note"],
            "capacity": data["capacity"],
            "organiser_kind": data["organiser_kind"],
            "organiser_name": data["organiser_name"],
            "partner": data["partner"],
            "wheelchair_accessible": data["wheelchair_accessible"],
            "accessibility": data["accessibility"],
            "initiative": data["initiative"],
            "plan_goals": list(data["plan_goals"]),
        }


PRICE_CHOICES = [("", _("gratis en betaald")), ("free", _("alleen gratis")), ("paid", _("alleen betaald"))]


def age_choices():
    return [
        ("", _("alle leeftijden")),
        *AgeBand.choices,
        (POLICY_BAND, _("15 tot 55 jaar (jongeren en volwassenen)")),
    ]


class QuickSelect(forms.Select):
    """A select drawn in Python in one go: the same HTML as Django's Select (its attributes, aria-describedby and
    aria-invalid included), without a template render per option. The calendar's filters hold some hundred
    options and are on the most visited page; drawn option by option they cost more than the rest of it."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.forms.utils import flatatt
        from django.utils.html import escape
        from django.utils.safestring import mark_safe

        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(option_value)}"{" selected" if str(option_value) in chosen else ""}>'
            f"{escape(label)}</option>"
            for option_value, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")  # noqa: S308 - every part is escaped


class CalendarForm(forms.Form):
    """The calendar's filters: a GET form that works without JavaScript. Unknown values are ignored."""

    vanaf = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    wijk = forms.ModelChoiceField(
        label=_("Wijk"), queryset=None, required=False, to_field_name="slug", widget=QuickSelect
    )
    buurt = forms.ModelChoiceField(
        label=_("Buurt"), queryset=None, required=False, to_field_name="slug", widget=QuickSelect
    )
    centrum = forms.ModelChoiceField(
        label=_("Wijkcentrum"), queryset=None, required=False, to_field_name="slug", widget=QuickSelect
    )
    soort = forms.ModelChoiceField(
        label=_("Soort"), queryset=None, required=False, to_field_name="slug", widget=QuickSelect
    )
    leeftijd = forms.ChoiceField(label=_("Voor wie"), required=False, choices=age_choices, widget=QuickSelect)
    prijs = forms.ChoiceField(label=_("Prijs"), required=False, choices=PRICE_CHOICES, widget=QuickSelect)

    def __init__(self, *args, districts, neighbourhoods, centres, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = districts
        self.fields["wijk"].empty_label = _("alle wijken")
        self.fields["buurt"].queryset = neighbourhoods
        self.fields["buurt"].empty_label = _("alle buurten")
        self.fields["centrum"].queryset = centres
        self.fields["centrum"].empty_label = _("alle wijkcentra")
        self.fields["soort"].queryset = categories
        self.fields["soort"].empty_label = _("alle soorten")

    def start(self) -> dt.date:
        today = timezone.localdate()
        chosen = self.cleaned_data.get("vanaf") if self.is_valid() else None
        return chosen or today


class DeskRegistrationForm(forms.Form):
    """A professional signs up someone who phones or walks in (no account needed)."""

    name = forms.CharField(label=_("Naam"), max_length=120)
    phone = forms.CharField(
        label=_("Telefoon"),
        max_length=20,
        required=False,
        help_text=_("Zo kunt u iemand bellen als er iets verandert."),
    )
    birth_year = forms.IntegerField(
        label=_("Geboortejaar"),
        min_value=1900,
        max_value=2100,
        required=False,
        help_text=_("Mag leeg blijven. Alleen het jaar: zo tellen we het bereik per leeftijdsgroep."),
    )


class WalkInForm(forms.Form):
    """Someone at the door who did not sign up."""

    name = forms.CharField(label=_("Naam"), max_length=120)
    birth_year = forms.IntegerField(
        label=_("Geboortejaar"),
        min_value=1900,
        max_value=2100,
        required=False,
        help_text=_("Mag leeg blijven. Alleen het jaar: zo tellen we het bereik per leeftijdsgroep."),
    )


class HeadCountForm(forms.Form):
    """Turven: per age band, how many came for the first time and how many had been before."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for band, label in AgeBand.choices:
            self.fields[f"new_{band}"] = forms.IntegerField(
                label=_("%(band)s: nieuw") % {"band": label}, min_value=0, max_value=999, required=False
            )
            self.fields[f"returning_{band}"] = forms.IntegerField(
                label=_("%(band)s: vaker geweest") % {"band": label}, min_value=0, max_value=999, required=False
            )

    def rows(self):
        return [(label, self[f"new_{band}"], self[f"returning_{band}"]) for band, label in AgeBand.choices]

    def counts(self) -> dict[str, tuple[int, int]]:
        data = self.cleaned_data
        return {band: (data.get(f"new_{band}") or 0, data.get(f"returning_{band}") or 0) for band in AgeBand.values}


class BookingForm(forms.Form):
    """A room booked for a group of residents or an outside hirer (a session books from its own page)."""

    KINDS = [(k, label) for k, label in BookingKind.choices if k != BookingKind.SESSION]

    day = forms.DateField(label=_("Datum"), widget=DateInput())
    start_time = forms.TimeField(label=_("Van"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Tot"), widget=TimeInput())
    kind = forms.ChoiceField(label=_("Voor wie"), choices=KINDS, initial=BookingKind.RESIDENTS)
    holder = forms.CharField(
        label=_("Naam van de groep of huurder"),
        max_length=160,
        help_text=_("Bijvoorbeeld: Buurtvereniging De Linde, of Yogaschool Amstel."),
    )
    attendees = forms.IntegerField(label=_("Aantal personen"), min_value=1, max_value=999)
    note = forms.CharField(label=_("Opmerking"), max_length=200, required=False)

    def service_kwargs(self) -> dict:
        from .recurrence import local_datetime

        data = self.cleaned_data
        return {
            "starts_at": local_datetime(data["day"], data["start_time"]),
            "ends_at": local_datetime(data["day"], data["end_time"]),
            "kind": data["kind"],
            "holder": data["holder"],
            "attendees": data["attendees"],
            "note": data["note"],
        }


class SessionRoomForm(forms.Form):
    """A session books one of its centre's rooms for its own time."""

    room = forms.ModelChoiceField(label=_("Zaal"), queryset=None, empty_label=None)

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms
        self.fields["room"].label_from_instance = lambda r: (
            _("%(name)s (%(n)s personen)")
            % {
                "name": r.name,
                "n": r.capacity,
            }
        )


class OccupancyForm(forms.Form):
    """The period occupancy is shown for: a week or a month from a date."""

    PERIODS = [("week", _("week")), ("maand", _("maand"))]

    periode = forms.ChoiceField(label=_("Periode"), choices=PERIODS, required=False)
    vanaf = forms.DateField(label=_("Vanaf"), widget=DateInput(), required=False)
