from django.urls import URLPattern, URLResolver, path

from ocop.products import views

app_name = "products"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.product_list_view, name="product_list"),
    path("them/", views.product_create_view, name="product_create"),
    path("<int:pk>/", views.product_detail, name="product_detail"),
    path("<int:pk>/sua/", views.product_update_view, name="product_update"),
    path("<int:pk>/don-vi-hien-hanh/", views.product_repoint, name="product_repoint"),
    path("<int:pk>/anh/them/", views.photo_create, name="photo_create"),
    path("<int:pk>/kenh-phan-phoi/them/", views.channel_create, name="channel_create"),
    path("kenh-phan-phoi/<int:pk>/minh-chung/", views.channel_document, name="channel_document"),
    path(
        "<int:pk>/so-huu-tri-tue/them/",
        views.product_iptitle_create,
        name="product_iptitle_create",
    ),
    path(
        "chu-the/<int:producer_pk>/so-huu-tri-tue/them/",
        views.producer_iptitle_create,
        name="producer_iptitle_create",
    ),
]
