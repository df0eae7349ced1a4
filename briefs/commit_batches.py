"""Work collected during a transaction and done once, when it commits.

Derived data (the search vector, the byline in the history) depends on rows the
admin saves one after another; collecting the brief ids and acting on commit does
the work once, after the last of them, and not at all on a rollback.
"""

from django.db import connections, transaction


class _Pending:
    def __init__(self, handler):
        self.handler = handler
        self.pks = set()
        self.flushed = False

    def flush(self):
        self.flushed = True
        if self.pks:
            self.handler(self.pks)


class CommitBatch:
    """Hands the ids added during one transaction to `handler`, once, on commit."""

    def __init__(self, name, handler):
        self.attribute = f"_brief_commit_batch_{name}"
        self.handler = handler

    def add(self, pk, using="default"):
        connection = connections[using]
        pending = getattr(connection, self.attribute, None)
        # A batch is reused while its flush still waits in the connection's
        # on-commit list; a commit runs it and a rollback empties the list.
        waiting = (
            pending is not None
            and not pending.flushed
            and any(entry[1] == pending.flush for entry in connection.run_on_commit)
        )
        if not waiting:
            pending = _Pending(self.handler)
            setattr(connection, self.attribute, pending)
            transaction.on_commit(pending.flush, using=using)
        pending.pks.add(pk)
