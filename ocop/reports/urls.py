from django.urls import URLPattern, URLResolver, path

from ocop.reports import views, views_programme

app_name = "reports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("san-pham-theo-dia-ban/", views.products_by_unit, name="products_by_unit"),
    path("chuong-trinh/", views_programme.programme_dashboard, name="programme_dashboard"),
    path(
        "chuong-trinh/tai-ve/<str:fmt>/",
        views_programme.programme_download,
        name="programme_download",
    ),
    path("chuong-trinh/luu/", views_programme.programme_run_save, name="programme_run_save"),
    path("lan-chay/", views_programme.run_list, name="run_list"),
    path("lan-chay/<int:pk>/", views_programme.run_detail, name="run_detail"),
]
