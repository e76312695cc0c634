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
# Recycle workers now and then: bounded memory over months of uptime.
max_requests = 5000
max_requests_jitter = 500
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
