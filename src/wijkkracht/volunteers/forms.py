"""Forms of the volunteers app: they parse and present errors; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.places.models import CommunityCentre, District

from .constants import MAX_HOURS_PER_WEEK, SLOTS, WEEKDAYS, CertificateKind, DayPart, TagKind, VacancyPlace
from .models import StopReason, Tag

SLOT_CHOICES = [
    (f"{day}_{part}", f"{day_label} {part_label}")
    for day, day_label in WEEKDAYS
    for part, part_label in DayPart.choices
]


class ProfileForm(forms.Form):
    """The volunteer's profile (own page, sign-up and the professional's edit page)."""

    centres = forms.ModelMultipleChoiceField(
        label=_("Bij welke wijkcentra wilt u horen?"),
        queryset=CommunityCentre.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Een beroepskracht van dat wijkcentrum begeleidt u."),
    )
    work_districts = forms.ModelMultipleChoiceField(
        label=_("In welke wijken wilt u helpen?"),
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Wat kunt u goed?"),
        queryset=Tag.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("Wat vindt u leuk?"),
        queryset=Tag.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.MultipleChoiceField(
        label=_("Wanneer kunt u meestal?"),
        choices=SLOT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kruis de dagdelen aan waarop u meestal kunt."),
    )
    languages = forms.CharField(
        label=_("Talen"), max_length=120, required=False, help_text=_("Bijvoorbeeld: Nederlands, Engels.")
    )
    max_hours_per_week = forms.IntegerField(
        label=_("Hoeveel uur per week wilt u hoogstens helpen?"), min_value=1, max_value=MAX_HOURS_PER_WEEK, initial=4
    )
    motivation = forms.CharField(
        label=_("Waarom wilt u vrijwilliger worden?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, districts_field: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centres"].queryset = CommunityCentre.objects.order_by("name")
        self.fields["work_districts"].queryset = District.objects.order_by("name")
        self.fields["skills"].queryset = Tag.objects.filter(kind=TagKind.SKILL, active=True)
        self.fields["interests"].queryset = Tag.objects.filter(kind=TagKind.INTEREST, active=True)
        if districts_field:
            self.fields["districts"] = forms.ModelMultipleChoiceField(
                label=_("Hoort bij de wijken"),
                queryset=District.objects.order_by("name"),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("De beroepskrachten van deze wijken begeleiden de vrijwilliger."),
            )
            self.order_fields(["centres", "districts"])

    def clean_availability(self):
        return [slot for slot in SLOTS if slot in self.cleaned_data["availability"]]


class PauseForm(forms.Form):
    until = forms.DateField(
        label=_("Pauze tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Daarna bent u vanzelf weer actief."),
    )


class StopForm(forms.Form):
    reason = forms.ModelChoiceField(label=_("Waarom stopt u?"), queryset=StopReason.objects.none(), empty_label=None)
    note = forms.CharField(
        label=_("Toelichting (mag leeg blijven)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = StopReason.objects.filter(active=True)


class ExceptionForm(forms.Form):
    starts_on = forms.DateField(label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    ends_on = forms.DateField(label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label=_("Opmerking (mag leeg blijven)"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "afwezig")
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].initial = timezone.localdate()


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Naam"), required=False, max_length=80)
    status = forms.ChoiceField(label=_("Status"), required=False)
    centre = forms.ModelChoiceField(label=_("Wijkcentrum"), queryset=CommunityCentre.objects.none(), required=False)

    def __init__(self, *args, centres, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("alle"))] + list(statuses)
        self.fields["centre"].queryset = centres
        self.fields["centre"].empty_label = _("alle")


class VacancyForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"), max_length=120, help_text=_("Bijvoorbeeld: gastvrouw bij de koffieochtend.")
    )
    description = forms.CharField(label=_("Wat ga je doen?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    place = forms.ChoiceField(label=_("Waar"), choices=VacancyPlace.choices)
    centre = forms.ModelChoiceField(label=_("Wijkcentrum"), queryset=CommunityCentre.objects.none(), required=False)
    district = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=District.objects.none(),
        required=False,
        help_text=_("Alleen nodig zonder wijkcentrum."),
    )
    activity_name = forms.CharField(label=_("Activiteit"), max_length=120, required=False)
    skills = forms.ModelMultipleChoiceField(
        label=_("Gevraagde vaardigheden"),
        queryset=Tag.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    requirements = forms.CharField(label=_("Wat vragen we nog meer?"), max_length=300, required=False)
    vog_required = forms.BooleanField(label=_("Een VOG is nodig"), required=False)
    slots = forms.MultipleChoiceField(
        label=_("Wanneer"), choices=SLOT_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    hours_per_week = forms.IntegerField(label=_("Uren per week"), min_value=1, max_value=MAX_HOURS_PER_WEEK, initial=2)
    places = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, max_value=500, initial=1)

    def __init__(self, *args, centres, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["district"].queryset = districts
        self.fields["skills"].queryset = Tag.objects.filter(kind=TagKind.SKILL, active=True)

    def clean(self):
        data = super().clean()
        if not data.get("centre") and not data.get("district"):
            self.add_error("centre", _("Kies een wijkcentrum of een wijk."))
        return data


class BoardFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek"), required=False, max_length=80)
    district = forms.ModelChoiceField(label=_("Wijk"), queryset=District.objects.none(), required=False)
    skill = forms.ModelChoiceField(label=_("Vaardigheid"), queryset=Tag.objects.none(), required=False)
    day_part = forms.ChoiceField(label=_("Dagdeel"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.order_by("name")
        self.fields["district"].empty_label = _("alle wijken")
        self.fields["skill"].queryset = Tag.objects.filter(kind=TagKind.SKILL, active=True)
        self.fields["skill"].empty_label = _("alle vaardigheden")
        self.fields["day_part"].choices = [("", _("alle dagdelen")), *DayPart.choices]


class ApplyForm(forms.Form):
    """Reacting to a vacancy; without an account a name and a phone number or e-mail address are enough."""

    name = forms.CharField(label=_("Uw naam"), max_length=120)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    message = forms.CharField(
        label=_("Wilt u iets vertellen? (mag leeg blijven)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            for name in ("name", "phone", "email"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if "name" in self.fields and not data.get("phone") and not data.get("email") and not self.errors:
            raise forms.ValidationError(
                _("Geef een telefoonnummer of e-mailadres, zodat we u kunnen bellen of mailen.")
            )
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class CertificateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=CertificateKind.choices)
    issued_on = forms.DateField(
        label=_("Datum van afgifte"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    name = forms.CharField(label=_("Naam van de training"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "certificaat")
        super().__init__(*args, **kwargs)


class HoursForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hours = forms.DecimalField(
        label=_("Uren"),
        min_value=0.25,
        max_value=24,
        decimal_places=2,
        localize=True,
        help_text=_("Bijvoorbeeld 2 of 1,5."),
    )
    centre = forms.ModelChoiceField(label=_("Wijkcentrum"), queryset=CommunityCentre.objects.none(), required=False)
    description = forms.CharField(label=_("Wat hebt u gedaan?"), max_length=200)

    def __init__(self, *args, centres=None, **kwargs):
        kwargs.setdefault("prefix", "uren")
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        if centres is None or len(centres) <= 1:
            del self.fields["centre"]  # one centre (or none): the service knows where
        else:
            self.fields["centre"].queryset = CommunityCentre.objects.filter(pk__in=[c.pk for c in centres])


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def period(self):
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("start") or today.replace(month=1, day=1)
        end = data.get("end") or today
        return (start, end) if start <= end else (end, start)


class ConsentForm(forms.Form):
    guardian_name = forms.CharField(label=_("Naam van de ouder of voogd"), max_length=120)
    given_on = forms.DateField(
        label=_("Datum van de toestemming"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "toestemming")
        super().__init__(*args, **kwargs)


class MessagesForm(forms.Form):
    opt_out = forms.BooleanField(
        label=_("Ik wil geen berichten die naar een hele groep vrijwilligers gaan"), required=False
    )


class ShiftPlanForm(forms.Form):
    """Plan shifts: at a session of an activity, or a slot of its own at a centre (repeated weekly)."""

    session = forms.ModelChoiceField(
        label=_("Bij een bijeenkomst van een activiteit"),
        queryset=CommunityCentre.objects.none(),
        required=False,
        help_text=_("Kies een bijeenkomst, of vul hieronder zelf wat, waar en wanneer in."),
    )
    title = forms.CharField(label=_("Wat"), max_length=120, required=False, help_text=_("Bijvoorbeeld: bar."))
    centre = forms.ModelChoiceField(label=_("Wijkcentrum"), queryset=CommunityCentre.objects.none(), required=False)
    date = forms.DateField(
        label=_("Datum"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start = forms.TimeField(label=_("Van"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Tot"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    weeks = forms.IntegerField(
        label=_("Hoeveel weken"),
        min_value=1,
        max_value=26,
        initial=1,
        help_text=_("Elke week op dezelfde dag en tijd (een vaste dienst)."),
    )
    places = forms.IntegerField(label=_("Hoeveel vrijwilligers"), min_value=1, max_value=20, initial=1)

    def __init__(self, *args, sessions, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = lambda s: (
            f"{s.activity.title} – {timezone.localtime(s.starts_at):%d-%m-%Y %H:%M}"
        )
        self.fields["centre"].queryset = centres

    def clean(self):
        data = super().clean()
        if data.get("session") is None:
            missing = [name for name in ("title", "centre", "date", "start", "end") if not data.get(name)]
            for name in missing:
                self.add_error(name, _("Vul dit in, of kies een bijeenkomst."))
        return data

    def plan_kwargs(self) -> dict:
        data = self.cleaned_data
        if data.get("session") is not None:
            return {"session": data["session"], "title": data.get("title") or "", "places": data["places"]}
        tz = timezone.get_current_timezone()
        import datetime

        return {
            "title": data["title"],
            "centre": data["centre"],
            "starts_at": datetime.datetime.combine(data["date"], data["start"], tzinfo=tz),
            "ends_at": datetime.datetime.combine(data["date"], data["end"], tzinfo=tz),
            "places": data["places"],
            "weeks": data["weeks"],
        }


class AssignForm(forms.Form):
    volunteer = forms.ModelChoiceField(label=_("Vrijwilliger"), queryset=CommunityCentre.objects.none())

    def __init__(self, *args, volunteers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = volunteers


class StandInForm(forms.Form):
    note = forms.CharField(label=_("Toelichting (mag leeg)"), max_length=200, required=False)


class MessageForm(forms.Form):
    """A message to a group: all volunteers of a vacancy, an activity or a district."""

    audience = forms.ChoiceField(label=_("Aan"), choices=())
    vacancy = forms.ModelChoiceField(label=_("Vacature"), queryset=CommunityCentre.objects.none(), required=False)
    activity = forms.ModelChoiceField(label=_("Activiteit"), queryset=CommunityCentre.objects.none(), required=False)
    district = forms.ModelChoiceField(label=_("Wijk"), queryset=District.objects.none(), required=False)
    subject = forms.CharField(label=_("Onderwerp"), max_length=150)
    body = forms.CharField(label=_("Bericht"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, vacancies, activities, districts, **kwargs):
        from .constants import Audience

        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = Audience.choices
        self.fields["vacancy"].queryset = vacancies
        self.fields["activity"].queryset = activities
        self.fields["district"].queryset = districts

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        if audience and not data.get(audience):
            self.add_error(audience, _("Kies aan welke groep het bericht gaat."))
        return data


class YearForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100, required=False)
