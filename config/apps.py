from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin app, its site the one in `config.admin`."""

    default_site = "config.admin.AdminSite"
