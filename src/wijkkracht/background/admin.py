"""django-tasks-db registers its own admin for queued tasks; it asks Django's model permissions, not the
project's policy, so it is taken out. Operators watch the queue through the health check (`queue_health`)."""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
