from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import PasswordResetRequestForm
from .two_factor import second_factor_exempt

app_name = "accounts"

urlpatterns = [
    path("inloggen/", second_factor_exempt(views.LoginView.as_view()), name="login"),
    path("aanmelden/", views.signup, name="signup"),
    path("aanmelden/verstuurd/", views.signup_sent, name="signup_sent"),
    path("bevestigen/<str:token>/", views.signup_confirm, name="signup_confirm"),
    path("uitloggen/", second_factor_exempt(auth_views.LogoutView.as_view()), name="logout"),  # POST only
    path("twee-stappen/", views.otp_verify, name="otp_verify"),
    path("twee-stappen/herstelcode/", views.otp_recovery, name="otp_recovery"),
    path("twee-stappen/instellen/", views.otp_setup, name="otp_setup"),
    path("twee-stappen/koppelen/<str:token>/", views.otp_enrol, name="otp_enrol"),
    path("beveiliging/", views.security, name="security"),
    path("beveiliging/herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("beveiliging/uitzetten/", views.otp_disable, name="otp_disable"),
    path("taal/", views.language, name="language"),
    path(
        "wachtwoord-vergeten/",
        views.PasswordResetView.as_view(
            form_class=PasswordResetRequestForm,
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
