from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from core.pagecache import register_personal_cookie

        from .visitor import REMEMBER_COOKIE

        # Its holder sees the comment form filled in with their own details.
        register_personal_cookie(REMEMBER_COOKIE)
