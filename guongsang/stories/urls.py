"""The editors' side of the portal, mounted at bien-tap/ (the public pages are portal:…)."""

from django.urls import path

from guongsang.stories import views, views_moderation, views_profiles

app_name = "stories"

urlpatterns = [
    path("", views.story_list, name="story_list"),
    path("bai-viet/moi/", views.story_create, name="story_create"),
    path("bai-viet/<int:pk>/", views.story_detail, name="story_detail"),
    path("bai-viet/<int:pk>/sua/", views.story_edit, name="story_edit"),
    path("bai-viet/<int:pk>/gui-duyet/", views.story_submit, name="story_submit"),
    path("bai-viet/<int:pk>/duyet/", views.story_approve, name="story_approve"),
    path("bai-viet/<int:pk>/tra-lai/", views.story_return, name="story_return"),
    path("bai-viet/<int:pk>/luu-tru/", views.story_archive, name="story_archive"),
    path("bai-viet/<int:pk>/hen-gio/", views.story_schedule, name="story_schedule"),
    path("bai-viet/<int:pk>/anh/", views.story_image_add, name="story_image_add"),
    path("anh/<int:pk>/sua/", views.image_edit, name="image_edit"),
    path("anh/<int:pk>/xoa/", views.image_delete, name="image_delete"),
    path("ho-so/", views_profiles.profile_list, name="profile_list"),
    path("ho-so/<int:exemplar_pk>/", views_profiles.profile_detail, name="profile_detail"),
    path("ho-so/<int:exemplar_pk>/dong-y/", views_profiles.profile_consent, name="profile_consent"),
    path(
        "ho-so/<int:exemplar_pk>/cong-bo/", views_profiles.profile_publish, name="profile_publish"
    ),
    path("ho-so/<int:exemplar_pk>/rut/", views_profiles.profile_withdraw, name="profile_withdraw"),
    path(
        "ho-so/<int:exemplar_pk>/noi-bat/", views_profiles.profile_feature, name="profile_feature"
    ),
    path("ho-so/<int:exemplar_pk>/anh/", views.profile_image_add, name="profile_image_add"),
    path("kiem-duyet/", views_moderation.moderation_queue, name="moderation_queue"),
    path("phan-anh/", views_moderation.report_list, name="report_list"),
    path("phan-anh/<int:pk>/", views_moderation.report_detail, name="report_detail"),
    path("chuyen-muc/", views_moderation.section_list, name="section_list"),
    path("chuyen-muc/moi/", views_moderation.section_create, name="section_create"),
    path("chuyen-muc/<int:pk>/sua/", views_moderation.section_edit, name="section_edit"),
]
