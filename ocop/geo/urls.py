from django.urls import path

from ocop.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.units, name="unit_list"),
]
