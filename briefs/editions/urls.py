from django.urls import path

from . import views

app_name = "editions"

urlpatterns = [
    path("briefs/<slug:slug>.pdf", views.brief_pdf, name="brief_pdf"),
]
