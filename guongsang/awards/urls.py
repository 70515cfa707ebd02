from django.urls import path

from guongsang.awards import views, views_dossier, views_funds, views_postings, views_proposals

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
    path("de-nghi/", views_proposals.proposal_list, name="proposal_list"),
    path("de-nghi/den/", views_proposals.proposal_inbox, name="proposal_inbox"),
    path("de-nghi/moi/", views_proposals.proposal_create, name="proposal_create"),
    path("de-nghi/<int:pk>/", views_proposals.proposal_detail, name="proposal_detail"),
    path("de-nghi/<int:pk>/sua/", views_proposals.proposal_edit, name="proposal_edit"),
    path("de-nghi/<int:pk>/gui/", views_proposals.proposal_send, name="proposal_send"),
    path("de-nghi/<int:pk>/tiep-nhan/", views_proposals.proposal_accept, name="proposal_accept"),
    path("de-nghi/<int:pk>/tra-lai/", views_proposals.proposal_return, name="proposal_return"),
    path("de-nghi/<int:pk>/ho-so.zip", views_dossier.proposal_dossier, name="proposal_dossier"),
    path(
        "bao-cao-thanh-tich/<int:exemplar_pk>/<slug:fmt>/",
        views_dossier.achievement_report,
        name="achievement_report",
    ),
    path("quy-thi-dua/", views.fund_list, name="fund_list"),
    path("quy-thi-dua/moi/", views_funds.fund_create, name="fund_create"),
    path("quy-thi-dua/<int:pk>/", views_funds.fund_detail, name="fund_detail"),
    path("quy-thi-dua/<int:pk>/thu-chi/", views_funds.fund_entry_add, name="fund_entry_add"),
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
