from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": _("Het e-mailadres of het wachtwoord klopt niet. Let op hoofdletters in het wachtwoord."),
        "inactive": _("Dit account is niet actief."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class PasswordResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mailadres"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # The e-mail speaks the account holder's language, not the language of whoever asked for it.
        with translation.override(getattr(context.get("user"), "preferred_language", None) or settings.LANGUAGE_CODE):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code van 6 cijfers"),
        max_length=20,
        help_text=_("Open de app op uw telefoon en typ de code die u nu ziet."),
        error_messages={
            "required": _("Vul de code in."),
            "max_length": _("De code heeft 6 cijfers."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(_("De code heeft 6 cijfers."), code="digits")
        return token


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Herstelcode"),
        max_length=40,
        help_text=_(
            "Een van de herstelcodes die u kreeg toen u inloggen in twee stappen instelde. Elke code werkt één keer."
        ),
        error_messages={"required": _("Vul een herstelcode in."), "max_length": _("Deze herstelcode is te lang.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        ),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False, max_length=2000)


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Wij sturen een e-mail naar dit adres. Zo weten we dat het van u is."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Dit is geen goed e-mailadres. Een e-mailadres ziet er zo uit: naam@voorbeeld.nl"),
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class SignupCompleteForm(SetPasswordForm):
    """Last step of sign-up (or of claiming an invited account): a first name and a password, twice."""

    first_name = forms.CharField(
        label=_("Uw voornaam"),
        max_length=80,
        help_text=_("Zo spreken wij u aan."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Vul uw voornaam in.")},
    )
    field_order = ["first_name", "new_password1", "new_password2"]
    error_messages = {"password_mismatch": _("De twee wachtwoorden zijn niet hetzelfde. Typ ze nog een keer.")}

    def __init__(self, user, *args, ask_name: bool = True, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = _("Kies een wachtwoord")
        self.fields["new_password1"].help_text = _("Minstens 10 tekens. Een zin van een paar woorden is goed.")
        self.fields["new_password2"].label = _("Typ het wachtwoord nog een keer")
        self.fields["new_password2"].help_text = ""
        for name in ("new_password1", "new_password2"):
            self.fields[name].error_messages["required"] = _("Vul een wachtwoord in.")
        if not ask_name:
            del self.fields["first_name"]
