from django.contrib.auth import views as auth_views
from django.http import HttpResponse


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def otp_verify(request):  # completed in the accounts work package
    return HttpResponse("")


def otp_setup(request):
    return HttpResponse("")
