"""Feed views, one module per area; each module lists its own urlpatterns (see feed/urls.py)."""
