"""The public portal (mounted at cong-thong-tin/). Pages resolve from the id alone; the slug
after it is for people reading the address, and an outdated one redirects to the current."""

from django.urls import path

from guongsang.portal import views, views_detail, views_events, views_interaction

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("chuyen-muc/<slug:slug>/", views.section_detail, name="section_detail"),
    path("dien-hinh/", views.browse, name="browse"),
    path("dien-hinh/<int:pk>/", views_detail.profile_detail, name="profile_detail"),
    # Before the slug: "bai-viet" would be taken for one.
    path("dien-hinh/<int:pk>/bai-viet/", views_detail.profile_stories, name="profile_stories"),
    path("dien-hinh/<int:pk>/<slug:slug>/", views_detail.profile_detail, name="profile_detail"),
    path("dien-hinh/<int:pk>/binh-luan", views_interaction.profile_comment, name="profile_comment"),
    path("dien-hinh/<int:pk>/phan-anh", views_interaction.profile_report, name="profile_report"),
    path("bai-viet/<int:pk>/", views_detail.story_detail, name="story_detail"),
    path("bai-viet/<int:pk>/<slug:slug>/", views_detail.story_detail, name="story_detail"),
    path("bai-viet/<int:pk>/binh-luan", views_interaction.story_comment, name="story_comment"),
    path("bai-viet/<int:pk>/phan-anh", views_interaction.story_report, name="story_report"),
    path("bai-viet/<int:pk>/cam-xuc", views_interaction.story_react, name="story_react"),
    path("su-kien/", views_events.event_list, name="event_list"),
    path("su-kien/<int:pk>/", views_events.event_detail, name="event_detail"),
    path("su-kien/<int:pk>/<slug:slug>/", views_events.event_detail, name="event_detail"),
    path("tim-kiem/", views.search, name="search"),
]
