from django.urls import URLPattern, URLResolver, path

from ocop.evaluation import views

app_name = "evaluation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("lich-lam-viec/", views.calendar_current, name="calendar_current"),
    path("lich-lam-viec/<int:year>/", views.calendar_year, name="calendar_year"),
    path("lich-lam-viec/<int:year>/them/", views.calendar_day_add_view, name="calendar_day_add"),
    path(
        "lich-lam-viec/ngay/<int:pk>/xoa/",
        views.calendar_day_remove_view,
        name="calendar_day_remove",
    ),
    path("dot-danh-gia/", views.round_current, name="round_current"),
    path("dot-danh-gia/<int:year>/", views.round_year, name="round_year"),
    path("dot-danh-gia/<int:year>/them/", views.round_add_view, name="round_add"),
]
