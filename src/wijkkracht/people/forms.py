from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wijkkracht.places.models import Neighbourhood
from wijkkracht.validators import normalise_phone

from .models import Channel, ContactPreference, Person
from .services import DESK_FIELDS, OWN_FIELDS


def neighbourhood_choices(municipality=None) -> list:
    """[("", "—"), (district name, [(id, neighbourhood name), ...]), ...] for a select with <optgroup>s."""
    rows = Neighbourhood.objects.order_by("district__name", "name")
    if municipality is not None:
        rows = rows.filter(district__municipality=municipality)
    groups: dict[str, list] = {}
    for pk, name, district_name in rows.values_list("pk", "name", "district__name"):  # no model instances
        groups.setdefault(district_name, []).append((str(pk), name))
    return [("", _("Kies uw buurt"))] + list(groups.items())


class QuickSelect(forms.Select):
    """Django's Select with the same markup, but its options written here instead of one template render per
    option: the neighbourhood list has ~50 options in ~15 groups, and rendering them through templates was the
    costliest part of "Mijn gegevens" and the desk form (~2 ms of ~20)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                format_html('<option value="{}"{}>{}</option>', o["value"], flatatt(o["attrs"]), o["label"])
                for o in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped by format_html


class ProfileForm(forms.ModelForm):
    birth_year = forms.IntegerField(
        label=_("Geboortejaar"),
        required=False,
        help_text=_("Alleen het jaar, bijvoorbeeld 1975. Zo weten we de leeftijdsgroep."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year", "size": 4}),
        error_messages={"invalid": _("Vul een jaartal in met 4 cijfers, bijvoorbeeld 1975.")},
    )
    neighbourhood = forms.ChoiceField(
        label=_("Buurt"), required=False, help_text=_("De buurt waar u woont."), widget=QuickSelect
    )

    class Meta:
        model = Person
        fields = OWN_FIELDS
        labels = {
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "languages": _("Talen"),
            "contact_preference": _("Hoe wilt u dat wij contact opnemen?"),
            "phone": _("Telefoonnummer"),
            "consent_contact": _("Wijkkracht mag contact met mij opnemen"),
        }
        help_texts = {
            "last_name": _("Niet verplicht."),
            "languages": _("Welke talen spreekt u? Zet een komma tussen de talen, bijvoorbeeld: Nederlands, Turks."),
            "phone": _("Niet verplicht. Bijvoorbeeld 06 12345678."),
            "consent_contact": _("U kunt dit altijd weer uitzetten."),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "languages": forms.TextInput(attrs={"autocomplete": "off"}),
            "contact_preference": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
        }
        error_messages = {"first_name": {"required": _("Vul uw voornaam in.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].choices = neighbourhood_choices()
        if self.instance.neighbourhood_id:
            self.initial["neighbourhood"] = str(self.instance.neighbourhood_id)

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not 1900 <= year <= this_year:
            raise forms.ValidationError(
                _("Vul een geboortejaar in tussen 1900 en %(year)s.") % {"year": this_year}, code="range"
            )
        return year

    def clean_neighbourhood(self):
        value = self.cleaned_data.get("neighbourhood")
        if not value:
            return None
        return Neighbourhood.objects.filter(pk=value).first()  # the choices already checked that it exists

    def clean_phone(self):
        # Only the spelling is tidied here; the rule is the model's validator (wijkkracht.validators).
        return normalise_phone(self.cleaned_data.get("phone", ""))

    def clean_languages(self):
        parts = [p.strip() for p in self.cleaned_data.get("languages", "").split(",") if p.strip()]
        return ", ".join(parts)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_preference") == "phone" and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("U wilt contact via de telefoon. Vul dan ook uw telefoonnummer in."))
        return cleaned


class DeskRegistrationForm(ProfileForm):
    """A professional registers a resident at the desk or by phone: the same fields as Mijn gegevens, said
    about the resident, plus how they were registered."""

    class Meta(ProfileForm.Meta):
        fields = DESK_FIELDS
        labels = {
            **ProfileForm.Meta.labels,
            "contact_preference": _("Hoe wil de bewoner dat wij contact opnemen?"),
            "consent_contact": _("De bewoner geeft toestemming dat wij contact opnemen"),
            "channel": _("Hoe schrijft u de bewoner in?"),
        }
        help_texts = {
            **ProfileForm.Meta.help_texts,
            "languages": _("Welke talen spreekt de bewoner? Zet een komma tussen de talen."),
            "consent_contact": _("Vraag het hardop en vink het alleen aan als de bewoner ja zegt."),
        }
        widgets = {**ProfileForm.Meta.widgets, "channel": forms.RadioSelect}
        error_messages = {"first_name": {"required": _("Vul de voornaam van de bewoner in.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [c for c in Channel.choices if c[0] != Channel.ONLINE]
        self.fields["neighbourhood"].required = True
        self.fields["neighbourhood"].choices = [("", _("Kies de buurt"))] + self.fields["neighbourhood"].choices[1:]
        self.fields["neighbourhood"].help_text = _("De buurt waar de bewoner woont.")
        self.fields["neighbourhood"].error_messages["required"] = _("Kies de buurt van de bewoner.")
        self.fields["birth_year"].help_text = _("Alleen het jaar, bijvoorbeeld 1948.")
        for name in ("first_name", "last_name", "phone"):
            self.fields[name].widget.attrs["autocomplete"] = "off"  # the professional's browser, not theirs
        if not self.is_bound:
            self.initial.setdefault("contact_preference", ContactPreference.PHONE)
            self.initial.setdefault("channel", Channel.DESK)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_preference") == ContactPreference.EMAIL:
            self.add_error(
                "contact_preference",
                _("Zonder account kunnen wij de bewoner niet mailen. Kies telefoon, post of langskomen."),
            )
        return cleaned


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de bewoner"),
        max_length=254,
        help_text=_("De bewoner krijgt een e-mail met een link. Met die link kiest de bewoner zelf een wachtwoord."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Vul het e-mailadres in."),
            "invalid": _("Dit is geen goed e-mailadres. Een e-mailadres ziet er zo uit: naam@voorbeeld.nl"),
        },
    )
