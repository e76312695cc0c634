"""Forms for centre management. They validate and show errors; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.validators import normalise_phone, normalise_postcode, opening_hours_errors

from .models import CommunityCentre, OpeningHours, Room

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CentreForm(forms.ModelForm):
    class Meta:
        model = CommunityCentre
        fields = ["profile", "focus", "street", "postcode", "city", "phone", "email"]
        widgets = {"profile": forms.Textarea(attrs={"rows": 5}), "phone": forms.TextInput(attrs={"type": "tel"})}

    # Only the spelling is tidied here; the rules are the model's validators (wijkkracht.validators).
    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])


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
        # A name used by another room of the centre (in any case) is refused by the database constraint,
        # through the service's full_clean(); the view shows that error on this field.
        return self.cleaned_data["name"].strip()


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
        if None not in (data.get("weekday"), data.get("opens"), data.get("closes")):
            for error in opening_hours_errors([(data["weekday"], data["opens"], data["closes"])]).values():
                self.add_error("closes", error)
        return data


class BaseOpeningHoursFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        # The one opening-hours rule (wijkkracht.validators), shown on the row that breaks it.
        kept = list(self._kept_forms())
        rows = [(f.cleaned_data["weekday"], f.cleaned_data["opens"], f.cleaned_data["closes"]) for f in kept]
        for index, error in opening_hours_errors(rows).items():
            kept[index].add_error("opens", error)

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
