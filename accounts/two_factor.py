"""Two-factor sign-in: an authenticator app (TOTP) and ten recovery codes.

Staff must use it: the admin opens only to a session that passed the second
step (config/admin.py). Anyone else may turn it on from their account page.
The devices are django-otp's: one TOTP device for the app and one static
device holding the recovery codes, each deleted once used.

With it on, the password alone signs nobody in: the sign-in is kept pending
in the session (for a few minutes) and `login()` happens only after the code.
Wrong codes are counted by the sign-in throttle (accounts/throttle.py) under
a name of their own, so that a right password does not forget them.
"""

import time
from base64 import b32encode, b64encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib.auth import login
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

RECOVERY_CODES = 10
PENDING_SESSION_KEY = "two_factor_pending"
PENDING_SECONDS = 5 * 60
NEW_CODES_SESSION_KEY = "two_factor_new_codes"


def is_on(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required(user) -> bool:
    """Staff (editors, moderators with admin access, administrators) need it."""
    return user.is_staff


def redirect_to_second_step(user, *, next_url: str):
    """To the code if the user has an app, else to setting one up."""
    step = "accounts:two_factor_verify" if is_on(user) else "accounts:two_factor_setup"
    return redirect(f"{reverse(step)}?{urlencode({'next': next_url})}")


def unconfirmed_device(*, user) -> TOTPDevice:
    """The app being set up: one secret, kept until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def secret(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in (base32)."""
    return b32encode(device.bin_key).decode()


def qr_code(device: TOTPDevice) -> str:
    """The otpauth:// link as a QR code, a data: URL (the CSP allows those)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage
    )
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode()


@transaction.atomic
def confirm_device(*, device: TOTPDevice) -> list[str]:
    """Turn the app on (its code was right); return new recovery codes.

    Every other session of the account ends, as with a new password: one
    signed in by someone who knew the password alone is signed out. The
    caller keeps its own with `update_session_auth_hash()`.
    """
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    user.end_sessions()
    user.save(update_fields=["session_generation"])
    return new_recovery_codes(user=user)


@transaction.atomic
def new_recovery_codes(*, user) -> list[str]:
    """Ten fresh single-use codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def turn_off(*, user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def throttle_name(user) -> str:
    """The throttle's name for this user's codes: a colon, which no username
    may hold, keeps it apart from sign-ins with a password."""
    return f"two-factor:{user.pk}"


def check_code(*, user, code: str):
    """The device that takes `code` (the app's six digits, or a recovery code,
    which is then used up), or None. The caller counts wrong codes in the
    sign-in throttle, under `throttle_name(user)`."""
    code = "".join(code.split()).lower()
    return match_token(user, code) if code else None


def begin_sign_in(request, user) -> None:
    """The password was right: wait for the code before signing `user` in."""
    request.session[PENDING_SESSION_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "at": time.time(),
    }


def pending_user(request) -> User | None:
    """The user whose password was right in this session, lately, if any."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def finish_sign_in(request, *, user, device) -> None:
    """Sign in (if the password step was pending) and mark the session verified."""
    if request.session.pop(PENDING_SESSION_KEY, None) is not None:
        login(request, user, backend=user.backend)
    otp_login(request, device)
