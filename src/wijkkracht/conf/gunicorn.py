"""gunicorn for production (`make serve`): settings from the environment, workers sized to the machine.

    PORT                 port on 127.0.0.1 (default 8000); WIJKKRACHT_BIND overrides the whole address
    WEB_CONCURRENCY      worker processes (default: 2 x CPU cores + 1)
    GUNICORN_TIMEOUT     seconds before a stuck worker is replaced (default 30)

TLS ends at the proxy in front; it reaches gunicorn on loopback. Access logs are JSON lines without the client's
address, user agent or query string (operations.logs)."""

import multiprocessing
import os

bind = os.environ.get("WIJKKRACHT_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then: bounded memory over months of uptime. The jitter is wide so that workers, which
# share the load evenly, do not all restart at the same moment, and the application is loaded once in the master
# (preload_app) so a new worker is a fork that answers at once instead of importing Django for a second or two.
# (Measured: with 5,000 ± 500 and no preload every worker restarted within the same second under load, and the
# requests queued behind them took 1.5–2.4 s: the p99 of docs/benchmarks.md's earlier HTTP runs.)
max_requests = 20000
max_requests_jitter = 10000
preload_app = True
# The proxy on this machine may say which requests came in over https (Django reads X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
wsgi_app = "wijkkracht.wsgi:application"
accesslog = "-"
errorlog = "-"
logger_class = "wijkkracht.operations.logs.GunicornJsonLogger"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "wijkkracht.operations.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
# No control socket: several instances (and the benchmark) may run on one machine; signals are enough.
control_socket_disable = True


def pre_fork(server, worker):
    """With preload_app the master has loaded Django: a worker must never inherit its database connections."""
    from django.db import connections

    connections.close_all()
