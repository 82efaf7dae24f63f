from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from accounts import two_factor
from blog.models import Article
from core.mail import absolute
from demo.loader import demo_logins, give_staff_the_demo_app, load_demo
from demo.people import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo authors, articles and comments; print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when there are no articles yet (what `make run` does).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off. The demo accounts share a known "
            "password: never on a public site.",
        )

    def handle(self, *args, if_empty=False, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "The demo creates accounts with a shared, published password, "
                "so it only runs in demo mode (DEBUG on, as with `make run`). "
                "Use --force to load it anyway."
            )
        if if_empty and Article.objects.exists():
            self.stdout.write("Articles already exist; demo content not loaded.")
        else:
            created = load_demo()
            if created:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Demo content loaded: {created['articles']} articles, "
                        f"{created['comments']} comments, "
                        f"{created['users']} accounts."
                    )
                )
            else:
                self.stdout.write("Demo content is already in place.")
        self.print_logins(give_staff_the_demo_app())

    def print_logins(self, staff_app):
        logins = demo_logins()
        if not logins:
            return
        # FOLIO_SITE_URL: `make run` sets it from the HOST and PORT it serves on.
        self.stdout.write(f"\nDemo logins (sign in at {absolute(reverse('login'))})")
        self.stdout.write(f"  {'role':<10} {'username':<10} {'password':<18} works at")
        for login in logins:
            self.stdout.write(
                f"  {login['role']:<10} {login['username']:<10} {DEMO_PASSWORD:<18} "
                f"{absolute(login['works_at'])}"
            )
        if staff_app is not None:
            staff = ", ".join(
                login["username"] for login in logins if login["is_staff"]
            )
            self.stdout.write(
                f"Staff ({staff}) then type a code from an authenticator app:\n"
                f"  add the key {two_factor.secret(staff_app)} (time-based) to one,\n"
                "  or print the current code: .venv/bin/python manage.py demo_code"
            )
