"""Gunicorn settings; every value can be overridden with an environment variable."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 75  # longer than the ALB idle timeout (60 s), so the ALB closes idle connections first
# The root filesystem is read-only in the cluster; heartbeats go to memory.
worker_tmp_dir = "/dev/shm"
# The app writes one JSON line per request; gunicorn's own access log would duplicate it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
forwarded_allow_ips = "*"  # only the ALB reaches the pods (see the NetworkPolicy)
