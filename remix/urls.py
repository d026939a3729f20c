from django.urls import path

from sora import converters  # noqa: F401  (registers the <id:> and <name:> path converters)

from . import views

app_name = "remix"

urlpatterns = [
    path("<id:pk>/", views.create, name="create"),
    path("<id:pk>/lineage/", views.lineage, name="lineage"),
    path("<id:pk>/remixing/", views.remixing, name="remixing"),
]
