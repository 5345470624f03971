from django.urls import URLPattern, URLResolver, path

from ocop.imports import views

app_name = "imports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.batch_list, name="batch_list"),
    path("<int:pk>/", views.batch_detail, name="batch_detail"),
    path("<int:pk>/tien-do/", views.batch_progress, name="batch_progress"),
    path("<int:pk>/ghi/", views.batch_commit, name="batch_commit"),
    path("can-bo-sung/", views.review_list, name="review_list"),
    path("can-bo-sung/<int:pk>/xong/", views.review_complete, name="review_complete"),
]
