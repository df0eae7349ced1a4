"""Addresses of a brief's editions, for pages, feeds and citations."""

from django.urls import reverse


def pdf_path(brief):
    return reverse("editions:brief_pdf", kwargs={"slug": brief.slug})
