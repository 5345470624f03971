"""Document downloads of the certification app.

The project includes this module beside ``ocop.certification.urls``, under the same prefix and
its own namespace, in config/urls.py::

    path("giay-chung-nhan/", include("ocop.certification.urls_documents")),

giving /giay-chung-nhan/<pk>/ban-in.pdf and /giay-chung-nhan/quyet-dinh/<pk>/du-thao.docx.
"""

from django.urls import URLPattern, path

from ocop.certification import views_documents

app_name = "certification_documents"
urlpatterns: list[URLPattern] = [
    path(
        "<int:pk>/ban-in.pdf",
        views_documents.certificate_pdf_view,
        name="certificate_pdf",
    ),
    path(
        "quyet-dinh/<int:pk>/du-thao.docx",
        views_documents.decision_docx_view,
        name="decision_docx",
    ),
]
