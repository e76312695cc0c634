"""Forms for centre management. They validate and show errors; services do the writing."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CommunityCentre, OpeningHours, Room

POSTCODE = re.compile(r"(\d{4})\s*([A-Z]{2})")
PHONE = re.compile(r"\+?[0-9][0-9 ()-]{7,18}")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CentreForm(forms.ModelForm):
    class Meta:
        model = CommunityCentre
        fields = ["profile", "focus", "street", "postcode", "city", "phone", "email"]
        widgets = {"profile": forms.Textarea(attrs={"rows": 5}), "phone": forms.TextInput(attrs={"type": "tel"})}

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip().upper()
        if not value:
            return ""
        match = POSTCODE.fullmatch(value)
        if not match:
            raise forms.ValidationError(_("Vul een postcode in zoals 1181 AA."), code="postcode")
        return f"{match.group(1)} {match.group(2)}"

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        if value and not PHONE.fullmatch(value):
            raise forms.ValidationError(_("Vul een telefoonnummer in, bijvoorbeeld 020 123 45 67."), code="phone")
        return value


class RoomForm(forms.ModelForm):
    capacity = forms.IntegerField(
        label=_("aantal personen"), min_value=1, max_value=10_000, help_text=_("Hoeveel mensen passen er in deze zaal?")
    )

    class Meta:
        model = Room
        fields = ["name", "capacity", "wheelchair_accessible", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, centre: CommunityCentre, **kwargs):
        self.centre = centre
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Room.objects.filter(centre=self.centre, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Dit wijkcentrum heeft al een zaal met deze naam."), code="duplicate")
        return name


class OpeningHoursForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Dag"),
        choices=[("", "—"), *OpeningHours.Weekday.choices],
        coerce=int,
        empty_value=None,
    )
    opens = forms.TimeField(label=_("Open vanaf"), widget=TIME_WIDGET, help_text=_("Bijvoorbeeld 09:00"))
    closes = forms.TimeField(label=_("Open tot"), widget=TIME_WIDGET, help_text=_("Bijvoorbeeld 17:00"))

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if opens and closes and closes <= opens:
            self.add_error(
                "closes",
                forms.ValidationError(
                    _("De sluittijd moet later zijn dan de openingstijd."), code="closes_before_opens"
                ),
            )
        return data


class BaseOpeningHoursFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        by_day: dict[int, list[tuple]] = {}
        for form in self._kept_forms():
            data = form.cleaned_data
            for opens, closes in by_day.get(data["weekday"], []):
                if data["opens"] < closes and opens < data["closes"]:
                    form.add_error(
                        "opens",
                        forms.ValidationError(
                            _("Deze tijd valt samen met een andere openingstijd op dezelfde dag."), code="overlap"
                        ),
                    )
                    break
            else:
                by_day.setdefault(data["weekday"], []).append((data["opens"], data["closes"]))

    def _kept_forms(self):
        """Existing rows and filled-in new rows, without those marked for removal."""
        for index, form in enumerate(self.forms):
            if (index < self.initial_form_count() or form.has_changed()) and not self._should_delete_form(form):
                yield form

    def hours(self) -> list[tuple[int, object, object]]:
        """(weekday, opens, closes) of every kept row."""
        return sorted(
            (f.cleaned_data["weekday"], f.cleaned_data["opens"], f.cleaned_data["closes"]) for f in self._kept_forms()
        )


OpeningHoursFormSet = forms.formset_factory(
    OpeningHoursForm,
    formset=BaseOpeningHoursFormSet,
    extra=3,
    can_delete=True,
    max_num=42,
    validate_max=True,
)
