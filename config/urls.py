from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

admin.site.site_header = _("Quản trị ansinh")
admin.site.site_title = _("Quản trị ansinh")
admin.site.index_title = _("Danh mục và người dùng")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="households:list"), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("households/", include("households.urls")),
    path("areas/", include("areas.urls")),
    path("imports/", include("imports.urls")),
    path("reviews/", include("reviews.urls")),
    path("cases/", include("beneficiaries.urls")),
    path("benefits/", include("benefits.urls")),
    path("admin/", admin.site.urls),
]
