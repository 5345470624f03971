"""Document downloads of the certification app.

The project includes this module under its own namespace, e.g. in config/urls.py::

    path("chung-nhan/", include("ocop.certification.urls_documents")),
"""

from django.urls import URLPattern, path

from ocop.certification import views_documents

app_name = "certification_documents"
urlpatterns: list[URLPattern] = [
    path(
        "giay-chung-nhan/<int:pk>/ban-in.pdf",
        views_documents.certificate_pdf_view,
        name="certificate_pdf",
    ),
    path(
        "quyet-dinh/<int:pk>/du-thao.docx",
        views_documents.decision_docx_view,
        name="decision_docx",
    ),
]
