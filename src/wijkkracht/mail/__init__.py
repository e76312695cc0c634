"""Outgoing mail: every message Django sends goes into the outbox and is delivered by a task; in the demo it
lands in a mailbox that administrators read at /postvak/. See docs/architecture.md, "Tasks and periodic jobs"."""
