from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from .models import Job
from .progress import render_status


class JobProgressConsumer(AsyncWebsocketConsumer):
    """Streams a job's status fragments to its owner's page (htmx ws extension swaps them by id)."""

    async def connect(self) -> None:
        self.job = await database_sync_to_async(self._own_job)()
        if self.job is None:
            await self.close(code=4404)  # not yours or not there: same answer, nothing leaks
            return
        self.group = self.job.group_name
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # Whatever happened between page load and connect, start the page from the truth.
        await self.send(text_data=await database_sync_to_async(self._current_fragment)())

    async def disconnect(self, code: int) -> None:
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def job_update(self, event: dict) -> None:
        await self.send(text_data=event["html"])

    def _own_job(self) -> Job | None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return None
        return Job.objects.filter(pk=self.scope["url_route"]["kwargs"]["pk"], owner=user).first()

    def _current_fragment(self) -> str:
        self.job.refresh_from_db()
        return render_status(self.job)
