"""A few more names people write for public figures: found on the later corpus's first look.

The same rules and merge as 0008: an alias means this person and nothing else; staff-removed
figures stay removed, staff-written aliases are kept."""

from django.db import migrations

# Pitbull is listed by his own name: the word is a dog.
FIGURES = {"Anitta": "", "Armando Christian Pérez": "Mr. Worldwide"}  # fmt: skip

NICKNAMES = {
    "King Charles": "the current British king, the current king of England",
    "Taylor Swift": "T Swizzle, Tay Tay",
}  # fmt: skip


def add(apps, schema_editor):
    PublicFigure = apps.get_model("generation", "PublicFigure")
    for name, aliases in FIGURES.items():
        PublicFigure.objects.get_or_create(name=name, defaults={"aliases": aliases})
    for name, nicknames in NICKNAMES.items():
        for figure in PublicFigure.objects.filter(name=name):
            have = [a.strip() for a in figure.aliases.split(",") if a.strip()]
            known = {a.lower() for a in have}
            new = [n.strip() for n in nicknames.split(",") if n.strip().lower() not in known]
            if new:
                figure.aliases = ", ".join([*have, *new])
                figure.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("generation", "0010_public_figures_leaders")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
