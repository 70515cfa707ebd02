from django.urls import path

from guongsang.orgs import views

app_name = "orgs"

urlpatterns = [
    # The organisation tree and its units
    path("don-vi/", views.unit_tree, name="unit_tree"),
    path("don-vi/<int:pk>/con/", views.unit_children, name="unit_children"),
    path("don-vi/tim-kiem/", views.unit_search, name="unit_search"),
    path("don-vi/moi/", views.unit_create, name="unit_create"),
    path("don-vi/gop/", views.unit_merge, name="unit_merge"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/chuyen/", views.unit_move, name="unit_move"),
    path("don-vi/<int:pk>/doi-ten/", views.unit_rename, name="unit_rename"),
    path("don-vi/<int:pk>/tach/", views.unit_split, name="unit_split"),
    path("don-vi/<int:pk>/giai-the/", views.unit_dissolve, name="unit_dissolve"),
    path("don-vi/xuat/", views.unit_export, name="unit_export"),
    # Emulation groups (Cụm/Khối thi đua)
    path("cum-khoi/", views.group_list, name="group_list"),
    path("cum-khoi/moi/", views.group_create, name="group_create"),
    path("cum-khoi/<int:pk>/", views.group_detail, name="group_detail"),
    path("cum-khoi/<int:pk>/sua/", views.group_edit, name="group_edit"),
    # People
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/moi/", views.person_create, name="person_create"),
    path("ca-nhan/xuat/", views.person_export, name="person_export"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("ca-nhan/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/chuyen-don-vi/", views.person_move, name="person_move"),
    # Households
    path("ho-gia-dinh/", views.household_list, name="household_list"),
    path("ho-gia-dinh/moi/", views.household_create, name="household_create"),
    path("ho-gia-dinh/xuat/", views.household_export, name="household_export"),
    path("ho-gia-dinh/<int:pk>/", views.household_detail, name="household_detail"),
    path("ho-gia-dinh/<int:pk>/sua/", views.household_edit, name="household_edit"),
    path(
        "ho-gia-dinh/<int:pk>/thanh-vien/", views.household_member_add, name="household_member_add"
    ),
    path(
        "ho-gia-dinh/<int:pk>/thanh-vien/<int:person_pk>/xoa/",
        views.household_member_remove,
        name="household_member_remove",
    ),
    # Roles, scope grants and API tokens
    path("phan-quyen/", views.role_list, name="role_list"),
    path("phan-quyen/<int:pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("api-token/", views.token_list, name="token_list"),
    path("api-token/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
]
