from django.urls import URLPattern, URLResolver, path

from ocop.reports import views

app_name = "reports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("san-pham-theo-dia-ban/", views.products_by_unit, name="products_by_unit"),
]
