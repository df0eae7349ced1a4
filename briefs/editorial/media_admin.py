"""The media library in the admin: its records, the focal point, the pickers.

An image is uploaded once, with its alt text and credit, and chosen for any
number of briefs and authors from a grid of thumbnails. Its focal point is set
by clicking on the image; every crop of it (cards, portraits) keeps that point
in view. A brief's form can also take a new upload, which becomes a library
record on save.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from briefs import library
from briefs.images import validate_image_upload
from briefs.links import validate_public_link
from briefs.media_models import MediaImage
from briefs.models import Brief

from . import workflow


class LibraryPicker(forms.RadioSelect):
    """A grid of thumbnails to click, with a filter box; "No image" first."""

    template_name = "briefs/widgets/library_picker.html"
    option_template_name = "briefs/widgets/library_option.html"

    class Media:
        css = {"all": ["admin-desk/library.css"]}
        js = ["admin-desk/library.js"]

    def create_option(self, name, value, label, selected, index, **kwargs):
        option = super().create_option(name, value, label, selected, index, **kwargs)
        record = getattr(value, "instance", None)
        info = library.thumbnail_of(record) if record is not None else None
        option["thumb"] = info["sizes"][0]["url"] if info else ""
        option["credit"] = record.credit if record is not None else ""
        return option


def library_field(field, **kwargs):
    """The model's ForeignKey to MediaImage as a picker, newest first."""
    return forms.ModelChoiceField(
        queryset=MediaImage.objects.order_by("-created_at", "-pk"),
        required=False,
        # A radio list offers the empty choice only when told it may be blank.
        blank=True,
        empty_label="No image",
        widget=LibraryPicker,
        label=kwargs.get("label", field.verbose_name.capitalize()),
        help_text=kwargs.get("help_text", field.help_text),
    )


class NewImageForm(forms.Form):
    """Mixed into the brief form: a new upload that joins the library on save."""

    new_image = forms.ImageField(
        required=False,
        label="Or upload a new image",
        validators=[validate_image_upload],
        help_text="It joins the media library and replaces the choice above.",
    )
    new_image_alt = forms.CharField(
        required=False,
        max_length=300,
        label="Its alt text",
        help_text="What the image shows, for readers who cannot see it.",
    )
    new_image_credit = forms.CharField(
        required=False, max_length=300, label="Its credit"
    )
    new_image_credit_url = forms.URLField(
        required=False,
        label="Its credit link",
        validators=[validate_public_link],
        assume_scheme="https",
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("new_image")
        details = [
            cleaned.get(name)
            for name in ("new_image_alt", "new_image_credit", "new_image_credit_url")
        ]
        # A new upload needs its alt text; details without a file are a slip.
        if upload and not (cleaned.get("new_image_alt") or "").strip():
            self.add_error(
                "new_image_alt",
                "Describe the new image for readers who cannot see it.",
            )
        elif not upload and any(details) and "new_image" not in self.errors:
            self.add_error(
                "new_image", "Choose the file these details are for, or clear them."
            )
        return cleaned


class LibraryAdminMixin:
    """For BriefAdmin: the picker for `image`, and the upload made a record."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Not through formfield_for_foreignkey: the admin would wrap the grid in
        # its add/change links, which only work on a <select>.
        if db_field.name == "image":
            return library_field(db_field, label="Feature image")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("new_image")
        if upload:
            record = MediaImage(
                file=upload,
                alt_text=form.cleaned_data.get("new_image_alt", "").strip(),
                credit=form.cleaned_data.get("new_image_credit", "").strip(),
                credit_url=form.cleaned_data.get("new_image_credit_url", ""),
                uploaded_by=request.user,
            )
            record.save()
            obj.image = record
        elif "image" in form.changed_data and obj.image_id is None:
            library.clear_brief_image(obj)
        super().save_model(request, obj, form, change)


class PortraitAdminMixin:
    """For AuthorAdmin: the portrait chosen from the library."""

    exclude = ["photo", "photo_alt"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "portrait":
            return library_field(db_field, label="Portrait")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if "portrait" in form.changed_data and obj.portrait_id is None:
            library.clear_author_portrait(obj)
        super().save_model(request, obj, form, change)


class FocalPointForm(forms.ModelForm):
    class Meta:
        model = MediaImage
        fields = ["file", "alt_text", "credit", "credit_url", "focal_x", "focal_y"]
        widgets = {
            "focal_x": forms.NumberInput(
                attrs={"step": "0.001", "min": "0", "max": "1"}
            ),
            "focal_y": forms.NumberInput(
                attrs={"step": "0.001", "min": "0", "max": "1"}
            ),
        }


@admin.register(MediaImage)
class MediaImageAdmin(admin.ModelAdmin):
    form = FocalPointForm
    list_display = ["thumbnail", "description", "credit", "use_count", "created_at"]
    list_display_links = ["thumbnail", "description"]
    search_fields = ["alt_text", "credit", "file"]
    readonly_fields = ["focal_point_picker", "used_by"]
    fieldsets = [
        (None, {"fields": ["file", "alt_text", "credit", "credit_url"]}),
        (
            "Focal point",
            {
                "description": "Click on the subject of the image: every crop of "
                "it keeps that point in view.",
                "fields": ["focal_point_picker", "focal_x", "focal_y"],
            },
        ),
        ("Used by", {"fields": ["used_by"]}),
    ]

    class Media:
        css = {"all": ["admin-desk/library.css"]}
        js = ["admin-desk/focal.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                brief_total=Count("briefs", distinct=True),
                author_total=Count("authors", distinct=True),
            )
        )

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # Its alt text and credit show at once on every published brief using it.
        if (
            obj is not None
            and obj.briefs.filter(status=Brief.Status.PUBLISHED).exists()
        ):
            return workflow.can_publish(request.user)
        return True

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Image")
    def thumbnail(self, record):
        info = library.thumbnail_of(record)
        if not info:
            return "(unreadable file)"
        small = info["sizes"][0]
        return format_html(
            '<img src="{}" width="96" height="64" alt="" class="desk-thumb">',
            small["url"],
        )

    @admin.display(description="Alt text", ordering="alt_text")
    def description(self, record):
        return record.alt_text or "(no alt text)"

    @admin.display(description="Used by", ordering="brief_total")
    def use_count(self, record):
        briefs, authors = record.brief_total, record.author_total
        parts = []
        if briefs:
            parts.append(f"{briefs} brief{'s' if briefs != 1 else ''}")
        if authors:
            parts.append(f"{authors} author{'s' if authors != 1 else ''}")
        return ", ".join(parts) or "unused"

    @admin.display(description="Click to set")
    def focal_point_picker(self, record):
        url = record.file.url if record is not None and record.file else ""
        x = record.focal_x if record is not None else 0.5
        y = record.focal_y if record is not None else 0.5
        return format_html(
            '<div class="desk-focal" data-x="{x}" data-y="{y}">'
            '<div class="desk-focal__stage">'
            '<img class="desk-focal__image" src="{url}" alt=""{hidden}>'
            '<span class="desk-focal__marker" aria-hidden="true"></span></div>'
            '<div class="desk-focal__previews">'
            '<figure><div class="desk-focal__crop desk-focal__crop--card">'
            '<img src="{url}" alt=""></div><figcaption>Card, 3:2</figcaption></figure>'
            '<figure><div class="desk-focal__crop desk-focal__crop--square">'
            '<img src="{url}" alt=""></div><figcaption>Portrait, 1:1</figcaption>'
            "</figure></div></div>",
            x=x,
            y=y,
            url=url,
            hidden=" hidden" if not url else "",
        )

    @admin.display(description="Briefs and authors")
    def used_by(self, record):
        if record is None or record.pk is None:
            return "Not used yet."
        briefs = list(record.briefs.only("pk", "title")[:50])
        authors = list(record.authors.only("pk", "name")[:50])
        if not briefs and not authors:
            return "Not used yet."
        from django.urls import reverse
        from django.utils.html import format_html_join

        links = [
            (reverse("admin:briefs_brief_change", args=[b.pk]), b.title) for b in briefs
        ] + [
            (reverse("admin:briefs_author_change", args=[a.pk]), a.name)
            for a in authors
        ]
        return format_html_join(", ", '<a href="{}">{}</a>', links)
