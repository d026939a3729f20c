from django.urls import path

from . import views

app_name = "remix"

urlpatterns = [
    path("<int:pk>/", views.create, name="create"),
    path("<int:pk>/lineage/", views.lineage, name="lineage"),
    path("<int:pk>/remixing/", views.remixing, name="remixing"),
]
