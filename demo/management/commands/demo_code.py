from binascii import unhexlify

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from demo.people import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the code the demo staff's authenticator app shows now."

    def handle(self, *args, **options):
        clock = TOTP(unhexlify(DEMO_TOTP_KEY))
        self.stdout.write(f"{clock.token():06d} (changes every 30 seconds)")
