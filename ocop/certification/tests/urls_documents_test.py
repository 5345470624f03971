"""The project's URLs plus the document downloads (until config/urls.py includes them)."""

from django.urls import URLPattern, URLResolver, include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns: list[URLPattern | URLResolver] = list(project_urlpatterns)
if not any(getattr(p, "namespace", None) == "certification_documents" for p in urlpatterns):
    urlpatterns.append(path("giay-chung-nhan/", include("ocop.certification.urls_documents")))
