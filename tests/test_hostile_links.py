"""Link targets from imports and forms: only http(s) and site paths reach readers."""

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from briefs.links import absolute_link, safe_link
from briefs.models import Brief
from tests.admin_client import client_for, editor, form_data
from tests.factories import make_brief

HOSTILE_TARGETS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "//evil.example/x",
    "/\\evil.example/x",
    "https:evil",
]
# Whatever a reader's browser would follow to run script or leave the site.
LIVE_HOSTILE = re.compile(
    r"(?:href|src|content|contentUrl|L1  -)[\"'=:\s]*"
    r"(?:javascript|vbscript|data|file):|//evil|\\\\evil|java\\tscript",
    re.IGNORECASE,
)


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_unsafe_targets_are_refused(target):
    assert safe_link(target) == ""
    assert absolute_link(target, "https://site.example/briefs/x/") == ""


@pytest.mark.parametrize(
    "target",
    ["https://www.keia.org/paper.pdf", "http://example.org/a?b=c", "/briefs/other/"],
)
def test_web_and_site_targets_are_kept(target):
    assert safe_link(target) == target


def hostile_export(reference_export, tmp_path, target):
    text = reference_export.read_text()
    text = text.replace("[clicking here](#)", f"[clicking here]({target})")
    text = text.replace(
        "[Prime Minister's Office of Japan](#)",
        f"[Prime Minister's Office of Japan]({target})",
    )
    text = text.replace("[ROK Armed Forces](#)", f"[ROK Armed Forces]({target})")
    path = tmp_path / "hostile.txt"
    path.write_text(text)
    return path


PUBLIC_OUTPUTS = [
    "{page}",
    "{page}cite.ris",
    "{page}cite.bib",
    "/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/json/",
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["data:text/html,hi", "//evil.example/x", "vbscript:x", "file:///x"]
)
def test_imported_unsafe_links_are_dropped_with_a_warning_and_never_rendered(
    reference_export, tmp_path, client, target
):
    path = hostile_export(reference_export, tmp_path, target)
    out = io.StringIO()
    call_command("import_briefs", str(path), "--json", stdout=out)
    (report,) = json.loads(out.getvalue())
    warnings = json.dumps(report)
    assert "image credit link" in warnings and "only http and https" in warnings
    assert "from the body" in warnings  # the series note's "clicking here"
    for brief in Brief.objects.all():
        assert brief.image_credit_url == "" and brief.full_paper_url == ""
        for url in PUBLIC_OUTPUTS:
            body = client.get(url.format(page=brief.get_absolute_url())).content
            assert not LIVE_HOSTILE.search(body.decode()), url


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_rows_written_around_the_checks_are_still_filtered_everywhere(client, target):
    # The shell or an old import may have stored anything: rendering filters too.
    brief = make_brief("Stored before the check")
    Brief.objects.filter(pk=brief.pk).update(
        image_credit="Someone", image_credit_url=target, full_paper_url=target
    )
    page = brief.get_absolute_url()
    for url in PUBLIC_OUTPUTS:
        body = client.get(url.format(page=page)).content.decode()
        assert not LIVE_HOSTILE.search(body), (url, target)
    # citation_pdf_url names the brief's own PDF edition, never the stored link.
    pdf_tag = (
        f'name="citation_pdf_url" content="http://testserver/briefs/{brief.slug}.pdf"'
    )
    assert pdf_tag in client.get(page).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form_field", "field"),
    [
        # The credit link of an image uploaded in the brief form (media library).
        ("new_image_credit_url", "image_credit_url"),
        ("full_paper_url", "full_paper_url"),
    ],
    ids=["credit", "paper"],
)
def test_the_admin_refuses_an_unsafe_link(form_field, field):
    brief = make_brief("Live", status=Brief.Status.PUBLISHED)
    client = client_for(editor())
    url = reverse("admin:briefs_brief_change", args=[brief.pk])
    data = form_data(client.get(url))
    data[form_field] = "ftp://files.example/paper.pdf"
    data["_workflow"] = "save"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Enter an http:// or https:// address" in response.content.decode()
    brief.refresh_from_db()
    assert getattr(brief, field) == ""


@pytest.mark.django_db
def test_the_media_library_refuses_an_unsafe_credit_link():
    from briefs.media_models import MediaImage

    field = MediaImage._meta.get_field("credit_url")
    with pytest.raises(ValidationError):
        field.clean("ftp://files.example/photo.jpg", None)
