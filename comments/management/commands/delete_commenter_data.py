"""Erase everything stored for one commenter's email address.

Their comments are deleted; other people's replies to them are kept and
move up one level in the thread.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments.privacy import commenter_comments, delete_commenter_data


class Command(BaseCommand):
    help = "Delete every comment and record stored for one commenter's email."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, email, interactive, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError(f"Not an email address: {email!r}") from None
        count = commenter_comments(email).count()
        if interactive:
            answer = input(
                f"Delete {count} comment(s) and all data stored for {email}? "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing deleted.")
        deleted = delete_commenter_data(email)
        self.stdout.write(f"Deleted {deleted} comment(s) and the data for {email}.")
