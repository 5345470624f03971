from django.urls import URLPattern, URLResolver, path

from ocop.criteria import views

app_name = "criteria"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.editions, name="edition_list"),
    path(
        "<str:edition>/r<int:revision>/bo-<int:set_no>/",
        views.sheet_detail,
        name="sheet_detail",
    ),
    path("tu-danh-gia/", views.self_assessment_list_view, name="self_assessment_list"),
    path(
        "tu-danh-gia/bat-dau/<int:product_pk>/",
        views.self_assessment_start_view,
        name="self_assessment_start",
    ),
    path("tu-danh-gia/<int:pk>/", views.self_assessment_detail, name="self_assessment_detail"),
    path("tu-danh-gia/<int:pk>/ket-qua/", views.self_assessment_live, name="self_assessment_live"),
    path("tu-danh-gia/<int:pk>/in/", views.self_assessment_print, name="self_assessment_print"),
]
