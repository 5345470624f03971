from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username or password. Note that both are case-sensitive."),
        "inactive": _("This account is disabled."),
    }


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        validators=[
            RegexValidator(r"^\+?[0-9 .]{8,15}$", _("Enter a phone number of 8 to 15 digits."))
        ],
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
