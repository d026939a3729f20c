from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string

from .selectors import notifications_unread_count
from .services import notifications_group

BADGE_TEMPLATE = "feed/_notifications_badge.html"


class NotificationsConsumer(AsyncWebsocketConsumer):
    """The signed-in user's unread badge, live: every page of theirs joins their group and gets the
    badge fragment (htmx's ws extension swaps #unread-count by id) whenever it may have changed."""

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.user = user
        self.group = notifications_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # Whatever arrived between page load and connect (or during a reconnect) shows at once.
        await self.send(text_data=await self._badge())

    async def disconnect(self, code: int) -> None:
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def badge_refresh(self, event: dict) -> None:
        await self.send(text_data=await self._badge())

    @database_sync_to_async
    def _badge(self) -> str:
        return render_to_string(BADGE_TEMPLATE, {"unread": notifications_unread_count(user=self.user)})
