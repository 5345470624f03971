from django.urls import URLPattern, path

from ocop.catalogue import views_verify

# Included under the catalogue's namespace at the site root: /xac-thuc/…
urlpatterns: list[URLPattern] = [
    path("xac-thuc/", views_verify.certificate_search, name="certificate_search"),
    path("xac-thuc/<path:number>", views_verify.certificate_verify, name="certificate_verify"),
]
