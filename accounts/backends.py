"""Authentication backends."""

from django.contrib.auth import backends
from django.contrib.auth.models import Permission
from django.db.models import Q


class ModelBackend(backends.ModelBackend):
    """Django's model backend: the user and their permissions in a query each.

    The stock backend asks twice (the user's own permissions, then their
    groups'); pages that check a permission keep within their query budget.
    """

    def get_user(self, user_id):
        """The signed-in user with their author profile, which the navigation shows."""
        users = backends.UserModel._default_manager.select_related("author")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

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
