"""Consistency checks and load paths for the local cluster (bench/cluster.sh).

    cluster_checks.py checks   publish and unpublish through app server A; every
                               entry point must agree within a second
    cluster_checks.py paths N  N public paths for wrk, one a line

Runs with the cluster's environment (deploy/local-cluster.sh env): the ORM
picks the brief and makes the editor; everything else goes over HTTP, through
the admin's real login and list action, as an editor's browser would.
"""

import os
import sys
import threading
import time
from pathlib import Path

import django
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kei_site.settings.production")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from briefs.models import Author, Brief, Series  # noqa: E402

PORTS = {
    "app A": int(os.environ.get("APP1_PORT", 8701)),
    "app B": int(os.environ.get("APP2_PORT", 8702)),
    "load balancer": int(os.environ.get("LB_PORT", 8700)),
    "Varnish": int(os.environ.get("VARNISH_PORT", 8780)),
}
EDITOR = ("cluster-editor", "cluster-editor-password-7c1")
WITHIN = float(os.environ.get("CONSISTENT_WITHIN", 1.0))
GIVE_UP = 10.0


def base(entry):
    return f"http://127.0.0.1:{PORTS[entry]}"


def make_editor():
    user, _ = get_user_model().objects.get_or_create(username=EDITOR[0])
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(EDITOR[1])
    user.save()


def login(entry):
    session = requests.Session()
    url = base(entry) + "/admin/login/"
    session.get(url, timeout=10)
    response = session.post(
        url,
        data={
            "username": EDITOR[0],
            "password": EDITOR[1],
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/admin/",
        },
        headers={"Referer": url},
        timeout=10,
    )
    if "sessionid" not in session.cookies:
        sys.exit(f"FAIL: could not log in at {entry} ({response.status_code})")
    return session


def run_action(session, entry, action, brief):
    url = base(entry) + "/admin/briefs/brief/"
    session.get(url, timeout=10)
    response = session.post(
        url,
        data={
            "action": action,
            "_selected_action": str(brief.pk),
            "select_across": "0",
            "index": "0",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": url},
        timeout=30,
        allow_redirects=False,
    )
    if response.status_code != 302:
        sys.exit(f"FAIL: {action} at {entry} answered {response.status_code}")


def targets(brief):
    """Each public view of the brief: path, and the test that it is shown."""

    def in_body(response):
        return response.status_code == 200 and brief.slug in response.text

    def page(response):
        return response.status_code == 200

    return {
        "page": (brief.get_absolute_url(), page),
        "home": ("/", in_body),
        "RSS": ("/feeds/rss/", in_body),
        "Atom": ("/feeds/atom/", in_body),
        "JSON Feed": ("/feeds/json/", in_body),
        "sitemap": ("/sitemap.xml", in_body),
    }


def warm(brief):
    """Fill every cache (Redis, Varnish) with the current state first."""
    for entry in PORTS:
        for path, _ in targets(brief).values():
            for _ in range(2):
                requests.get(base(entry) + path, timeout=30)
    hits = [
        requests.get(base("Varnish") + path, timeout=30).headers.get("X-Cache")
        for path, _ in targets(brief).values()
    ]
    return hits.count("hit"), len(hits)


def watch(brief, shown, started):
    """From `started`, each entry's views in turn, until each agrees with `shown`.

    For each view: when the last stale answer was asked for (None: the first
    request already agreed) and when the first agreeing answer came back.
    """
    results = {}

    def poll(entry):
        for name, (path, test) in targets(brief).items():
            stale = None
            while True:
                sent = time.monotonic() - started
                response = requests.get(base(entry) + path, timeout=30)
                if test(response) is shown:
                    results[entry, name] = (stale, time.monotonic() - started)
                    break
                stale = sent
                if sent > GIVE_UP:
                    results[entry, name] = (stale, None)
                    break
                time.sleep(0.02)

    threads = [threading.Thread(target=poll, args=(entry,)) for entry in PORTS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def report(what, results):
    failed = False
    print(f"{what}: last stale answer asked at (- none) / first right one at, s")
    for entry in PORTS:
        cells = []
        for name in targets_names():
            stale, right = results[entry, name]
            if right is None or stale is not None and stale > WITHIN:
                failed = True
            stale_text = "-" if stale is None else f"{stale:.2f}"
            right_text = "NEVER" if right is None else f"{right:.2f}"
            cells.append(f"{name} {stale_text}/{right_text}")
        print(f"  {entry:14} " + "  ".join(cells))
    return failed


def targets_names():
    return ["page", "home", "RSS", "Atom", "JSON Feed", "sitemap"]


def checks():
    make_editor()
    brief = (
        Brief.objects.published()
        .filter(brief_authors__isnull=False, disclosure__isnull=False)
        .order_by("-published_at", "-pk")
        .first()
    )
    if brief is None:
        sys.exit("FAIL: no published brief to check with")
    print(f"brief {brief.pk} “{brief.title}” (/briefs/{brief.slug}/)")
    session = login("app A")
    failed = False
    for action, shown in (("unpublish", False), ("publish_now", True)):
        hits, total = warm(brief)
        print(f"{action}: Varnish held {hits} of {total} views before the action")
        began = time.monotonic()
        run_action(session, "app A", action, brief)
        # From the editor's answer: the save, the replica's replay and the
        # purge are all done by then.
        started = time.monotonic()
        results = watch(brief, shown, started)
        took = started - began
        print(f"{action} through app A answered in {took:.2f} s (commit, purge)")
        failed |= report("gone" if not shown else "back", results)
    brief.refresh_from_db()
    if not brief.is_public:
        print("FAIL: the brief did not end public")
        failed = True
    print("consistency checks:", "FAILED" if failed else f"passed (within {WITHIN} s)")
    return 1 if failed else 0


def paths(count):
    """Pages a reader would ask for: mostly briefs, some lists and feeds."""
    found = ["/", "/?page=2", "/series/", "/authors/", "/feeds/rss/", "/feeds/atom/"]
    found += [
        f"/authors/{slug}/" for slug in Author.objects.values_list("slug", flat=True)
    ]
    found += [
        f"/series/{slug}/" for slug in Series.objects.values_list("slug", flat=True)
    ]
    slugs = (
        Brief.objects.published()
        .order_by("-published_at")
        .values_list("slug", flat=True)[: max(0, count - len(found))]
    )
    found += [f"/briefs/{slug}/" for slug in slugs]
    for path in found[:count]:
        print(path)
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "checks"
    if command == "paths":
        sys.exit(paths(int(sys.argv[2]) if len(sys.argv) > 2 else 2000))
    sys.exit(checks())
