from django.core.management.base import BaseCommand

from core.permissions import ROLES
from core.roles import sync_roles


class Command(BaseCommand):
    help = "Create the role groups and give each exactly its permissions."

    def handle(self, *args, **options):
        sync_roles()
        for name, permissions in ROLES.items():
            self.stdout.write(f"{name}: {len(permissions)} permissions")
