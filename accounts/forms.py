from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.http import client_ip
from core.mail import queue
from core.text import without_bidi_controls
from imaging.forms import HELP_TEXT, RenditionsMixin, SafeImageField

from . import devices, tasks, throttle, two_factor
from .models import Author, AuthorApplication, User


def readable_name(name: str) -> str:
    """A display name as readers will see it: trimmed, no direction tricks."""
    name = without_bidi_controls(name).strip()
    if not name:
        raise ValidationError(_("Enter the name readers will see."))
    return name


class AuthorRegistrationForm(auth_forms.UserCreationForm):
    """Username, email, display name and password twice.

    The email is a plain form field, not the model's: whether an address is
    taken must not show here (the service writes to its owner instead).
    """

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send a link to this address to confirm it is yours."),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=Author._meta.get_field("display_name").max_length,
        help_text=_("Shown with your articles, once you publish."),
    )

    class Meta(auth_forms.UserCreationForm.Meta):
        model = User
        fields = ["username"]

    field_order = ["username", "email", "display_name", "password1", "password2"]

    def clean_display_name(self):
        return readable_name(self.cleaned_data["display_name"])

    def clean(self):
        cleaned_data = super().clean()
        # The password must not resemble the address either.
        self.instance.email = cleaned_data.get("email", "")
        return cleaned_data


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)


class ThrottledLoginMixin:
    """Count each attempt against the username (or this browser's device
    cookie for it) and the address before looking at the password, and
    refuse past the limit (accounts/throttle.py); a right password gives
    the count back."""

    throttled_message = _("Too many failed sign-ins; try again in %(minutes)s minutes.")

    def clean(self):
        username = self.cleaned_data.get("username")
        if not (username and self.cleaned_data.get("password")):
            return super().clean()
        attempt = throttle.begin(
            username=username,
            ip=client_ip(self.request) if self.request else None,
            device=devices.nonce_for_username(self.request, username),
        )
        if attempt is None:
            raise throttled_error()
        try:
            cleaned_data = super().clean()
        except ValidationError as error:
            if getattr(error, "code", None) != "invalid_login":
                attempt.refused_otherwise()
            raise
        attempt.succeeded()
        return cleaned_data


def throttled_error() -> ValidationError:
    return ValidationError(
        ThrottledLoginMixin.throttled_message,
        code="throttled",
        params={"minutes": throttle.lockout_minutes()},
    )


class ThrottledAuthenticationForm(ThrottledLoginMixin, auth_forms.AuthenticationForm):
    """Django's sign-in form, throttled."""


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The admin's sign-in form, throttled the same way."""


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, its email sent by a task after the request.

    The task gets the user's id only: the link, whose token opens the
    account, is made when the email is sent (accounts/emails.py), so it is
    never stored in the task table.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        queue(tasks.send_password_reset_email, context["user"].pk)

    def get_users(self, email):
        """Active accounts of this address, those without a password too:
        authors moved in from another site set their first one here."""
        users = User.objects.filter(email__iexact=email, is_active=True)
        return (u for u in users if u.email.casefold() == email.casefold())


class EmailChangeForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_email = forms.EmailField(
        label=_("New email address"),
        max_length=254,
        help_text=_(
            "We send a link to this address; your current address stays until "
            "you open it."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This is not your password."), code="password")
        return password

    def clean_new_email(self):
        new_email = self.cleaned_data["new_email"].strip()
        if new_email.lower() == self.user.email.lower():
            raise ValidationError(_("This is already your address."), code="same")
        return new_email


class AuthorApplicationForm(forms.ModelForm):
    class Meta:
        model = AuthorApplication
        fields = ["bio", "topics", "sample_url"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "topics": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "bio": _("A short bio"),
            "topics": _("What you want to write about"),
            "sample_url": _("A link to earlier work (optional)"),
        }
        help_texts = {
            "bio": _("Who you are and what you know; at most 2,000 characters."),
            "topics": _("A few subjects or article ideas; at most 1,000 characters."),
            "sample_url": _("An article, blog or portfolio: an http or https link."),
        }


class ProfileForm(RenditionsMixin, forms.ModelForm):
    """What an author shows readers: name, bio, avatar, website."""

    avatar = SafeImageField(
        label=_("Avatar"),
        required=False,
        square=True,
        help_text=format_lazy("{} {}", HELP_TEXT, _("Cropped to a centred square.")),
    )

    class Meta:
        model = Author
        fields = ["display_name", "bio", "avatar", "website"]
        help_texts = {
            "bio": _(
                "Plain text, at most 2,000 characters; blank lines make paragraphs."
            ),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}

    def clean_display_name(self):
        return readable_name(self.cleaned_data["display_name"])

    def clean_website(self):
        website = self.cleaned_data["website"]
        if website and not website.lower().startswith(("http://", "https://")):
            raise ValidationError(_("Enter a web address starting with http or https."))
        return website


class AuthorAdminForm(ProfileForm):
    class Meta(ProfileForm.Meta):
        fields = ["user", "display_name", "slug", "bio", "avatar", "website"]


class SecondFactorForm(forms.Form):
    """The code from the authenticator app, or a recovery code; throttled."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6 digits your authenticator app shows, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def __init__(self, *args, user, request, **kwargs):
        self.user = user
        self.request = request
        self.device = None
        super().__init__(*args, **kwargs)

    def clean_code(self):
        attempt = throttle.begin(
            username=two_factor.throttle_name(self.user),
            ip=client_ip(self.request),
            device=devices.nonce_for(self.request, self.user),
        )
        if attempt is None:
            raise throttled_error()
        code = self.cleaned_data["code"]
        self.device = two_factor.check_code(user=self.user, code=code)
        if self.device is None:
            raise ValidationError(_("This code is not right."), code="wrong_code")
        attempt.succeeded()
        return code


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not self.device.verify_token(code):
            raise ValidationError(
                _("This code is not right: check the app's clock and try again."),
                code="wrong_code",
            )
        return code


class TwoFactorOffForm(SecondFactorForm):
    """Turning it off takes the password and a code."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    field_order = ["password", "code"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This is not your password."), code="password")
        return password
