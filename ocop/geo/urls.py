from django.urls import path

from ocop.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.units, name="unit_list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("co-quan-ban-hanh/", views.authorities, name="authority_list"),
]
