"""Print, as JSON, everything stored about one commenter's email address."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email

from comments.privacy import export_commenter_data


class Command(BaseCommand):
    help = "Print everything stored for one commenter's email address, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError(f"Not an email address: {email!r}") from None
        data = export_commenter_data(email)
        self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, indent=2))
