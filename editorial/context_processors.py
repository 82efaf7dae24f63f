from django.utils.functional import SimpleLazyObject

from accounts.models import AuthorApplication
from blog.models import Article
from core.permissions import PUBLISH_ARTICLE, REVIEW_APPLICATION


def newsroom(request):
    """What waits for an editor, for the navigation: a count query each, made
    only when the page shows it, and nothing at all for anyone else."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {}
    waiting = {}
    if user.has_perm(PUBLISH_ARTICLE):
        waiting["articles_in_review"] = SimpleLazyObject(
            Article.objects.filter(status=Article.Status.SUBMITTED).count
        )
    if user.has_perm(REVIEW_APPLICATION):
        waiting["applications_waiting"] = SimpleLazyObject(
            AuthorApplication.objects.pending().count
        )
    return waiting
