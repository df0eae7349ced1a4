"""The media library: images as records of their own, reused by briefs and authors.

Every existing brief image and author photo becomes a library record with its
alt text and credit (one record for each file with the same details, so a file
shared by briefs is one record), and the brief or author points at it; history
records point at the record of their file, so reverting keeps the image. The
roles get the library's permissions (the lists are copied, not imported, so
this migration keeps doing what it did; tests/test_roles.py checks they agree).
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import briefs.images
import briefs.links

LIBRARY_PERMISSIONS = {
    "Contributor": [
        "briefs.add_mediaimage",
        "briefs.change_mediaimage",
        "briefs.view_mediaimage",
    ],
    "Editor": [
        "briefs.add_mediaimage",
        "briefs.change_mediaimage",
        "briefs.delete_mediaimage",
        "briefs.view_mediaimage",
    ],
}


def into_library(apps, schema_editor):
    MediaImage = apps.get_model("briefs", "MediaImage")
    Brief = apps.get_model("briefs", "Brief")
    Author = apps.get_model("briefs", "Author")
    records = {}
    by_file = {}

    def record_for(name, alt, credit, url):
        key = (name, alt, credit, url)
        if key not in records:
            records[key] = MediaImage.objects.create(
                file=name, alt_text=alt, credit=credit, credit_url=url
            )
            by_file.setdefault(name, records[key].pk)
        return records[key].pk

    rows = (
        Brief.objects.exclude(feature_image="")
        .order_by("pk")
        .values_list(
            "pk",
            "feature_image",
            "feature_image_alt",
            "image_credit",
            "image_credit_url",
        )
    )
    for pk, name, alt, credit, url in rows:
        Brief.objects.filter(pk=pk).update(image_id=record_for(name, alt, credit, url))
    photos = Author.objects.exclude(photo="").order_by("pk")
    for pk, name, alt in photos.values_list("pk", "photo", "photo_alt"):
        Author.objects.filter(pk=pk).update(portrait_id=record_for(name, alt, "", ""))

    for model_name, column, link in (
        ("HistoricalBrief", "feature_image", "image_id"),
        ("HistoricalAuthor", "photo", "portrait_id"),
    ):
        model = apps.get_model("briefs", model_name)
        names = model.objects.exclude(**{column: ""}).values_list(column, flat=True)
        for name in set(names):
            if name not in by_file:
                # An image a brief had once: kept, so a revert can bring it back.
                by_file[name] = MediaImage.objects.create(file=name).pk
            model.objects.filter(**{column: name}).update(**{link: by_file[name]})


def grant(apps, schema_editor):
    app_config = apps.get_app_config("briefs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in LIBRARY_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="briefs",
                codename__in=[name.split(".")[1] for name in names],
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="briefs", codename__endswith="_mediaimage"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0016_desk2_presence_and_review_notes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="MediaImage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "file",
                    models.ImageField(
                        max_length=255,
                        upload_to="library/",
                        validators=[briefs.images.validate_image_upload],
                    ),
                ),
                (
                    "alt_text",
                    models.CharField(
                        blank=True,
                        help_text="What the image shows, for readers who cannot see it.",
                        max_length=300,
                        verbose_name="alt text",
                    ),
                ),
                ("credit", models.CharField(blank=True, max_length=300)),
                (
                    "credit_url",
                    models.URLField(
                        blank=True,
                        validators=[briefs.links.validate_public_link],
                        verbose_name="credit link",
                    ),
                ),
                (
                    "focal_x",
                    models.FloatField(
                        default=0.5,
                        validators=[
                            django.core.validators.MinValueValidator(0.0),
                            django.core.validators.MaxValueValidator(1.0),
                        ],
                        verbose_name="focal point across",
                    ),
                ),
                (
                    "focal_y",
                    models.FloatField(
                        default=0.5,
                        validators=[
                            django.core.validators.MinValueValidator(0.0),
                            django.core.validators.MaxValueValidator(1.0),
                        ],
                        verbose_name="focal point down",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "image",
                "verbose_name_plural": "media library",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="author",
            name="portrait",
            field=models.ForeignKey(
                blank=True,
                help_text="Chosen from the media library.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="authors",
                to="briefs.mediaimage",
            ),
        ),
        migrations.AddField(
            model_name="brief",
            name="image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="briefs",
                to="briefs.mediaimage",
                verbose_name="feature image",
            ),
        ),
        migrations.AddField(
            model_name="historicalauthor",
            name="portrait",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Chosen from the media library.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="briefs.mediaimage",
            ),
        ),
        migrations.AddField(
            model_name="historicalbrief",
            name="image",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="briefs.mediaimage",
                verbose_name="feature image",
            ),
        ),
        migrations.RunPython(into_library, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
