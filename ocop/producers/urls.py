from django.urls import URLPattern, URLResolver

app_name = "producers"
urlpatterns: list[URLPattern | URLResolver] = []
