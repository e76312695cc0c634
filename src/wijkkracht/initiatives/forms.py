"""Forms of the initiatives app: they parse and present errors; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Category, Need


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Naam van uw initiatief"), max_length=160)
    category = forms.ChoiceField(label=_("Soort"), choices=Category.choices)
    description = forms.CharField(
        label=_("Wat gaat u doen?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    audience = forms.CharField(
        label=_("Voor wie?"), max_length=200, help_text=_("Bijvoorbeeld: ouders met jonge kinderen.")
    )
    location = forms.CharField(label=_("Waar?"), max_length=200, required=False)
    when = forms.CharField(
        label=_("Wanneer?"), max_length=200, required=False, help_text=_("Bijvoorbeeld: elke woensdag.")
    )
    needs = forms.MultipleChoiceField(
        label=_("Wat hebt u nodig?"), choices=Need.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    amount_requested = forms.DecimalField(
        label=_("Hoeveel geld vraagt u? (euro)"), min_value=0, max_digits=10, decimal_places=2, initial=0, localize=True
    )
    is_public = forms.BooleanField(
        label=_("Laat buurtbewoners mijn initiatief zien en steunen"), required=False, initial=True
    )


class OnBehalfForm(InitiativeForm):
    initiator_email = forms.EmailField(
        label=_("E-mailadres van de bewoner"), help_text=_("U dient het initiatief in namens deze bewoner.")
    )
    district = forms.ModelChoiceField(label=_("Wijk"), queryset=None, empty_label=None)

    field_order = ["initiator_email", "district"]

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.order_fields(["initiator_email", "district", *InitiativeForm.base_fields])


class GrantForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Bedrag (euro)"), min_value=0.01, max_digits=10, decimal_places=2, localize=True
    )


class ReceiptForm(forms.Form):
    file = forms.FileField(label=_("Bonnetje"), help_text=_("Een PDF, JPG of PNG van hoogstens 5 MB."))
    amount = forms.DecimalField(
        label=_("Bedrag (euro)"), min_value=0.01, max_digits=10, decimal_places=2, localize=True
    )
    description = forms.CharField(label=_("Waarvoor?"), max_length=200)
