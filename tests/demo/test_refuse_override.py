"""The demo's refusal reads the settings' name even under override_settings (the page bench runs it so)."""

from django.test import override_settings

from wijkkracht.demo.seed import refuse_outside_demo


def test_demo_settings_under_override_settings_may_seed():
    with override_settings(WIJKKRACHT_DEMO=True):
        refuse_outside_demo("seed_demo")  # no CommandError
