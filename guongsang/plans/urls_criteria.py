from django.urls import path

from guongsang.plans.views import compliance, criteria, engine

app_name = "criteria"

urlpatterns = [
    # Criteria sets and their builder
    path("tieu-chi/", criteria.set_list, name="set_list"),
    path("tieu-chi/moi/", criteria.set_create, name="set_create"),
    path("tieu-chi/<int:pk>/", criteria.set_detail, name="set_detail"),
    path("tieu-chi/<int:pk>/sua/", criteria.set_edit, name="set_edit"),
    path("tieu-chi/<int:pk>/them/", criteria.criterion_add, name="criterion_add"),
    path("tieu-chi/<int:pk>/muc/<str:path>/sua/", criteria.criterion_edit, name="criterion_edit"),
    path(
        "tieu-chi/<int:pk>/muc/<str:path>/<str:action>/",
        criteria.criterion_move,
        name="criterion_move",
    ),
    # Eligibility runs
    path("xet-dieu-kien/", engine.run_create, name="run_create"),
    path("xet-dieu-kien/<int:pk>/", engine.run_detail, name="run_detail"),
    path("xet-dieu-kien/<int:pk>/tien-do/", engine.run_progress, name="run_progress"),
    path("xet-dieu-kien/<int:pk>/xuat/", engine.run_export, name="run_export"),
    path(
        "xet-dieu-kien/<int:pk>/danh-gia/<int:result_pk>/",
        engine.judgement_edit,
        name="judgement_edit",
    ),
    # Disciplines, inspections and complaints
    path("ky-luat-thanh-tra-khieu-nai/", compliance.case_list, name="case_list"),
    path("ky-luat-thanh-tra-khieu-nai/moi/", compliance.case_create, name="case_create"),
    path("ky-luat-thanh-tra-khieu-nai/<int:pk>/sua/", compliance.case_edit, name="case_edit"),
    path("ky-luat-thanh-tra-khieu-nai/<int:pk>/dong/", compliance.case_close, name="case_close"),
]
