from django.urls import path

from .consumers import VerificationProgressConsumer

websocket_urlpatterns = [
    path("ws/cameo/verifications/<int:pk>/", VerificationProgressConsumer.as_asgi()),
]
