"""gunicorn settings shared by `make run`, the Docker image and `make bench`.

Workers: WEB_CONCURRENCY, else 2 × cores + 1 (gunicorn's own advice for sync workers).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# Load Django once in the master: workers fork ready (less memory, fast restarts).
preload_app = True
# Restart a worker now and then, so a slow leak can never grow without bound; rarely enough
# that a restart is not felt in the latency of a busy hour.
max_requests = 100000
max_requests_jitter = 10000
# The path without its query string (a tracking look-up's reference number and phone digits
# once travelled there) and with its one-time tokens masked (/careers/activate/…/): see
# bijiang_social/access_log.py; deploy/nginx.conf logs the same way.
logger_class = "bijiang_social.access_log.MaskedAccessLogger"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
