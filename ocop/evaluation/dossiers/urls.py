from django.urls import URLPattern, URLResolver, path

from ocop.evaluation.dossiers import views

app_name = "dossiers"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dossier_list_view, name="dossier_list"),
    path("nop-moi/", views.dossier_create_view, name="dossier_create"),
    path("tiep-nhan-cap-tinh/", views.province_intake, name="province_intake"),
    path("<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("<int:pk>/giay-to/them/", views.document_add, name="document_add"),
    path("giay-to/<int:pk>/", views.document_download, name="document_download"),
    path("<int:pk>/nop/", views.submit, name="dossier_submit"),
    path("<int:pk>/tiep-nhan/", views.receive, name="dossier_receive"),
    path("<int:pk>/tra-lai/", views.return_view, name="dossier_return"),
    path("muc-bo-sung/<int:pk>/", views.item_answer, name="item_answer"),
    path("<int:pk>/nop-lai/", views.resubmit, name="dossier_resubmit"),
    path("<int:pk>/mau-03/", views.assessment_view, name="dossier_assessment"),
    path("<int:pk>/mau-03.docx", views.mau03_docx, name="mau03_docx"),
    path("<int:pk>/cong-van.docx", views.letter_docx, name="letter_docx"),
    path("<int:pk>/chuyen-tinh/", views.forward, name="dossier_forward"),
    path("<int:pk>/xep-dot/", views.assign, name="dossier_assign"),
]
