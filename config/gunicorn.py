"""gunicorn settings for production: `gunicorn -c config/gunicorn.py config.wsgi`.

Sized for a small machine (the project's has 2 cores) serving mostly cached reads
behind a reverse proxy on the same host. Every value can be overridden from the
environment (GUNICORN_* below) or on the command line.
"""

import multiprocessing
import os

CORES = multiprocessing.cpu_count()

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# One process per core, plus one to use the CPU while another waits on PostgreSQL:
# Python runs one thread at a time per process, so processes are what spread the work
# over the cores.
workers = int(os.environ.get("GUNICORN_WORKERS", CORES + 1))
# Threads within each process overlap the waits (database, slow clients, keep-alive)
# instead of blocking the whole worker as the sync worker class does. More than a few
# only add contention for the interpreter lock. Each thread holds its own database
# connection (CONN_MAX_AGE keeps it), so workers x threads bounds PostgreSQL
# connections: 12 on 2 cores.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Waiting connections queue in the kernel instead of being refused under a burst.
backlog = 2048

# A worker whose main loop is stuck this long is killed and replaced. No request
# should come near it: uploads are ingested by the task worker, not in the request,
# and cached pages take milliseconds. 30 s covers the slowest page on a cold cache.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# On a restart or reload, requests under way get this long to finish.
graceful_timeout = 30
# The reverse proxy keeps connections open to us; a few seconds lets it reuse them.
keepalive = 5

# Renew workers now and then so that a slow leak never grows; the jitter keeps them
# from all restarting at once. Rarely: a renewal drops the keep-alive connections it
# holds, which a client sees as an error (every 20,000 requests did so under load).
max_requests = 1_000_000
max_requests_jitter = 100_000

# Load the application once before forking: workers share its memory, and a
# configuration error (such as a missing SECRET_KEY) stops the server at once
# instead of failing every worker in a loop.
preload_app = True
# The heartbeat file on a RAM disk: a busy disk must not make workers look dead.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Trust X-Forwarded-Proto (HTTPS) only from the proxy on this host.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Errors to stderr; the access log is the proxy's job (set GUNICORN_ACCESS_LOG=- to
# have one here too).
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None

# gunicorn's control socket is one fixed path per user: two servers on one machine would
# fight over it, and nothing here uses it.
control_socket_disable = True
