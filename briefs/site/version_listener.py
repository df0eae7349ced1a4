"""The content version pushed by PostgreSQL, so a cache hit needs no round trip.

The triggers that move the version (briefs.content_version) also NOTIFY when
their transaction commits. A thread in each worker process LISTENs on a
connection of its own and counts what it hears. The public cache then reads the
version from the database only when something was heard since its last read, when
the schedule it read no longer holds, or while the listener is not connected
(before it starts, after its connection drops): then every request reads it, as
without a listener. A reconnection counts as a change, since notifications sent
while nobody listened are lost.

What a reader may miss is the time between a commit and its notification reaching
the thread: on one host, well under a millisecond.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.db import connections

from briefs.content_version import CHANNEL

# How long a quiet connection waits before it proves itself alive again.
QUIET_SECONDS = 20
# How often the thread looks up from waiting, to see whether it should stop.
WAKE_SECONDS = 1
RETRY_SECONDS = 2

logger = logging.getLogger(__name__)


class VersionListener:
    def __init__(self, alias):
        self.alias = alias
        self.changes = 0
        self.listening = False
        self.stopped = False
        self.backend_pid = None
        self.pid = os.getpid()
        self.thread = threading.Thread(
            target=self.run, name=f"content-version-listener-{alias}", daemon=True
        )

    def heard(self):
        """How many changes were heard, or None when not listening now."""
        return self.changes if self.listening else None

    def run(self):
        while not self.stopped:
            try:
                self.listen()
            except Exception:  # noqa: BLE001 -- any failure means: not listening
                logger.warning("content version listener lost its connection")
            self.listening = False
            self.changes += 1
            if not self.stopped:
                time.sleep(RETRY_SECONDS)

    def listen(self):
        wrapper = connections[self.alias]
        connection = wrapper.get_new_connection(wrapper.get_connection_params())
        try:
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
            self.backend_pid = connection.info.backend_pid
            # Whatever changed before LISTEN took effect was not heard.
            self.changes += 1
            self.listening = True
            proven = time.monotonic()
            while not self.stopped:
                for _ in connection.notifies(timeout=WAKE_SECONDS):
                    self.changes += 1
                if time.monotonic() - proven > QUIET_SECONDS:
                    connection.execute("SELECT 1")
                    proven = time.monotonic()
        finally:
            self.listening = False
            connection.close()

    def stop(self):
        self.stopped = True
        self.thread.join(timeout=WAKE_SECONDS + RETRY_SECONDS + 1)


_listeners = {}
_lock = threading.Lock()


def listener_for(alias):
    """This process's listener for `alias`, started on first use; None if off."""
    if not getattr(settings, "CONTENT_VERSION_LISTEN", False):
        return None
    if connections[alias].vendor != "postgresql":
        return None
    listener = _listeners.get(alias)
    if listener is not None and listener.pid == os.getpid():
        return listener
    with _lock:
        listener = _listeners.get(alias)
        # A forked worker inherits the dict but not the thread.
        if listener is None or listener.pid != os.getpid():
            listener = VersionListener(alias)
            _listeners[alias] = listener
            listener.thread.start()
    return listener


def stop_listeners():
    """Stop and forget every listener of this process (tests, shutdown)."""
    with _lock:
        listeners = list(_listeners.values())
        _listeners.clear()
    for listener in listeners:
        if listener.pid == os.getpid():
            listener.stop()
