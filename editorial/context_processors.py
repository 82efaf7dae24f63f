from django.utils.functional import SimpleLazyObject

from accounts.models import AuthorApplication
from blog.models import Article
from core.permissions import PUBLISH_ARTICLE, REVIEW_APPLICATION

from .workflow import is_editor


def newsroom(request):
    """The newsroom in the navigation: the dashboard for those who write there
    (authors who are not editors) and, for editors, what waits for them (a
    count query each); each asked only when the page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Asked here, not as `user.author` in the template: for a reader without a
    # profile the template engine would list every attribute of the user.
    waiting = {
        "writes_in_dashboard": lambda: not is_editor(user) and hasattr(user, "author")
    }
    if not user.is_staff:
        return waiting
    if user.has_perm(PUBLISH_ARTICLE):
        waiting["articles_in_review"] = SimpleLazyObject(
            Article.objects.filter(status=Article.Status.SUBMITTED).count
        )
    if user.has_perm(REVIEW_APPLICATION):
        waiting["applications_waiting"] = SimpleLazyObject(
            AuthorApplication.objects.pending().count
        )
    return waiting
