from django.urls import path

from guongsang.exemplars import views

app_name = "exemplars"

urlpatterns = [
    path("diem-hinh/", views.exemplar_list, name="exemplar_list"),
    path("diem-hinh/dang-ky/", views.register_list, name="register_list"),
    path("diem-hinh/tu-dang-ky/", views.self_register, name="self_register"),
    path("diem-hinh/phat-hien/", views.nominate, name="nominate"),
    path("diem-hinh/cua-toi/", views.my_exemplars, name="my_exemplars"),
    path("diem-hinh/<int:pk>/", views.exemplar_detail, name="exemplar_detail"),
    path("diem-hinh/<int:pk>/sua/", views.exemplar_edit, name="exemplar_edit"),
    path(
        "diem-hinh/<int:pk>/chuyen/<slug:name>/",
        views.exemplar_transition,
        name="exemplar_transition",
    ),
    path("diem-hinh/<int:pk>/danh-hieu/", views.exemplar_titles_refresh, name="titles_refresh"),
    path("diem-hinh/<int:pk>/sang-kien/", views.initiative_add, name="initiative_add"),
    path("diem-hinh/<int:pk>/minh-chung/", views.evidence_add, name="evidence_add"),
    path(
        "diem-hinh/<int:pk>/minh-chung/<int:evidence_pk>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("diem-hinh/<int:pk>/boi-duong/", views.nurturing_plan_edit, name="nurturing_plan"),
    path("diem-hinh/<int:pk>/moc/", views.checkpoint_add, name="checkpoint_add"),
    path(
        "diem-hinh/<int:pk>/moc/<int:checkpoint_pk>/xong/",
        views.checkpoint_done,
        name="checkpoint_done",
    ),
    path("diem-hinh/<int:pk>/theo-doi/", views.progress_note_add, name="progress_note_add"),
    path("diem-hinh/<int:pk>/danh-gia/", views.evaluation_add, name="evaluation_add"),
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/doc-het/", views.notifications_read_all, name="notifications_read_all"),
    path("thong-bao/<int:pk>/doc/", views.notification_read, name="notification_read"),
]
