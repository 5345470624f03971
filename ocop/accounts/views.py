from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from ocop.accounts.choices import Role
from ocop.accounts.forms import LoginForm, ProfileForm
from ocop.accounts.http import AuthenticatedRequest
from ocop.accounts.selectors import user_list
from ocop.accounts.services import user_update_profile


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            user_update_profile(user=user, actor=user, **form.cleaned_data)
            messages.success(request, _("Your profile was saved."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(
            initial={"full_name": user.full_name, "phone": user.phone, "email": user.email}
        )
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def users(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_role(Role.PROVINCE_OFFICE, Role.NATIONAL_OFFICE):
        raise PermissionDenied
    rows = user_list(user=request.user).order_by("username")
    return render(request, "accounts/user_list.html", {"users": rows})
