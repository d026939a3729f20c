from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from .models import Verification
from .progress import render_status


class VerificationProgressConsumer(AsyncWebsocketConsumer):
    """Streams a verification's status fragments to its owner's page."""

    async def connect(self) -> None:
        self.verification = await database_sync_to_async(self._own)()
        if self.verification is None:
            await self.close(code=4404)  # not yours or not there: same answer, nothing leaks
            return
        self.group = self.verification.group_name
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send(text_data=await database_sync_to_async(self._current)())

    async def disconnect(self, code: int) -> None:
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def status_update(self, event: dict) -> None:
        await self.send(text_data=event["html"])

    def _own(self) -> Verification | None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return None
        pk = self.scope["url_route"]["kwargs"]["pk"]
        return Verification.objects.filter(pk=pk, user=user).first()

    def _current(self) -> str:
        self.verification.refresh_from_db()
        return render_status(self.verification)
