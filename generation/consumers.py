from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.db.models import Model

from .models import Job
from .progress import render_status


class OwnStatusConsumer(AsyncWebsocketConsumer):
    """Streams status fragments of one object its owner is watching (htmx ws swaps them by id).

    Subclasses say how to find the object for the signed-in user, its Channels group, and how
    to render its current fragment. Group messages have type "status.update" and an "html" key.
    """

    def own_object(self, user, pk: int) -> Model | None:
        raise NotImplementedError

    def group_of(self, obj: Model) -> str:
        raise NotImplementedError

    def fragment_of(self, obj: Model) -> str:
        raise NotImplementedError

    async def connect(self) -> None:
        self.obj = await database_sync_to_async(self._find)()
        if self.obj is None:
            await self.close(code=4404)  # not yours or not there: same answer, nothing leaks
            return
        self.group = self.group_of(self.obj)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # Whatever happened between page load and connect, start the page from the truth.
        await self.send(text_data=await database_sync_to_async(self._current)())

    async def disconnect(self, code: int) -> None:
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def status_update(self, event: dict) -> None:
        await self.send(text_data=event["html"])

    def _find(self) -> Model | None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return None
        return self.own_object(user, self.scope["url_route"]["kwargs"]["pk"])

    def _current(self) -> str:
        self.obj.refresh_from_db()
        return self.fragment_of(self.obj)


class JobProgressConsumer(OwnStatusConsumer):
    def own_object(self, user, pk: int) -> Job | None:
        return Job.objects.filter(pk=pk, owner=user).first()

    def group_of(self, job: Job) -> str:
        return job.group_name

    def fragment_of(self, job: Job) -> str:
        return render_status(job)
