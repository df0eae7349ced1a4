"""Everything a backup must carry, as plain data, so two databases can be compared.

Run in the test's process on the original and in a fresh process on the restore.
"""

import datetime
import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from taggit.models import Tag, TaggedItem

# Derived on the database side (PostgreSQL only) and not content in itself.
DERIVED_FIELDS = {"search_vector", "rank_vector"}
# The public cache's state, which every write moves on: not content either.
DERIVED_MODELS = {"briefs.ContentVersion"}


def rows(model):
    serialized = serializers.serialize(
        "python",
        model._default_manager.order_by("pk"),
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    for row in serialized:
        for name in DERIVED_FIELDS:
            row["fields"].pop(name, None)
    return serialized


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {
        file.relative_to(root).as_posix(): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(root.rglob("*"))
        if file.is_file()
    }


def summary():
    """What a reader and an editor would check by eye."""
    from briefs.models import Brief

    return [
        {
            "slug": brief.slug,
            "title": brief.title,
            "authors": [
                link.author.name for link in brief.brief_authors.order_by("order")
            ],
            "categories": sorted(brief.categories.names()),
            "disclosure": brief.disclosure.text if brief.disclosure else None,
            "series": brief.series.name if brief.series else None,
            "feature_image": brief.feature_image.name,
            "history": [
                [
                    record.history_type,
                    record.history_user.username if record.history_user else None,
                    record.title,
                ]
                for record in brief.history.order_by("history_date", "history_id")
            ],
        }
        for brief in Brief.objects.order_by("slug")
    ]


class ExactEncoder(DjangoJSONEncoder):
    """Every microsecond: a restore that drops some has lost data."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


# Not content: a restore moves it on (rebuilding the search vectors), as it must,
# so that nothing cached before the restore is served after it.
NOT_CONTENT = {"briefs.ContentVersion"}


def snapshot():
    models = [
        *(
            model
            for model in apps.get_app_config("briefs").get_models()
            if model._meta.label not in NOT_CONTENT
        ),
        Tag,
        TaggedItem,
        User,
        Group,
    ]
    data = {
        "tables": {
            model._meta.label: rows(model)
            for model in models
            if model._meta.label not in DERIVED_MODELS
        },
        "media": media_files(),
        "summary": summary(),
    }
    # Through JSON, as the other process prints it.
    return json.loads(json.dumps(data, cls=ExactEncoder))


def main():
    print(json.dumps(snapshot(), cls=ExactEncoder))
