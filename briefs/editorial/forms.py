"""The brief change form: the chosen workflow button, publish checks, version check."""

from adminsortable2.admin import CustomInlineFormSet
from django import forms
from django.conf import settings
from django.contrib.admin.helpers import ActionForm
from django.utils import timezone

from briefs import history
from briefs.models import Brief, SlugRedirect

from . import conflicts, workflow
from .categories import CategoriesField, bind_categories
from .media_admin import NewImageForm

# The submit buttons of the change form post their intent under this name.
INTENT_FIELD = "_workflow"
KEEP = "keep"
INTENTS = {
    KEEP: None,
    "draft": Brief.Status.DRAFT,
    "review": Brief.Status.REVIEW,
    "publish": Brief.Status.PUBLISHED,
}


# Not content: a revert leaves these as they are now (see editorial.compare).
KEPT_ON_REVERT = (
    "published_at",
    "slug",
    "series",
    "is_series_announcement",
    "full_paper_url",
    "disclosure",
)


class PublishDateTimeField(forms.DateTimeField):
    """One date-and-time box in the site's zone, the same in the form and action.

    The browser's own picker (datetime-local) rather than the admin's two boxes
    and its "Now" link, which uses the browser's zone, not the site's.
    """

    input_formats = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", f"Publish date and time ({settings.TIME_ZONE})")
        kwargs.setdefault(
            "widget",
            forms.DateTimeInput(
                format="%Y-%m-%dT%H:%M:%S",
                attrs={"type": "datetime-local", "step": "1"},
            ),
        )
        super().__init__(**kwargs)


def intent_from(data) -> str:
    intent = data.get(INTENT_FIELD, KEEP) if data else KEEP
    return intent if intent in INTENTS else KEEP


class BriefAdminForm(NewImageForm, forms.ModelForm):
    """Set by BriefAdmin.get_form for each request: who asks, and which button."""

    intent = KEEP
    user_can_publish = False
    user_can_create_categories = False
    # The history record a revert starts from, if this form is the revert form.
    revert_record = None
    # Set by editorial.conflicts when a save from an older version is refused.
    conflict = None

    # The version the editor started from; a save from an older one is refused.
    # Not named "version": the model field is not editable, so a form field of
    # that name is refused by the admin.
    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    published_at = PublishDateTimeField(
        required=False,
        help_text="Readers see the brief from this moment; empty means when "
        "it is published.",
    )
    categories = CategoriesField(required=False)
    # On the revert form only: a revert keeps the brief's publish date unless asked.
    restore_published_at = forms.BooleanField(
        required=False,
        label="Also restore this version's publish date",
        help_text="Left unticked, the brief keeps its current publish date.",
    )

    class Meta:
        model = Brief
        # BriefAdmin's fieldsets choose the fields; these are the editable ones.
        fields = [
            "title",
            "slug",
            "published_at",
            "updated_on",
            "summary",
            "body",
            "categories",
            "series",
            "is_series_announcement",
            "full_paper_url",
            # From the media library; the brief's image columns are its copies.
            "image",
            "disclosure",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bind_categories(self)
        self.current = None
        if self.instance.pk is not None:
            # Read from the database: the revert form starts from an old copy.
            self.current = (
                Brief.objects.filter(pk=self.instance.pk)
                .values("status", "version", *KEPT_ON_REVERT)
                .first()
            )
        if self.current is not None:
            self.fields["based_on_version"].initial = self.current["version"]
        # What a save changes in the byline and categories goes in its history.
        self.byline_before = None
        if self.current is not None and self.is_bound:
            pk = self.instance.pk
            self.byline_before = history.current_snapshots([pk])[pk]
        if self.revert_record is not None and not self.is_bound:
            # The instance's tags are today's; the revert shows that version's.
            tags = history.category_tags(self.revert_record)
            if tags is not None:
                self.initial["categories"] = tags
            if self.current is not None:
                # A revert restores content; the address, the series, the
                # disclosure and the publish date stay as they are now.
                for name in KEPT_ON_REVERT:
                    self.initial[name] = self.current[name]
        self.target_status = None

    def current_status(self):
        return self.current["status"] if self.current else Brief.Status.DRAFT

    def clean_published_at(self):
        value = self.cleaned_data.get("published_at")
        before = self.current["published_at"] if self.current else None
        # The box shows whole seconds: an untouched date keeps its exact value, or
        # every save would move it and show as a change in the history.
        if value and before and value == before.replace(microsecond=0):
            return before
        return value

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = SlugRedirect.objects.filter(old_slug=slug)
        if self.instance.pk is not None:
            taken = taken.exclude(brief_id=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                "This slug is the old address of another brief; choose another."
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        self.check_version(cleaned)
        if self.revert_record is not None and cleaned.get("restore_published_at"):
            cleaned["published_at"] = self.revert_record.published_at
        current = self.current_status()
        target = INTENTS[self.intent] or current
        self.target_status = target
        published = Brief.Status.PUBLISHED
        changes_publication = published in (current, target) and current != target
        if changes_publication and not self.user_can_publish:
            raise forms.ValidationError(
                "You may save drafts and submit them for review; publishing, "
                "scheduling and unpublishing are for editors.",
                code="publish_permission",
            )
        if target == published:
            if self.intent == "publish" and not cleaned.get("published_at"):
                cleaned["published_at"] = timezone.now()
            self.instance.published_at = cleaned.get("published_at")
            self.instance.title = cleaned.get("title", "")
            self.instance.disclosure = cleaned.get("disclosure")
            by_field = workflow.missing_by_field(self.instance, check_authors=False)
            missing = [text for _field, text in by_field]
            if self.revert_record is not None:
                # No inline on the revert form: the byline is the version's.
                restorable = history.restorable_authors(self.revert_record)
                if restorable is not None and not restorable[0]:
                    missing.append("at least one author")
            if missing:
                # Said at the top and again beside each field it names.
                for field, text in by_field:
                    if field in self.fields and field not in self.errors:
                        self.add_error(field, f"Needed to publish: {text}.")
                raise forms.ValidationError(
                    workflow.publish_refusal(missing), code="publish_incomplete"
                )
        # The inline formset is built on this instance and checks its authors when
        # the brief is to be published.
        self.instance.status = target
        return cleaned

    def check_version(self, cleaned):
        if self.instance.pk is None:
            return
        row = (
            Brief.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if row is None or cleaned.get("based_on_version") == row:
            return
        # Not applied over the other save: merged field by field instead.
        conflicts.check(self, cleaned, row)


class BriefAuthorFormSet(CustomInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.status != Brief.Status.PUBLISHED:
            return
        authors = [
            form
            for form in self.forms
            if form.cleaned_data.get("author")
            and not form.cleaned_data.get("DELETE", False)
        ]
        if not authors:
            raise forms.ValidationError(
                workflow.publish_refusal(["at least one author"]),
                code="publish_incomplete",
            )


class BriefActionForm(ActionForm):
    publish_at = PublishDateTimeField(
        required=False,
        label=f"Schedule for ({settings.TIME_ZONE})",
        help_text="for the Schedule action",
    )
