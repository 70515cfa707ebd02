"""Staff pages of propagation, events and replication (mounted at tuyen-truyen/)."""

from django.urls import path

from guongsang.propagation.views import activities, events, materials, replications

app_name = "propagation"

urlpatterns = [
    path("hoat-dong/", activities.activity_list, name="activity_list"),
    path("hoat-dong/moi/", activities.activity_create, name="activity_create"),
    path("hoat-dong/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("hoat-dong/<int:pk>/sua/", activities.activity_edit, name="activity_edit"),
    path("tong-hop/", activities.activity_summary_page, name="activity_summary"),
    path("su-kien/", events.event_list, name="event_list"),
    path("su-kien/lich/", events.event_month, name="event_month"),
    path("su-kien/moi/", events.event_create, name="event_create"),
    path("su-kien/<int:pk>/", events.event_detail, name="event_detail"),
    path("su-kien/<int:pk>/sua/", events.event_edit, name="event_edit"),
    path("su-kien/<int:pk>/trang-thai/", events.event_status, name="event_status"),
    path("su-kien/<int:pk>/tai-lieu/", materials.material_add, name="material_add"),
    path("tai-lieu/<int:pk>/", materials.material_download, name="material_download"),
    path("tai-lieu/<int:pk>/xoa/", materials.material_remove, name="material_remove"),
    path("nhan-rong/", replications.replication_list, name="replication_list"),
    path("nhan-rong/moi/", replications.replication_create, name="replication_create"),
    path("nhan-rong/<int:pk>/", replications.replication_detail, name="replication_detail"),
    path("nhan-rong/<int:pk>/sua/", replications.replication_edit, name="replication_edit"),
    path(
        "nhan-rong/dien-hinh/<int:exemplar_pk>/",
        replications.exemplar_replications,
        name="exemplar_replications",
    ),
    path("nhan-rong/xep-hang/", replications.replication_ranking_page, name="replication_ranking"),
]
