from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from briefs.models import Author, Brief, BriefAuthor, Disclosure, ascii_slug
from tests.factories import make_author, make_brief, make_series

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_review_and_future_briefs():
    visible = make_brief("Visible")
    make_brief("Draft", status=Brief.Status.DRAFT)
    make_brief("In review", status=Brief.Status.REVIEW)
    make_brief("Scheduled", published_at=timezone.now() + timedelta(hours=1))
    undated = make_brief("Undated")
    Brief.objects.filter(pk=undated.pk).update(published_at=None)

    assert list(Brief.objects.published()) == [visible]


def test_published_includes_a_brief_at_its_exact_publication_time(monkeypatch):
    moment = timezone.now()
    brief = make_brief(published_at=moment)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    assert list(Brief.objects.published()) == [brief]
    monkeypatch.setattr(timezone, "now", lambda: moment - timedelta(microseconds=1))
    assert list(Brief.objects.published()) == []


def test_briefs_are_ordered_newest_first():
    older = make_brief(published_at=timezone.now() - timedelta(days=3))
    newer = make_brief(published_at=timezone.now() - timedelta(days=1))
    assert list(Brief.objects.all()) == [newer, older]


def test_slug_comes_from_the_title_without_accents():
    brief = make_brief("Séoul’s Élite: A Brief")
    assert brief.slug == "seouls-elite-a-brief"
    assert brief.get_absolute_url() == "/briefs/seouls-elite-a-brief/"


def test_body_is_rendered_and_sanitized_on_save():
    brief = make_brief(
        body="## Conclusion\n\nSafe *text*.\n\n<script>alert(1)</script>\n\n"
        '[x](javascript:alert(1)) <img src=x onerror="alert(1)">'
    )
    assert "<h2>Conclusion</h2>" in brief.body_html
    assert "<em>text</em>" in brief.body_html
    assert "<script" not in brief.body_html
    assert 'href="javascript' not in brief.body_html
    assert "onerror" not in brief.body_html


def test_a_level_one_heading_in_the_body_becomes_level_two():
    brief = make_brief(body="# Heading\n\nText.")
    assert "<h1>" not in brief.body_html
    assert "<h2>Heading</h2>" in brief.body_html


def test_co_author_order_is_kept():
    first, second, third = (make_author(n) for n in ("Zed A", "Amy B", "Mo C"))
    brief = make_brief(authors=[second, third, first])
    fetched = Brief.objects.for_listing().get(pk=brief.pk)
    assert [a.name for a in fetched.ordered_authors()] == ["Amy B", "Mo C", "Zed A"]


def test_an_author_appears_once_per_brief():
    author = make_author()
    brief = make_brief(authors=[author])
    with pytest.raises(IntegrityError):
        BriefAuthor.objects.create(brief=brief, author=author, order=1)


def test_disclosure_is_unique_by_normalized_text():
    Disclosure.objects.create(text="KEI is registered\nunder the FARA.")
    with pytest.raises(IntegrityError):
        Disclosure.objects.create(text="KEI  is registered under   the FARA.")


def test_a_disclosure_in_use_cannot_be_deleted():
    from django.db.models import ProtectedError

    brief = make_brief()
    with pytest.raises(ProtectedError):
        brief.disclosure.delete()


def test_author_sort_name_puts_the_surname_first():
    assert Author.objects.create(name="Scott Snyder").sort_name == "snyder scott"
    assert make_author("Victor D. Cha").sort_name == "cha victor d."


def test_author_slug_ignores_case_and_accents():
    assert ascii_slug("José Núñez") == ascii_slug("JOSE NUNEZ") == "jose-nunez"


def test_series_names_its_journal_issue():
    series = make_series(publication="Korea Policy", volume=3, issue=2)
    assert series.journal_issue == "Korea Policy, Vol. 3, Issue 2"
    assert str(series) == "Korea Policy Series (Korea Policy, Vol. 3, Issue 2)"


def test_one_series_per_journal_issue():
    make_series(publication="Korea Policy", volume=3, issue=2)
    with pytest.raises(IntegrityError):
        make_series(publication="Korea Policy", volume=3, issue=2)


def test_a_name_in_another_script_gets_a_readable_ascii_slug():
    slug = ascii_slug("이재명")
    assert slug == "ijaemyeong"
    assert ascii_slug(" 이재명 ") == slug != ascii_slug("윤석열")
    assert ascii_slug("Москва") == "moskva"
    author = Author.objects.create(name="이재명")
    assert author.get_absolute_url() == f"/authors/{slug}/"


def test_a_name_of_symbols_only_gets_a_stable_hash_slug():
    slug = ascii_slug("★★")
    assert slug.startswith("n-") and slug.isascii()
    assert ascii_slug("★★") == slug


def test_a_published_brief_without_a_disclosure_cannot_be_saved():
    from django.db import transaction

    make_brief("A draft may lack it", status=Brief.Status.DRAFT, disclosure=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_brief("Public without it", disclosure=None)
    assert not Brief.objects.filter(title="Public without it").exists()
