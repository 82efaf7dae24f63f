from django.core.management.base import BaseCommand, CommandError

from blog.models import Article
from demo.bench_data import FULL, QUICK, build


class Command(BaseCommand):
    help = "Fill an empty database with the benchmark's site (10,000 articles)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quick", action="store_true", help="1,000 articles and 20,000 comments."
        )

    def handle(self, *args, quick=False, **options):
        if Article.objects.exists():
            raise CommandError("The database has articles already: use an empty one.")
        made = build(QUICK if quick else FULL)
        self.stdout.write(
            ", ".join(f"{count:,} {name}" for name, count in made.items())
        )
