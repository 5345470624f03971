from django.urls import URLPattern, URLResolver, path

from ocop.evaluation.advisory import views as advisory
from ocop.evaluation.council import views

app_name = "council"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.round_list_view, name="round_list"),
    path("hieu-chuan/", views.calibration_view, name="calibration"),
    path("dot/<int:pk>/", views.round_detail, name="round_detail"),
    path("dot/<int:pk>/bo-nhiem/", views.member_appoint, name="member_appoint"),
    path("ho-so/<int:pk>/", views.dossier_score, name="dossier_score"),
    path("ho-so/<int:pk>/khai-bao/", views.dossier_declare, name="dossier_declare"),
    path("ho-so/<int:pk>/ky/", views.scorecard_sign_view, name="scorecard_sign"),
    path("ho-so/<int:pk>/ket-qua/", views.dossier_result, name="dossier_result"),
    path("ho-so/<int:pk>/cham-lai/", views.rescore_open, name="rescore_open"),
    path("ho-so/<int:pk>/loai-dung/", views.flags_record, name="flags_record"),
    path("ho-so/<int:pk>/ket-thuc/", views.scoring_close_view, name="scoring_close"),
    path("ho-so/<int:pk>/giay-to/<int:doc>/", views.dossier_document, name="dossier_document"),
    path("to-tu-van/dot/<int:pk>/", advisory.advisory_round, name="advisory_round"),
    path("to-tu-van/dot/<int:pk>/bo-nhiem/", advisory.advisory_appoint, name="advisory_appoint"),
    path("to-tu-van/ho-so/<int:pk>/", advisory.advisory_dossier, name="advisory_dossier"),
    path("to-tu-van/ho-so/<int:pk>/tham-dinh/", advisory.review_save, name="advisory_review"),
    path("to-tu-van/ho-so/<int:pk>/thuc-te/", advisory.site_visit_add, name="site_visit_add"),
    path("to-tu-van/ho-so/<int:pk>/kiem-nghiem/", advisory.lab_order, name="lab_order"),
    path("to-tu-van/ho-so/<int:pk>/bao-cao/", advisory.report_submit, name="advisory_report"),
    path("to-tu-van/kiem-nghiem/<int:pk>/ket-qua/", advisory.lab_result, name="lab_result"),
    path("to-tu-van/kiem-nghiem/<int:pk>/tep/", advisory.lab_file, name="lab_file"),
    path("to-tu-van/anh/<int:pk>/", advisory.photo, name="site_photo"),
]
