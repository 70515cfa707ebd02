from django.urls import path

from guongsang.reviews.views import candidates, councils, rounds

app_name = "reviews"

urlpatterns = [
    path("hoi-dong/", councils.council_list, name="council_list"),
    path("hoi-dong/them/", councils.council_create, name="council_create"),
    path("hoi-dong/<int:pk>/", councils.council_detail, name="council_detail"),
    path("hoi-dong/<int:pk>/sua/", councils.council_edit, name="council_edit"),
    path("hoi-dong/<int:pk>/thanh-vien/", councils.council_member_add, name="council_member_add"),
    path(
        "hoi-dong/<int:pk>/thanh-vien/<int:member_pk>/sua/",
        councils.council_member_edit,
        name="council_member_edit",
    ),
    path("binh-xet/", rounds.round_list, name="round_list"),
    path("binh-xet/mo/", rounds.round_create, name="round_create"),
    path("binh-xet/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("binh-xet/<int:pk>/mo-dot/", rounds.round_open, name="round_open"),
    path("binh-xet/<int:pk>/sua/", rounds.round_edit, name="round_edit"),
    path("binh-xet/<int:pk>/tieu-chi/", rounds.criterion_add, name="criterion_add"),
    path(
        "binh-xet/<int:pk>/tieu-chi/<int:criterion_pk>/sua/",
        rounds.criterion_edit,
        name="criterion_edit",
    ),
    path("binh-xet/<int:pk>/them-ung-vien/", rounds.candidates_add, name="candidates_add"),
    path("binh-xet/<int:pk>/ket-qua/", rounds.outcomes_bulk, name="outcomes_bulk"),
    path("binh-xet/<int:pk>/xuat/", rounds.round_export, name="round_export"),
    path(
        "binh-xet/<int:pk>/ung-vien/<int:cpk>/",
        candidates.candidate_detail,
        name="candidate_detail",
    ),
    path(
        "binh-xet/<int:pk>/ung-vien/<int:cpk>/dieu-kien/",
        candidates.candidate_eligibility,
        name="candidate_eligibility",
    ),
    path(
        "binh-xet/<int:pk>/ung-vien/<int:cpk>/cham-diem/",
        candidates.candidate_score,
        name="candidate_score",
    ),
    path(
        "binh-xet/<int:pk>/ung-vien/<int:cpk>/thao-luan/",
        candidates.candidate_comment,
        name="candidate_comment",
    ),
    path(
        "binh-xet/<int:pk>/ung-vien/<int:cpk>/ket-qua/",
        candidates.candidate_outcome,
        name="candidate_outcome",
    ),
]
