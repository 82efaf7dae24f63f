from dataclasses import replace

from django.core.management.base import BaseCommand, CommandError

from blog.models import Article
from demo.bench_data import FULL, QUICK, build


class Command(BaseCommand):
    help = "Fill an empty database with the benchmark's site (10,000 articles)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quick", action="store_true", help="1,000 articles and 20,000 comments."
        )
        parser.add_argument("--articles", type=int, help="Another number of articles.")

    def handle(self, *args, quick=False, articles=None, **options):
        if Article.objects.exists():
            raise CommandError("The database has articles already: use an empty one.")
        size = QUICK if quick else FULL
        if articles is not None:
            if articles < 10:
                raise CommandError("At least 10 articles.")
            # The same comments per article as the full site.
            per_article = FULL.comments // FULL.articles
            size = replace(size, articles=articles, comments=articles * per_article)
        made = build(size)
        self.stdout.write(
            ", ".join(f"{count:,} {name}" for name, count in made.items())
        )
