from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}))
    password = forms.CharField(label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    error_messages = {
        "invalid_login": _("Het e-mailadres of het wachtwoord klopt niet. Let op hoofdletters."),
        "inactive": _("Dit account is niet actief."),
    }


class PasswordResetRequestForm(PasswordResetForm):
    email = forms.EmailField(label=_("E-mailadres"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
