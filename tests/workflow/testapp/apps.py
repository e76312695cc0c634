from django.apps import AppConfig


class WorkflowTestAppConfig(AppConfig):
    """A tiny app installed only in the test settings: a model with states to exercise the workflow rail."""

    name = "tests.workflow.testapp"
    label = "workflow_testapp"
    default_auto_field = "django.db.models.BigAutoField"
