from django_otp import DEVICE_ID_SESSION_KEY, middleware


class OTPMiddleware(middleware.OTPMiddleware):
    """django-otp's middleware, with `request.user.is_verified()` asking the
    database for the session's device only when called (the admin calls it),
    not on every page a signed-in person opens."""

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if user.is_authenticated and DEVICE_ID_SESSION_KEY in request.session:
            verify = super()._verify_user_sync  # sets otp_device and is_verified
            user.is_verified = lambda: verify(request, user).is_verified()
        return user
