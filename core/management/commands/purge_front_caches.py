from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import frontcache


class Command(BaseCommand):
    help = (
        "Purge every page from the front caches (FOLIO_FRONT_CACHES): run it "
        "once a deploy's servers are up, so readers get the new release's pages."
    )

    def handle(self, *args, **options):
        addresses = settings.FOLIO_FRONT_CACHES
        failed = frontcache.purge_once(addresses)
        if failed:
            raise CommandError(f"No purge taken by: {', '.join(failed)}")
        self.stdout.write(f"Purged {len(addresses)} front cache(s).")
