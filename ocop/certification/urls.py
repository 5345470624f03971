from django.urls import URLPattern, URLResolver, path

from ocop.certification import views

app_name = "certification"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.certificate_list_view, name="certificate_list"),
    path("<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("<int:pk>/nop-phan-hang-lai/", views.certificate_rerating_filed, name="rerating_filed"),
    path("thu-hoi/", views.certificate_revoke_view, name="certificate_revoke"),
    path("so-giay-chung-nhan/", views.number_template_view, name="number_template"),
    path("quyet-dinh/", views.decision_list_view, name="decision_list"),
    path("quyet-dinh/them/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
]
