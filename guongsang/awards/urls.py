from django.urls import path

from guongsang.awards import views, views_postings

app_name = "awards"

urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/moi/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:pk>/nguoi-nhan/", views.recipient_add, name="recipient_add"),
    path(
        "quyet-dinh/<int:pk>/nguoi-nhan/<int:recipient_pk>/xoa/",
        views.recipient_remove,
        name="recipient_remove",
    ),
    path(
        "quyet-dinh/<int:pk>/tu-dot-binh-xet/",
        views.recipients_from_round,
        name="recipients_from_round",
    ),
    path("quyet-dinh/<int:pk>/ban-hanh/", views.decision_issue, name="decision_issue"),
    path("quyet-dinh/<int:pk>/dinh-chinh/", views.decision_correct, name="decision_correct"),
    path(
        "quyet-dinh/<int:pk>/van-ban/<slug:doc>/<slug:fmt>/",
        views.decision_document,
        name="decision_document",
    ),
    path(
        "quyet-dinh/<int:pk>/danh-sach.xlsx", views.decision_annex_xlsx, name="decision_annex_xlsx"
    ),
    path("bien-ban/<int:round_pk>/<slug:fmt>/", views.minutes_document, name="minutes_document"),
    path("to-trinh/<int:pk>/<slug:fmt>/", views.proposal_document, name="proposal_document"),
    path("quy-thi-dua/", views.fund_list, name="fund_list"),
    path("niem-yet/", views_postings.posting_list, name="posting_list"),
    path("niem-yet/<int:pk>/", views_postings.posting_detail, name="posting_detail"),
    path(
        "niem-yet/moi/<int:exemplar_pk>/<int:title_pk>/",
        views_postings.posting_create,
        name="posting_create",
    ),
    path(
        "niem-yet/<int:pk>/y-kien/<int:comment_pk>/duyet/",
        views_postings.posting_comment_publish,
        name="posting_comment_publish",
    ),
]
