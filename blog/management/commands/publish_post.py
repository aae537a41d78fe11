from django.core.management.base import BaseCommand, CommandError

from blog.models import Post
from blog.services import set_published


class Command(BaseCommand):
    help = "Publish (or with --unpublish, hide) blog posts by slug, from outside the web process."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="+")
        parser.add_argument("--unpublish", action="store_true")

    def handle(self, *args, slugs, unpublish, **options):
        posts = Post.objects.filter(slug__in=slugs)
        missing = set(slugs) - set(posts.values_list("slug", flat=True))
        if missing:
            raise CommandError(f"No post with slug: {', '.join(sorted(missing))}")
        count = set_published(posts, not unpublish)
        verb = "unpublished" if unpublish else "published"
        self.stdout.write(f"{count} post(s) {verb}.")
