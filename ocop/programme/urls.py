from django.urls import URLPattern, URLResolver, path

from ocop.programme import views

app_name = "programme"
urlpatterns: list[URLPattern | URLResolver] = [
    path("chi-tieu/", views.target_list_view, name="target_list"),
    path("san-pham-chu-luc/", views.key_product_list_view, name="key_product_list"),
]
