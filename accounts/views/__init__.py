from .account import account, apply, profile
from .registration import (
    email_change,
    email_change_confirm,
    email_change_done,
    register,
    register_done,
    resend_verification,
    resend_verification_done,
    verify_email,
)
from .signing_in import (
    LoginView,
    password_reset,
    sign_out,
    two_factor_codes,
    two_factor_off,
    two_factor_setup,
    two_factor_verify,
)

__all__ = [
    "LoginView",
    "account",
    "apply",
    "email_change",
    "email_change_confirm",
    "email_change_done",
    "password_reset",
    "profile",
    "register",
    "register_done",
    "resend_verification",
    "resend_verification_done",
    "sign_out",
    "two_factor_codes",
    "two_factor_off",
    "two_factor_setup",
    "two_factor_verify",
    "verify_email",
]
