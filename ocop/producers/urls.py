from django.urls import URLPattern, URLResolver, path

from ocop.producers import views

app_name = "producers"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.producer_list_view, name="producer_list"),
    path("them/", views.producer_create, name="producer_create"),
    path("<int:pk>/", views.producer_detail, name="producer_detail"),
    path("<int:pk>/sua/", views.producer_update_view, name="producer_update"),
    path("<int:pk>/don-vi-hien-hanh/", views.producer_repoint, name="producer_repoint"),
    path("<int:pk>/tai-khoan/", views.producer_account_link, name="producer_account_link"),
]
