from django.urls import path

from guongsang.plans import views

app_name = "plans"

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/moi/", views.plan_create, name="plan_create"),
    path("ke-hoach/nhap/", views.plan_import, name="plan_import"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/ban-hanh/", views.plan_issue, name="plan_issue"),
    path("ke-hoach/<int:pk>/xuat/", views.plan_export, name="plan_export"),
    path("ke-hoach/<int:plan_pk>/<slug:part>/moi/", views.part_add, name="part_add"),
    path("ke-hoach/<int:plan_pk>/<slug:part>/<int:pk>/sua/", views.part_edit, name="part_edit"),
    path("ke-hoach/<int:plan_pk>/<slug:part>/<int:pk>/xoa/", views.part_delete, name="part_delete"),
]
