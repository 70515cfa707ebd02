from django.urls import path

from guongsang.exemplars import views_dashboard as views

app_name = "dashboard"

urlpatterns = [
    path("bang-dieu-khien/", views.dashboard_home, name="dashboard_home"),
    path("ke-hoach/<int:pk>/bang-dieu-khien/", views.plan_dashboard, name="plan_dashboard"),
]
