"""A few more names people write for public figures: found on the later corpus's first look.

The same rules and merge as 0008: an alias means this person and nothing else; staff-removed
figures stay removed, staff-written aliases are kept."""

from django.db import migrations

from ._seed import figures_add

# Pitbull is listed by his own name: the word is a dog.
FIGURES = {"Anitta": "", "Armando Christian Pérez": "Mr. Worldwide"}  # fmt: skip

NICKNAMES = {
    "King Charles": "the current British king, the current king of England",
    "Taylor Swift": "T Swizzle",
}  # fmt: skip


def add(apps, schema_editor):
    figures_add(apps, FIGURES, NICKNAMES)


class Migration(migrations.Migration):
    dependencies = [("generation", "0010_public_figures_leaders")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
