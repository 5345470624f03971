from django.urls import URLPattern, URLResolver, path

from ocop.certification import views
from ocop.certification.monitoring import views as monitoring

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
    # Post-certification monitoring (QĐ 26/2026 Điều 9).
    path("kiem-tra/", monitoring.inspection_list_view, name="inspection_list"),
    path("kiem-tra/ke-hoach/them/", monitoring.plan_create_view, name="plan_create"),
    path(
        "kiem-tra/ke-hoach/<int:pk>/ghi-nhan/",
        monitoring.inspection_create_view,
        name="inspection_create",
    ),
    path("kiem-tra/<int:pk>/", monitoring.inspection_detail, name="inspection_detail"),
    path("kiem-tra/viec/<int:pk>/dong/", monitoring.action_close_view, name="action_close"),
    path(
        "kiem-tra/phat-hien/<int:pk>/thu-hoi/",
        monitoring.finding_revoke_view,
        name="finding_revoke",
    ),
]
