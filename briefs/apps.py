from django.apps import AppConfig


class BriefsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "briefs"
    verbose_name = "Briefs"

    def ready(self):
        # Connect the receivers of derived data and register the admin.
        from . import derived  # noqa: F401
        from .editions import admin as editions_admin  # noqa: F401
        from .editions import receivers  # noqa: F401
        from .editorial import admin  # noqa: F401
        from .site import caching  # noqa: F401
