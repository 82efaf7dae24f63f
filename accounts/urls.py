from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("register/", views.register, name="register"),
    path("register/sent/", views.register_done, name="register_done"),
    path("verify/resend/", views.resend_verification, name="resend_verification"),
    path(
        "verify/resend/sent/",
        views.resend_verification_done,
        name="resend_verification_done",
    ),
    path("verify/<str:token>/", views.verify_email, name="verify_email"),
    path("email/", views.email_change, name="email_change"),
    path("email/sent/", views.email_change_done, name="email_change_done"),
    path(
        "email/confirm/<str:token>/",
        views.email_change_confirm,
        name="email_change_confirm",
    ),
    path("apply/", views.apply, name="apply"),
    path("profile/", views.profile, name="profile"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/codes/", views.two_factor_codes, name="two_factor_codes"),
    path("two-factor/off/", views.two_factor_off, name="two_factor_off"),
]
