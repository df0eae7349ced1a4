from django.urls import path

from . import subscribe, views

app_name = "editions"

urlpatterns = [
    path("briefs/<slug:slug>.pdf", views.brief_pdf, name="brief_pdf"),
    path("subscribe/", subscribe.subscribe_view, name="subscribe"),
    path("feeds/opml/", subscribe.opml_view, name="opml"),
]
