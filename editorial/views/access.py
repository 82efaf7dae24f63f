"""Who may use the dashboard: users with an author profile."""

from django.shortcuts import render
from django.urls import reverse

from accounts.models import Author


def author_or_none(user) -> Author | None:
    return Author.objects.filter(user=user).first()


def not_an_author(request):
    """A 403 page that explains how to become an author."""
    context = {"apply_url": reverse("accounts:apply")}
    return render(request, "editorial/dashboard/not_author.html", context, status=403)
