"""Authentication backends."""

from functools import cache

from django.contrib.auth import backends
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q

from .models import Author, User


class ModelBackend(backends.ModelBackend):
    """Django's model backend, asking less of the database on every request.

    The signed-in user comes in one query that also says whether they hold
    any permission and have an author profile, so a reader's page (most
    signed-in people are readers) asks nothing more; a user who holds
    permissions gets them all in one more query (the stock backend asks
    twice: the user's own, then their groups').
    """

    def get_user(self, user_id):
        sql, params = _user_with_roles_sql()
        user = next(iter(User.objects.raw(sql, [*params, user_id])), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        if not (user.is_superuser or user.in_groups or user.has_own_permissions):
            user._perm_cache = set()
        if not user.is_author:
            User.author.related.set_cached_value(user, None)  # user.author: absent
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions.filter(
                    Q(user=user_obj) | Q(group__user=user_obj)
                )
            rows = permissions.values_list("content_type__app_label", "codename")
            user_obj._perm_cache = {f"{app}.{name}" for app, name in rows.order_by()}
        return user_obj._perm_cache


@cache
def _user_with_roles_sql() -> tuple[str, tuple]:
    """The query compiled once: the ORM would compile the same three subqueries
    on every request, which costs more than running them."""
    has = {
        "in_groups": User.groups.through.objects,
        "has_own_permissions": User.user_permissions.through.objects,
        "is_author": Author.objects,
    }
    users = User.objects.annotate(
        **{name: Exists(rows.filter(user=OuterRef("pk"))) for name, rows in has.items()}
    )
    sql, params = users.filter(pk=0).query.sql_with_params()
    return sql, params[:-1]  # the id the query is for comes last
