"""The FARA filing register: entries at each public moment, 48 hours to file."""

import csv
import importlib
import io
import zipfile
from datetime import datetime, timedelta
from unittest import mock

import pdfplumber
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from briefs.editions import compliance, register
from briefs.models import Brief, FilingEntry

from .admin_client import client_for, editor, form_data, make_user
from .factories import make_author, make_brief

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(datetime(2026, 3, 2, 9, 0))


def frozen(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def text_of(data):
    with pdfplumber.open(io.BytesIO(data)) as document:
        return " ".join((page.extract_text() or "") for page in document.pages)


@pytest.fixture
def officer():
    return client_for(make_user(compliance.COMPLIANCE))


def dashboard(client):
    response = client.get(reverse("admin:briefs_brief_dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_compliance_group_matches_its_migration():
    group = Group.objects.get(name=compliance.COMPLIANCE)
    perms = {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
    }
    assert perms == set(compliance.COMPLIANCE_PERMISSIONS)
    migration = importlib.import_module("briefs.migrations.0011_travel_compliance_role")
    assert migration.COMPLIANCE_PERMISSIONS == compliance.COMPLIANCE_PERMISSIONS


def test_publishing_opens_an_entry_with_its_deadline(
    django_capture_on_commit_callbacks,
):
    with frozen(T0), django_capture_on_commit_callbacks(execute=True):
        draft = make_brief("The Alliance", status=Brief.Status.DRAFT)
    assert not FilingEntry.objects.exists()  # a draft transmits nothing
    with (
        frozen(T0 + timedelta(hours=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        draft.status = Brief.Status.PUBLISHED
        draft.published_at = T0 + timedelta(hours=1)
        draft.save()
    (entry,) = FilingEntry.objects.all()
    assert entry.reason == FilingEntry.Reason.FIRST
    assert entry.transmitted_at == T0 + timedelta(hours=1)
    assert entry.due_at == T0 + timedelta(hours=49)
    assert (
        entry.foreign_principal == "Korea Institute for International Economic Policy"
    )
    assert entry.registrant == "Korea Economic Institute of America"
    assert entry.channels == ["site", "feeds", "PDF"]
    assert entry.url.endswith(draft.get_absolute_url())
    # Saving again without a change opens nothing.
    with (
        frozen(T0 + timedelta(hours=2)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        draft.save()
    assert FilingEntry.objects.count() == 1


def test_each_change_while_public_opens_an_entry(django_capture_on_commit_callbacks):
    author = make_author("Jane Roe")
    with frozen(T0), django_capture_on_commit_callbacks(execute=True):
        brief = make_brief("Original title", authors=[author], published_at=T0)
    later = T0 + timedelta(days=3)
    with frozen(later), django_capture_on_commit_callbacks(execute=True):
        brief.title = "Corrected title"
        brief.save()
    with (
        frozen(later + timedelta(hours=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        author.bio = "Jane Roe is now a Senior Fellow."
        author.save()
    with (
        frozen(later + timedelta(hours=2)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        disclosure = brief.disclosure
        disclosure.text += " Filed with the Department of Justice."
        disclosure.save()
    entries = list(FilingEntry.objects.order_by("transmitted_at"))
    assert [e.reason for e in entries] == ["first", "change", "change", "change"]
    assert [e.transmitted_at for e in entries] == [
        T0,
        later,
        later + timedelta(hours=1),
        later + timedelta(hours=2),
    ]
    assert all(e.due_at - e.transmitted_at == timedelta(hours=48) for e in entries)
    # The package holds the brief as it was at that version.
    first_pdf = text_of(register.package_pdf(entries[0]))
    assert "Original title" in first_pdf and "Corrected title" not in first_pdf
    assert "Corrected title" in text_of(register.package_pdf(entries[1]))


def test_scheduled_brief_opens_its_entry_at_its_time_and_the_clock_runs(officer):
    with frozen(T0 - timedelta(days=1)):
        brief = make_brief("Scheduled one", published_at=T0)
        dashboard(officer)
        assert not FilingEntry.objects.exists()
    # The sweep runs late (no job at T0): the deadline still counts from T0.
    with frozen(T0 + timedelta(hours=5)):
        page = dashboard(officer)
        (entry,) = FilingEntry.objects.all()
        assert entry.transmitted_at == T0 and entry.brief == brief
        assert entry.due_at == T0 + timedelta(hours=48)
        assert "Scheduled one" in page and "filing-due" in page
        assert "filing-overdue" not in page
    with frozen(T0 + timedelta(hours=47, minutes=59)):
        assert register.outstanding() == ([entry], [])
    with frozen(T0 + timedelta(hours=48, minutes=1)):
        page = dashboard(officer)
        assert register.outstanding() == ([], [entry])
        assert "filing-overdue" in page and "Overdue" in page
        # Compliance files it: date and reference, through the admin.
        change = reverse("admin:briefs_filingentry_change", args=[entry.pk])
        data = form_data(officer.get(change))
        data.update(filed_on="2026-03-04", filing_reference="")
        response = officer.post(change, data)
        assert response.status_code == 200  # refused: no reference
        data.update(filing_reference="FARA-6069-0042")
        response = officer.post(change, data)
        assert response.status_code == 302
        entry.refresh_from_db()
        assert entry.filed_on.isoformat() == "2026-03-04"
        assert entry.filed_by.username == "compliance"
        page = dashboard(officer)
        assert "filing-overdue" not in page and "Nothing to file" in page


def test_editors_cannot_mark_filed_and_contributors_cannot_see(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        make_brief("Public")
    entry = FilingEntry.objects.get()
    change = reverse("admin:briefs_filingentry_change", args=[entry.pk])
    editors = client_for(editor())
    assert editors.get(change).status_code == 403
    superuser = client_for(make_user(superuser=True))
    data = form_data(superuser.get(change))
    data.update(filed_on=str(timezone.localdate()), filing_reference="R-1")
    assert superuser.post(change, data).status_code == 302
    # The register keeps everything: no adding, no deleting.
    assert superuser.get(reverse("admin:briefs_filingentry_add")).status_code == 403
    delete = reverse("admin:briefs_filingentry_delete", args=[entry.pk])
    assert superuser.get(delete).status_code == 403


def test_filing_package_is_one_download(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        brief = make_brief("Packaged brief")
    entry = FilingEntry.objects.get()
    url = reverse("admin:briefs_filingentry_package", args=[entry.pk])
    response = officer.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert [name.rsplit("/", 1)[1] for name in names] == [
        "00-cover-sheet.pdf",
        "01-material-copy-1.pdf",
        "02-material-copy-2.pdf",
    ]
    cover = " ".join(text_of(archive.read(names[0])).split())
    for expected in (
        "Korea Economic Institute of America",
        "Korea Institute for International Economic Policy",
        entry.url,
        "site, feeds, PDF",
        "Packaged brief",
    ):
        assert expected in cover
    assert "Packaged brief" in text_of(archive.read(names[1]))
    assert brief.title in text_of(archive.read(names[2]))
    assert client_for(editor()).get(url).status_code == 403


def test_csv_for_a_period(officer, django_capture_on_commit_callbacks):
    for days, title in [(0, "March brief"), (40, "April brief"), (200, "Autumn brief")]:
        with (
            frozen(T0 + timedelta(days=days)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            make_brief(title, published_at=T0 + timedelta(days=days))
    export = reverse("admin:briefs_filingentry_export")
    response = officer.get(export, {"start": "2026-03-01", "end": "2026-04-30"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["title"] for row in rows] == ["March brief", "April brief"]
    assert rows[0]["transmitted_at"].startswith("2026-03-02T09:00")
    assert rows[0]["status"] == "overdue" and rows[0]["filed_on"] == ""
    assert officer.get(export, {"start": "2026-05-01"}).status_code == 400
    out = io.StringIO()
    with mock.patch("sys.stdout", out):
        call_command("fara_register", "--csv", "2026-09-01", "2026-12-31")
    assert "Autumn brief" in out.getvalue() and "March brief" not in out.getvalue()


def test_sweep_command_opens_entries_for_imported_briefs(imported_reference):
    # The importer writes new briefs in bulk, without signals: the sweep finds them.
    assert not FilingEntry.objects.exists()
    out = io.StringIO()
    call_command("fara_register", stdout=out)
    assert FilingEntry.objects.count() == 3
    assert "opened: Korea Policy Series: Building Up" in out.getvalue()
    call_command("fara_register", stdout=io.StringIO())
    assert FilingEntry.objects.count() == 3
