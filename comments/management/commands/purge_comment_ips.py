"""Forget the IP addresses of old comments (run it daily, e.g. from cron)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from comments.privacy import IP_RETENTION, purge_comment_ips


class Command(BaseCommand):
    help = "Clear the stored IP address of comments older than --days (90)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=IP_RETENTION.days)

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        count = purge_comment_ips(older_than=timedelta(days=days))
        self.stdout.write(f"Cleared the IP address of {count} comment(s).")
