"""Periodic jobs: one registry, one scheduler entry point, once per slot, each job idempotent (frozen clock)."""

from datetime import UTC, datetime, time, timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from freezegun import freeze_time

from wijkkracht.background import periodic
from wijkkracht.background.models import Heartbeat, PeriodicRun
from wijkkracht.background.periodic import PeriodicJob, periodic_job
from wijkkracht.background.services import periodic_run_execute, scheduler_tick

pytestmark = pytest.mark.django_db


def test_every_app_job_is_in_the_one_registry():
    assert [job.name for job in periodic.jobs()] == [
        "accounts.prune_pending",
        "activities.count_reach",
        "activities.generate_sessions",
        "activities.remind_attendance",
        "activities.remind_registered",
        "concerns.anonymise_closed",
        "councils.reminders",
        "mail.prune",
        "mail.retry_failed",
        "sessions.clear_expired",
        "support.anonymise_closed",
        "support.escalate_overdue",
        "volunteers.end_pauses",
        "volunteers.recognise",
        "volunteers.remind_vog",
        "volunteers.retention",
    ]


def test_slots_every_and_daily_in_local_time():
    every = PeriodicJob("x", lambda: None, every=timedelta(minutes=10))
    assert every.slot(datetime(2026, 11, 23, 16, 37, 12, tzinfo=UTC)) == datetime(2026, 11, 23, 16, 30, tzinfo=UTC)
    daily = PeriodicJob("y", lambda: None, daily_at=time(3, 30))
    # Amsterdam is UTC+1 in November: 03:30 local is 02:30 UTC.
    assert daily.slot(datetime(2026, 11, 23, 2, 29, tzinfo=UTC)) == datetime(2026, 11, 22, 2, 30, tzinfo=UTC)
    assert daily.slot(datetime(2026, 11, 23, 2, 30, tzinfo=UTC)) == datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
    # ... and UTC+2 in summer.
    assert daily.slot(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == datetime(2026, 7, 1, 1, 30, tzinfo=UTC)


def test_a_job_needs_exactly_one_schedule():
    with pytest.raises(ImproperlyConfigured):
        periodic_job("bad")
    with pytest.raises(ImproperlyConfigured):
        periodic_job("bad", every=timedelta(minutes=5), daily_at=time(1))
    with pytest.raises(ImproperlyConfigured):
        periodic_job("bad", every=timedelta(seconds=5))


def test_ticking_twice_in_a_slot_runs_each_job_once(django_capture_on_commit_callbacks):
    with freeze_time("2026-11-23 16:37:00+00:00"):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            first = scheduler_tick()
        with django_capture_on_commit_callbacks(execute=True) as again:
            second = scheduler_tick()
    assert sorted(r.job for r in first) == [
        "accounts.prune_pending",
        "activities.count_reach",
        "activities.generate_sessions",
        "activities.remind_attendance",
        "activities.remind_registered",
        "concerns.anonymise_closed",
        "councils.reminders",
        "mail.prune",
        "mail.retry_failed",
        "sessions.clear_expired",
        "support.anonymise_closed",
        "support.escalate_overdue",
        "volunteers.end_pauses",
        "volunteers.recognise",
        "volunteers.remind_vog",
        "volunteers.retention",
    ]
    assert len(callbacks) == 16
    assert (second, again) == ([], [])
    # ImmediateBackend ran them on commit: each run finished once.
    assert PeriodicRun.objects.filter(finished_at__isnull=False).count() == 16
    assert Heartbeat.objects.get(name="scheduler").at == datetime(2026, 11, 23, 16, 37, tzinfo=UTC)

    with freeze_time("2026-11-23 16:39:59+00:00"), django_capture_on_commit_callbacks(execute=True):
        assert scheduler_tick() == []  # still the same 10-minute slot
    with freeze_time("2026-11-23 16:40:00+00:00"), django_capture_on_commit_callbacks(execute=True):
        assert [r.job for r in scheduler_tick()] == ["mail.retry_failed"]


def test_a_run_delivered_twice_runs_once(monkeypatch):
    calls = []
    monkeypatch.setitem(
        periodic._JOBS,
        "test.count",
        PeriodicJob("test.count", lambda: calls.append(1) or 7, every=timedelta(minutes=5)),
    )
    run = PeriodicRun.objects.create(job="test.count", slot=datetime(2026, 1, 1, tzinfo=UTC))
    assert periodic_run_execute(run_id=run.pk).result == 7
    assert periodic_run_execute(run_id=run.pk) is None
    assert calls == [1]


def test_a_failing_job_is_recorded_and_raises(monkeypatch):
    def broken():
        raise RuntimeError("stuk")

    monkeypatch.setitem(periodic._JOBS, "test.broken", PeriodicJob("test.broken", broken, every=timedelta(minutes=5)))
    run = PeriodicRun.objects.create(job="test.broken", slot=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(RuntimeError):
        periodic_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.finished_at, run.error) == (None, "RuntimeError: stuk")
    assert run.failed_at is not None


def test_the_scheduler_command_is_the_entry_point(django_capture_on_commit_callbacks, capsys):
    with freeze_time("2026-11-23 03:00:00+00:00"), django_capture_on_commit_callbacks(execute=True):
        call_command("scheduler")
    assert PeriodicRun.objects.count() == 16
    call_command("scheduler", "--list")
    assert "sessions.clear_expired                   daily at 03:30" in capsys.readouterr().out


def _session(expires: str) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=datetime.fromisoformat(expires))
    return store.session_key


def test_clearing_expired_sessions_twice_is_clearing_them_once():
    from wijkkracht.accounts.jobs import clear_expired_sessions

    old = _session("2026-11-20 10:00:00+00:00")
    fresh = _session("2026-11-30 10:00:00+00:00")
    with freeze_time("2026-11-23 02:30:00+00:00"):
        assert clear_expired_sessions() == 1
        assert clear_expired_sessions() == 0
    assert list(Session.objects.values_list("session_key", flat=True)) == [fresh]
    assert old != fresh
