from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Development only: both answer 404 unless DEBUG is on.
    path("dev/outbox/", views.outbox_list, name="outbox"),
    path("dev/outbox/<str:name>/", views.outbox_message, name="outbox_message"),
]
