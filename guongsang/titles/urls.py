from django.urls import path

from guongsang.titles import views

app_name = "titles"

urlpatterns = [
    # The title catalogue
    path("danh-hieu/", views.title_list, name="title_list"),
    path("danh-hieu/moi/", views.title_create, name="title_create"),
    path("danh-hieu/<int:pk>/", views.title_detail, name="title_detail"),
    path("danh-hieu/<int:pk>/sua/", views.title_edit, name="title_edit"),
    # Yearly title records
    path("ho-so-danh-hieu/", views.record_list, name="record_list"),
    path("ho-so-danh-hieu/moi/", views.record_create, name="record_create"),
    path("ho-so-danh-hieu/xuat/", views.record_export, name="record_export"),
    path("ho-so-danh-hieu/<int:pk>/", views.record_detail, name="record_detail"),
    path("ho-so-danh-hieu/<int:pk>/sua/", views.record_edit, name="record_edit"),
    # XLSX imports of people, households and title records
    path("nhap-du-lieu/", views.import_start, name="import_start"),
    path("nhap-du-lieu/mau/<str:kind>/", views.import_template, name="import_template"),
    path("nhap-du-lieu/<int:pk>/", views.import_status, name="import_status"),
    path("nhap-du-lieu/<int:pk>/tien-do/", views.import_progress, name="import_progress"),
]
