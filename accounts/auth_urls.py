"""Django's own sign-in, sign-out and password views, un-namespaced as
`django.contrib.auth.urls` names them, with the throttled sign-in form, a
sign-out checked by origin rather than token, and the password reset email
sent off the request."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("password_reset/", views.password_reset, name="password_reset"),
    path("", include("django.contrib.auth.urls")),
]
