"""`manage.py plan_prompt "PROMPT" [--seed N] [--duration S] [--json]`: what a prompt will show.

Prints the plan the engines render: the shots with their scenes, subjects (count, sprite,
motion), props (sprite, relation to a subject), lines and cues. The render uses exactly this
plan, so it is the way to see why a video shows what it shows, or to tune a prompt before
spending a render on it.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from generation.models import Job
from generation.plan import plan_prompt, plan_remix


class Command(BaseCommand):
    help = "Print the shot plan the engines would render for a prompt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prompt")
        parser.add_argument("--seed", type=int, default=0, help="The render's seed (default 0).")
        parser.add_argument(
            "--duration", type=int, default=10, choices=[5, 10, 15], help="Seconds (default 10)."
        )
        parser.add_argument("--remix-of", default="", help="The parent's prompt: plan as a remix of it.")
        parser.add_argument(
            "--strength", type=float, default=0.6, help="Remix strength: below 0.5 keeps the parent's plan."
        )
        parser.add_argument("--json", action="store_true", help="Print the plan as JSON.")

    def handle(self, *args, **options) -> None:
        prompt = " ".join(options["prompt"].split())
        if not prompt:
            raise CommandError('Give a prompt, e.g. plan_prompt "a corgi surfs at sunset".')
        limit = Job._meta.get_field("prompt").max_length
        if limit and len(prompt) > limit:
            raise CommandError(f"A prompt has at most {limit} characters; this one has {len(prompt)}.")
        if options["remix_of"]:
            plan = plan_remix(
                prompt,
                parent_prompt=options["remix_of"],
                strength=options["strength"],
                duration=options["duration"],
                seed=options["seed"],
            )
        else:
            plan = plan_prompt(prompt, duration=options["duration"], seed=options["seed"])
        data = plan.as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if data["style"]:
            self.stdout.write(f"style: {data['style']}")
        for number, shot in enumerate(data["shots"], 1):
            self.stdout.write(
                f"shot {number}, {shot['start']:.2f}–{shot['end']:.2f} s: {shot['text'] or '(no words)'}"
            )
            self.stdout.write(f"  scene: {', '.join(shot['scene']) or '(default)'} · camera {shot['camera']}")
            for thing in shot["subjects"]:
                self.stdout.write(f"  subject: {_thing(thing)}, {thing['motion']}")
            for thing in shot["props"]:
                self.stdout.write(f"  prop: {_thing(thing)}, {thing['relation']}")
            for line in shot["lines"]:
                self.stdout.write(f"  says ({line['speaker']}): “{line['text']}”")
            for cue in shot["cues"]:
                self.stdout.write(f"  sound: {cue}")


def _thing(thing: dict) -> str:
    sprite = thing["sprite"]
    drawn = f"{sprite['name']} ({sprite['codepoint']})" if sprite else "no sprite: drawn figure or left out"
    count = f"{thing['count']} × " if thing["count"] > 1 else ""
    return f"{count}{thing['noun']} → {drawn}"
