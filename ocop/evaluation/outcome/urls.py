from django.urls import URLPattern, URLResolver, path

from ocop.evaluation.outcome import views

app_name = "outcome"
urlpatterns: list[URLPattern | URLResolver] = [
    path("dot/<int:pk>/", views.round_outcome, name="round_outcome"),
    path("dot/<int:pk>/de-nghi/", views.round_propose, name="round_propose"),
    path(
        "dot/<int:pk>/xa/<int:commune>/thong-bao.docx",
        views.commune_notice,
        name="commune_notice",
    ),
    path("de-nghi/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("de-nghi/<int:pk>/gui-bo/", views.proposal_send, name="proposal_send"),
    path("de-nghi/<int:pk>/thong-bao.docx", views.producer_notice, name="producer_notice"),
    path("de-nghi/<int:pk>/ho-so-5-sao.zip", views.five_star_package, name="five_star_package"),
    path("ho-so/<int:pk>/y-kien/", views.written_opinions, name="written_opinions"),
]
