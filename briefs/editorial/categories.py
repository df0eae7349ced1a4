"""Choosing a brief's categories: an autocomplete over the existing ones.

The form posts category names (taggit's own currency, so a revert can offer a
version's categories by name). A name that is not yet a category is a new
category, and only those with taggit's add permission (editors) may make one:
the check is here, on the server, whatever the page offered.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path, reverse
from taggit.models import Tag

CREATE_PERMISSION = "taggit.add_tag"
PAGE_SIZE = 20
NAME_LENGTH = Tag._meta.get_field("name").max_length


def may_create(user) -> bool:
    return bool(user is not None and user.has_perm(CREATE_PERMISSION))


def _names(value):
    if not value:
        return []
    if isinstance(value, str):
        value = [value]
    names = []
    for item in value:
        # A form posted without the autocomplete may send "Japan, Asia" in one
        # value, as taggit's text box did; the box never makes a comma.
        candidates = [item.name] if isinstance(item, Tag) else str(item).split(",")
        for name in candidates:
            name = " ".join(name.split())
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return names


def _unknown(names):
    """The names that are no category yet, matched as taggit will match them."""
    if not names:
        return []
    if getattr(settings, "TAGGIT_CASE_INSENSITIVE", False):
        query = Q()
        for name in names:
            query |= Q(name__iexact=name)
        found = Tag.objects.filter(query).values_list("name", flat=True)
        known = {name.casefold() for name in found}
        return [n for n in names if n.casefold() not in known]
    known = set(Tag.objects.filter(name__in=names).values_list("name", flat=True))
    return [n for n in names if n not in known]


class CategoriesWidget(forms.SelectMultiple):
    """A <select multiple> holding only the chosen names; the rest come on demand."""

    template_name = "django/forms/widgets/select.html"

    def __init__(self, attrs=None):
        super().__init__({"class": "desk-categories", **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            js=[
                "admin/js/vendor/jquery/jquery.min.js",
                "admin/js/vendor/select2/select2.full.min.js",
                "admin/js/jquery.init.js",
                "admin-desk/categories.js",
            ],
            css={
                "screen": [
                    "admin/css/vendor/select2/select2.min.css",
                    "admin/css/autocomplete.css",
                ]
            },
        )

    def format_value(self, value):
        return _names(value)

    def get_context(self, name, value, attrs):
        self.choices = [(n, n) for n in _names(value)]
        return super().get_context(name, value, attrs)

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class CategoriesField(forms.Field):
    """A list of category names; new ones only for those who may create them."""

    widget = CategoriesWidget
    may_create = False

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Categories")
        kwargs.setdefault(
            "help_text", "Type to find a category; choose as many as apply."
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return _names(value)

    def to_python(self, value):
        return _names(value)

    def validate(self, value):
        super().validate(value)
        too_long = [n for n in value if len(n) > NAME_LENGTH]
        if too_long:
            raise forms.ValidationError(
                "A category name has at most %(limit)s characters: %(names)s.",
                code="category_too_long",
                params={"limit": NAME_LENGTH, "names": ", ".join(too_long)},
            )
        if self.may_create:
            return
        unknown = _unknown(value)
        if unknown:
            raise forms.ValidationError(
                "Only editors can create categories; choose existing ones. "
                "Not a category yet: %(names)s.",
                code="category_create_permission",
                params={"names": ", ".join(unknown)},
            )

    def has_changed(self, initial, data):
        return {n.casefold() for n in _names(initial)} != {
            n.casefold() for n in _names(data)
        }


def bind_categories(form):
    """Give the form's field its right to create, and tell the page."""
    field = form.fields.get("categories")
    if not isinstance(field, CategoriesField):
        return
    field.may_create = bool(getattr(form, "user_can_create_categories", False))
    field.widget.attrs.update(
        {
            "data-url": reverse("admin:briefs_brief_categories"),
            "data-create": "1" if field.may_create else "0",
            "data-placeholder": "Find a category"
            + (" or type a new one" if field.may_create else ""),
        }
    )


def autocomplete_view(request):
    """{"results": [{"id", "text"}], "pagination": {"more"}} as select2 expects."""
    if not request.user.has_perm("briefs.view_brief"):
        raise PermissionDenied
    term = " ".join(request.GET.get("term", "").split())
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    tags = Tag.objects.order_by("name")
    if term:
        tags = tags.filter(name__icontains=term)
    start = (page - 1) * PAGE_SIZE
    names = list(tags.values_list("name", flat=True)[start : start + PAGE_SIZE + 1])
    return JsonResponse(
        {
            "results": [{"id": n, "text": n} for n in names[:PAGE_SIZE]],
            "pagination": {"more": len(names) > PAGE_SIZE},
        }
    )


class CategoriesAdminMixin:
    """For BriefAdmin: the autocomplete's URL and the field's right per request."""

    def get_urls(self):
        return [
            path(
                "categories/",
                self.admin_site.admin_view(autocomplete_view),
                name="briefs_brief_categories",
            )
        ] + super().get_urls()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory made a new class for this request; safe to set on it.
        form.user_can_create_categories = may_create(request.user)
        return form
