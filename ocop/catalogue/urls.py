from django.urls import URLPattern, URLResolver

from ocop.catalogue import urls_verify

app_name = "catalogue"
urlpatterns: list[URLPattern | URLResolver] = [*urls_verify.urlpatterns]
