from django.urls import path

from guongsang.reviews.views import ballots as views

app_name = "ballots"

urlpatterns: list = [
    path("ballots/rounds/<int:pk>/", views.vote_page, name="vote"),
    path(
        "ballots/rounds/<int:pk>/candidates/<int:candidate_pk>/vote",
        views.vote_cast,
        name="vote_cast",
    ),
    path("ballots/rounds/<int:pk>/desk", views.desk, name="desk"),
    path("ballots/rounds/<int:pk>/attendance", views.attendance, name="attendance"),
    path("ballots/rounds/<int:pk>/written-opinions", views.written_opinion, name="written_opinion"),
    path("ballots/rounds/<int:pk>/candidates/<int:candidate_pk>/paper", views.paper, name="paper"),
    path("ballots/rounds/<int:pk>/close", views.close, name="close"),
    path("ballots/rounds/<int:pk>/minutes", views.minutes, name="minutes"),
]
