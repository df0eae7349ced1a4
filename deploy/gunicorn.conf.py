"""gunicorn for one app server of the cluster (and for a single-machine site)."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
timeout = 30
graceful_timeout = 10
# Recycle workers now and then: a slow leak in a library never grows for ever.
max_requests = 5000
max_requests_jitter = 500
accesslog = None
errorlog = "-"
wsgi_app = "kei_site.wsgi:application"
