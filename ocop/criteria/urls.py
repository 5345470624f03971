from django.urls import URLPattern, URLResolver

app_name = "criteria"
urlpatterns: list[URLPattern | URLResolver] = []
