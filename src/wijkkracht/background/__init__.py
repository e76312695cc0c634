"""Background work and time: the task queue (Django's Tasks framework; the database by default, Redis through RQ
for scale), the worker and the scheduler of periodic jobs. See docs/architecture.md, "Tasks and periodic jobs"."""
