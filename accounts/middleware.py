"""Who the request's user is, to the second factor.

Staff whose session has not passed the second factor (they signed in with a
password before setting up an app, say) hold no permission anywhere on the
site until it does: `User.has_perm()` asks `lacks_second_factor()`, and a page
they are refused for that reason sends them to the second step instead.
"""

import functools

from django.core.exceptions import PermissionDenied
from django_otp import DEVICE_ID_SESSION_KEY, middleware

from . import two_factor


class OTPMiddleware(middleware.OTPMiddleware):
    """django-otp's middleware, with `request.user.is_verified()` asking the
    database for the session's device only when called (the admin calls it),
    not on every page a signed-in person opens."""

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if user.is_authenticated and DEVICE_ID_SESSION_KEY in request.session:
            verify = super()._verify_user_sync  # sets otp_device and is_verified
            user.is_verified = lambda: verify(request, user).is_verified()
        if user.is_authenticated:
            user.lacks_second_factor = functools.cache(
                lambda: two_factor.is_required(user) and not user.is_verified()
            )
        return user

    def process_exception(self, request, exception):
        user = request.user
        if isinstance(exception, PermissionDenied) and user.is_authenticated:
            if user.lacks_second_factor():
                next_url = request.get_full_path()
                return two_factor.redirect_to_second_step(user, next_url=next_url)
        return None
