"""Public URLs, apart from the staff prefixes (/san-pham/, /chu-the/, /lam-viec/, …)."""

from django.urls import URLPattern, URLResolver, path, re_path

from ocop.catalogue import urls_verify, views

app_name = "catalogue"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    re_path(
        r"^san-pham-ocop/(?P<slug>[-a-z0-9]*)-(?P<pk>[0-9]+)/$",
        views.product_detail,
        name="product_detail",
    ),
    re_path(
        r"^co-so-ocop/(?P<slug>[-a-z0-9]*)-(?P<pk>[0-9]+)/$",
        views.producer_detail,
        name="producer_detail",
    ),
    path("du-lieu-mo/", views.about_data, name="about_data"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots, name="robots"),
]

# The certificate verification pages (/xac-thuc/…): ocop/catalogue/urls_verify.py.
urlpatterns += urls_verify.urlpatterns
