from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Sora administration"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("cameo/", include("cameo.urls")),
    path("remix/", include("remix.urls")),
    path("", include("generation.urls")),
    path("", include("feed.urls")),
]
