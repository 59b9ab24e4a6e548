from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"
    verbose_name = "Diplomatic meetings"

    def ready(self):
        from django.contrib.admin.models import LogEntry

        from meetings.cache import on_write

        # Every write to the record bumps the data version that cached pages are keyed
        # on; an admin action also logs an entry, which covers its bulk updates.
        # Historical rows (django-simple-history) are written with the row they record.
        models = [m for m in self.get_models() if not hasattr(m, "instance_type")]
        for model in [*models, LogEntry]:
            post_save.connect(on_write, sender=model, dispatch_uid=f"version-save-{model}")
            post_delete.connect(on_write, sender=model, dispatch_uid=f"version-del-{model}")
        m2m_changed.connect(on_write, dispatch_uid="version-m2m")

        from meetings import history  # noqa: F401 - connects the change-reason signal
        from meetings.models import forget_script_prefix, remember_script_prefix

        request_started.connect(remember_script_prefix, dispatch_uid="page-url-prefix")
        request_finished.connect(forget_script_prefix, dispatch_uid="page-url-prefix-end")
