from django.urls import path

from .consumers import JobProgressConsumer

websocket_urlpatterns = [
    path("ws/jobs/<int:pk>/", JobProgressConsumer.as_asgi()),
]
