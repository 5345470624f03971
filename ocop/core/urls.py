from django.urls import path

from ocop.core import views

app_name = "core"
urlpatterns = [
    path("lam-viec/", views.home, name="home"),
    path("lich-su/<str:label>/<int:pk>/", views.object_history, name="object_history"),
]
