from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    # /healthz, /readyz, /metrics (ocop.ops): for the proxy, systemd and Prometheus.
    path("", include("ocop.ops.urls")),
    # The public catalogue is the front door (/); the staff home is /lam-viec/ (ocop.core).
    path("", include("ocop.catalogue.urls")),
    path("api/v1/", include("ocop.api.urls")),
    path("", include("ocop.core.urls")),
    path("tai-khoan/", include("ocop.accounts.urls")),
    path("dia-ban/", include("ocop.geo.urls")),
    path("chu-the/", include("ocop.producers.urls")),
    path("san-pham/", include("ocop.products.urls")),
    path("bo-tieu-chi/", include("ocop.criteria.urls")),
    path("ho-so/", include("ocop.evaluation.dossiers.urls")),
    path("giay-chung-nhan/", include("ocop.certification.urls")),
    path("giay-chung-nhan/", include("ocop.certification.urls_documents")),
    path("bao-cao/", include("ocop.reports.urls")),
    path("chuong-trinh/", include("ocop.programme.urls")),
    path("danh-gia/", include("ocop.evaluation.urls")),
    path("hoi-dong/", include("ocop.evaluation.council.urls")),
    path("ket-qua/", include("ocop.evaluation.outcome.urls")),
    path("nhap-du-lieu/", include("ocop.imports.urls")),
    path("quan-tri/", admin.site.urls),
]

if settings.DEBUG:
    # Development only: product photos are public; every other upload (e.g. channel contracts)
    # goes through a view that checks who may see it. Production serves media/products/ from
    # the web server and nothing else from MEDIA_ROOT.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>products/.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
