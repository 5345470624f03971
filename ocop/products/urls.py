from django.urls import URLPattern, URLResolver

app_name = "products"
urlpatterns: list[URLPattern | URLResolver] = []
