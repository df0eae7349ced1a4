"""Public views of the editions: the PDF of a published brief."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404

from ..feeds.conditional import Validators, apply_validators, precondition_response
from ..models import Brief
from . import pdf

# The file of one edition never changes (a new version is a new edition), but
# the URL moves to the next edition when the brief changes: a short shared-cache
# life, revalidated by ETag.
PDF_MAX_AGE = 300


def brief_pdf(request, slug):
    # Drafts and scheduled briefs are 404, as their pages are.
    brief = get_object_or_404(Brief.objects.published().for_listing(), slug=slug)
    edition = pdf.edition_for(brief, pdf.site_url_of(request))
    validators = Validators(
        etag=f'"{edition.content_key[:32]}"', last_modified=edition.created_at
    )
    not_modified = precondition_response(request, validators, PDF_MAX_AGE)
    if not_modified is not None:
        return not_modified
    response = FileResponse(
        edition.file.open("rb"),
        content_type="application/pdf",
        filename=f"{brief.slug[:80]}.pdf",
    )
    response["Content-Length"] = str(edition.size)
    return apply_validators(response, validators, PDF_MAX_AGE)
