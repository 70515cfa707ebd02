from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from guongsang.api.api import api
from guongsang.common import views as common_views

urlpatterns = [
    path("", common_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("guongsang.orgs.urls")),
    path("", include("guongsang.titles.urls")),
    path("", include("guongsang.plans.urls")),
    path("", include("guongsang.plans.urls_criteria")),
    path("", include("guongsang.exemplars.urls")),
    path("", include("guongsang.exemplars.urls_dashboard")),
    path("", include("guongsang.reviews.urls")),
    path("", include("guongsang.reviews.urls_ballots")),
    path("", include("guongsang.awards.urls")),
    path("bien-tap/", include("guongsang.stories.urls")),
    path("tuyen-truyen/", include("guongsang.propagation.urls")),
    path("cong-thong-tin/", include("guongsang.portal.urls")),
    path("", include("guongsang.portal.urls_share")),
    path("", include("guongsang.portal.urls_short")),
    path("api/", api.urls),
    path("quan-tri/", admin.site.urls),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
