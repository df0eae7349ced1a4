"""Full-text search: a stored vector on PostgreSQL, containment on SQLite."""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value


def uses_postgres_search():
    return connection.vendor == "postgresql"


def update_search_vectors(briefs):
    """Rebuild the stored vector of these briefs (after their authors and tags are set).

    Weights: title A, summary and author names and categories B, body C.
    """
    if not uses_postgres_search():
        return
    from .models import Brief

    for brief in briefs:
        authors = " ".join(a.name for a in brief.authors.all())
        categories = " ".join(t.name for t in brief.categories.all())
        Brief.objects.filter(pk=brief.pk).update(
            search_vector=SearchVector("title", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector(Value(authors), weight="B", config="english")
            + SearchVector(Value(categories), weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        )
