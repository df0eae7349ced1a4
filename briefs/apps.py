from django.apps import AppConfig


class BriefsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "briefs"
    verbose_name = "Briefs"

    def ready(self):
        from django.db.models.signals import post_save, pre_save

        from .editorial import workflow
        from .models import Brief

        pre_save.connect(workflow.before_brief_save, sender=Brief)
        post_save.connect(workflow.after_brief_save, sender=Brief)

        # Connect the receivers of the site and of the byline's history.
        from . import derived, history  # noqa: F401
        from .editorial import admin  # noqa: F401
