"""Authentication backends."""

from functools import cache

from django.contrib.auth import backends
from django.contrib.auth.models import Permission
from django.db.models import Q

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
        user = next(iter(User.objects.raw(_user_with_roles_sql(), [user_id])), None)
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
def _user_with_roles_sql() -> str:
    """Written out once: the ORM would compile the same three subqueries on
    every request, which costs more than running them."""

    def exists(model, field="user"):
        column = model._meta.get_field(field).column
        return f"EXISTS (SELECT 1 FROM {model._meta.db_table} WHERE {column} = u.id)"

    return (
        f"SELECT u.*, {exists(User.groups.through)} AS in_groups, "
        f"{exists(User.user_permissions.through)} AS has_own_permissions, "
        f"{exists(Author)} AS is_author "
        f"FROM {User._meta.db_table} u WHERE u.id = %s"
    )
