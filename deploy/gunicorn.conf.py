"""gunicorn settings for ocop (deploy/ocop-web.service: ``gunicorn -c deploy/gunicorn.conf.py``).

Everything site-specific comes from the environment file (/etc/ocop/ocop.env):
- ``OCOP_BIND``: ``unix:/run/ocop/gunicorn.sock`` (default, nginx in front) or ``127.0.0.1:8000``.
- ``OCOP_WEB_WORKERS``: worker processes (default 2 × cores + 1).
- ``OCOP_WEB_TIMEOUT``: seconds before a stuck request's worker is replaced (default 60).
- ``PROMETHEUS_MULTIPROC_DIR``: where the workers share their metrics (set by the unit).
"""

import multiprocessing
import os
import shutil
from pathlib import Path

wsgi_app = "config.wsgi:application"
bind = [os.environ.get("OCOP_BIND", "unix:/run/ocop/gunicorn.sock")]
workers = int(os.environ.get("OCOP_WEB_WORKERS", 2 * multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("OCOP_WEB_TIMEOUT", 60))
graceful_timeout = 30
# Recycle workers now and then (memory growth of long-lived processes), staggered.
max_requests = 2000
max_requests_jitter = 200
# Django logs each request as JSON with its request id (ocop.ops.middleware); gunicorn's own
# access log would only repeat it without the id.
accesslog = None
errorlog = "-"
# No control socket (gunicornc): systemd manages the process, and a default path in the home
# directory would be shared by every gunicorn of the user (and ProtectHome forbids it).
control_socket_disable = True
# Behind nginx on the same machine: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("OCOP_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def on_starting(server):
    """A fresh metrics directory at each start (prometheus_client's multiprocess mode)."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        Path(directory).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
