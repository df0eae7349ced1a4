"""Staged admin imports: owned by the uploader, cleaned up, large ones in the
background with a progress page; through the admin's real views with CSRF."""

import io
import json
import os
import re
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from briefs.editorial.import_jobs import short_upload_name, staging_root
from briefs.models import Brief, ImportJob
from tests.admin_client import client_for, editor, form_data, make_user

pytestmark = pytest.mark.django_db
URL = "/admin/briefs/brief/import/"


def check_files(client, *files):
    page = client.get(URL)
    data = {**form_data(page), "files": list(files)}
    data["publish"] = "on"
    return client.post(URL, data)


def reference_upload(reference_export, name="ref.txt"):
    return SimpleUploadedFile(name, reference_export.read_bytes())


def staged_folders():
    root = staging_root()
    return sorted(path.name for path in root.iterdir()) if root.is_dir() else []


def second_editor():
    from briefs.editorial.roles import EDITOR

    return make_user(EDITOR, username="other-editor")


def test_another_users_token_is_refused(reference_export):
    owner, intruder = client_for(editor()), client_for(second_editor())
    checked = check_files(owner, reference_upload(reference_export))
    token = form_data(checked)["token"]
    # The intruder's own CSRF token, the owner's staged upload.
    forged = {**form_data(intruder.get(URL)), "token": token, "confirm": "Import"}

    response = intruder.post(URL, forged, follow=True)

    assert "The uploaded files have expired" in response.content.decode()
    assert not Brief.objects.exists()
    assert staged_folders() == [token]
    cancel = {**form_data(intruder.get(URL)), "token": token, "cancel": "Cancel"}
    intruder.post(URL, cancel)
    assert staged_folders() == [token]
    assert intruder.get(f"{URL}{token}/").status_code == 404
    assert intruder.get(f"{URL}{token}/status/").status_code == 404

    owner.post(URL, {**form_data(checked), "confirm": "Import"})
    assert Brief.objects.count() == 3


def test_the_staged_files_are_removed_when_imported(reference_export):
    client = client_for(editor())
    checked = check_files(client, reference_upload(reference_export))
    token = form_data(checked)["token"]
    assert staged_folders() == [token]

    client.post(URL, {**form_data(checked), "confirm": "Import"})

    assert staged_folders() == []
    assert ImportJob.objects.get(pk=token).state == ImportJob.State.DONE
    again = client.post(URL, {**form_data(checked), "confirm": "Import"}, follow=True)
    assert "The uploaded files have expired" in again.content.decode()


def test_cancel_removes_the_staged_files(reference_export):
    client = client_for(editor())
    checked = check_files(client, reference_upload(reference_export))
    assert 'name="cancel"' in checked.content.decode()

    response = client.post(URL, {**form_data(checked), "cancel": "Cancel"}, follow=True)

    assert "Import cancelled" in response.content.decode()
    assert staged_folders() == []
    confirm = client.post(URL, {**form_data(checked), "confirm": "Import"})
    assert confirm.status_code == 302 and not Brief.objects.exists()


def test_a_dry_run_with_nothing_importable_keeps_no_files():
    client = client_for(editor())
    check_files(client, SimpleUploadedFile("empty.txt", b""))
    assert staged_folders() == []


def make_stale(token, hours=25):
    old = timezone.now() - timedelta(hours=hours)
    ImportJob.objects.filter(pk=token).update(created_at=old)
    folder = staging_root() / token
    os.utime(folder, (time.time() - hours * 3600,) * 2)


def test_stale_uploads_are_removed_on_the_next_visit(reference_export):
    client = client_for(editor())
    stale = form_data(check_files(client, reference_upload(reference_export)))
    make_stale(stale["token"])
    fresh = form_data(check_files(client, reference_upload(reference_export)))

    client.get(URL)

    assert staged_folders() == [fresh["token"]]
    assert ImportJob.objects.get(pk=stale["token"]).state == "expired"


def test_the_cleanup_command_removes_stale_uploads_and_orphans(reference_export):
    client = client_for(editor())
    token = form_data(check_files(client, reference_upload(reference_export)))["token"]
    orphan = staging_root() / "left-by-a-crash"
    orphan.mkdir()
    (orphan / "0000-a.txt").write_text("x")
    os.utime(orphan, (time.time() - 90000,) * 2)
    out = io.StringIO()

    call_command("clean_import_staging", stdout=out)
    assert staged_folders() == [token]  # fresh: kept
    assert "1 staged upload(s) removed" in out.getvalue()

    call_command("clean_import_staging", "--max-age", "0", stdout=out)
    assert staged_folders() == []


def test_a_300_character_upload_name_is_shortened(reference_export):
    long_name = "brief-" + "x" * 290 + ".txt"
    assert len(long_name) == 300
    client = client_for(editor())

    checked = check_files(client, reference_upload(reference_export, long_name))

    assert checked.status_code == 200
    page = checked.content.decode()
    shown = short_upload_name(long_name)
    assert len(shown) <= 80 and shown.endswith("….txt") and shown in page
    confirmed = client.post(URL, {**form_data(checked), "confirm": "Import"})
    assert confirmed.status_code == 302 and Brief.objects.count() == 3
    assert Brief.objects.first().source_file == shown


def test_short_upload_name_keeps_the_suffix_and_fits_a_file_system():
    assert short_upload_name("../../etc/report.pdf") == "report.pdf"
    name = short_upload_name("한" * 300 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= 200


@pytest.fixture
def roles_present():
    """The role groups, which a flush by an earlier transactional test removes."""
    from django.contrib.auth.models import Group, Permission

    from briefs.editorial.roles import ROLE_PERMISSIONS

    for name, perms in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.set(
                Permission.objects.get(content_type__app_label=app, codename=code)
                for app, code in (perm.split(".") for perm in perms)
            )


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def status_of(client, token):
    return json.loads(client.get(f"{URL}{token}/status/").content)


# The worker closes its connection between tasks, which a test transaction cannot
# survive: these tests commit, and restore the roles afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_import_runs_in_the_background_with_a_progress_page(
    reference_export, settings, roles_present
):
    settings.IMPORT_BACKGROUND_MIN_BYTES = 1
    client = client_for(editor())
    page = client.get(URL)
    data = {
        **form_data(page),
        "files": [
            reference_upload(reference_export, "a.txt"),
            SimpleUploadedFile("b.txt", b"not an export at all"),
        ],
    }
    data["publish"] = "on"

    uploaded = client.post(URL, data)

    # Even the dry run is the worker's.
    token = str(ImportJob.objects.get().pk)
    progress_url = f"{URL}{token}/"
    assert uploaded.status_code == 302 and uploaded["Location"] == progress_url
    page = client.get(progress_url).content.decode()
    assert "Dry run under way" in page and "0 of 2" in page
    # No inline script: the page polls from a static file.
    scripts = re.findall(r"<script[^>]*>", page)
    assert any("briefs/import_progress.js" in tag for tag in scripts)
    assert all("src=" in tag for tag in scripts)
    assert status_of(client, token) == {
        "state": "checking",
        "state_label": "Dry run under way",
        "files_done": 0,
        "files_total": 2,
        "finished": False,
        "working": True,
    }
    assert f'href="{progress_url}"' in client.get(URL).content.decode()

    run_worker()

    checked = client.get(progress_url)
    page = checked.content.decode()
    assert "Dry run: nothing has been written yet" in page
    assert "Building Up Japan-South Korea Rapprochement" in page and "(created)" in page
    assert "b.txt" in page and "failed:" in page
    assert status_of(client, token)["working"] is False
    assert not Brief.objects.exists()

    confirmed = client.post(URL, {**form_data(checked), "confirm": "Import"})

    assert confirmed.status_code == 302 and confirmed["Location"] == progress_url
    assert not Brief.objects.exists()  # the worker has not run yet
    assert status_of(client, token)["state"] == "queued"
    assert "Waiting for the worker" in client.get(progress_url).content.decode()

    run_worker()

    status = status_of(client, token)
    assert (status["state"], status["files_done"], status["finished"]) == (
        "done",
        2,
        True,
    )
    assert Brief.objects.count() == 3
    assert set(Brief.objects.values_list("status", flat=True)) == {"published"}
    assert staged_folders() == []
    page = client.get(progress_url).content.decode()
    assert "Imported" in page and "(created)" in page and "failed:" in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_background_import_can_be_cancelled_and_is_the_uploaders_only(
    reference_export, settings, roles_present
):
    settings.IMPORT_BACKGROUND_MIN_BYTES = 1
    client = client_for(editor())
    check_files(client, reference_upload(reference_export))
    token = str(ImportJob.objects.get().pk)
    progress = client.get(f"{URL}{token}/")

    intruder = client_for(second_editor())
    forged = {**form_data(intruder.get(URL)), "token": token}
    assert intruder.post(f"{URL}{token}/cancel/", forged).status_code == 404
    assert ImportJob.objects.get(pk=token).state == "checking"

    client.post(f"{URL}{token}/cancel/", form_data(progress))
    run_worker()

    assert ImportJob.objects.get(pk=token).state == "cancelled"
    assert not Brief.objects.exists() and staged_folders() == []


def test_uploads_are_streamed_to_disk_and_csrf_is_still_checked(
    reference_export, monkeypatch
):
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from briefs.editorial import import_jobs

    seen = []
    real = import_jobs.stage_uploads

    def spy(user, files, **options):
        seen.extend(type(upload) for upload in files)
        return real(user, files, **options)

    monkeypatch.setattr(import_jobs, "stage_uploads", spy)
    client = client_for(editor())
    check_files(client, reference_upload(reference_export))
    assert seen == [TemporaryUploadedFile]

    forged = client.post(URL, {"files": [reference_upload(reference_export)]})
    assert forged.status_code == 403
    assert len(seen) == 1
