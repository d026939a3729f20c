"""Nicknames and descriptions people write for public figures instead of their names: the later
corpus's first look missed "La Pulga", "King James", "Gordon R." and "the guy who runs Tesla";
the rest are the nicknames these people are best known by.

The same rules and merge as 0008: an alias means this person and nothing else (the King James
Bible, musk oxen and perfume are harmless phrases the reader sets aside before it looks for
names); staff-removed figures stay removed, staff-written aliases are kept."""

from django.db import migrations

from ._seed import figures_add

NICKNAMES = {
    "Lionel Messi": "La Pulga, Leo Messi",
    "LeBron James": "King James",
    "Elon Musk": "Musk, CEO of Tesla, CEO of SpaceX, runs Tesla, runs SpaceX, head of Tesla, boss of Tesla",
    "Donald Trump": "Orange Man, Drumpf, the guy from Mar-a-Lago, the man from Mar-a-Lago",
    "Joe Biden": "Dark Brandon",
    "Gordon Ramsay": "Gordon R, Chef Ramsay, Ramsay",
    "Jennifer Lopez": "JLo, Jenny from the Block",
    "Arnold Schwarzenegger": "the Governator",
    "Lady Gaga": "Mother Monster",
    "Kim Jong Un": "Little Rocket Man",
    "Tim Cook": "Apple CEO, CEO of Apple, runs Apple",
    "Sam Altman": "Altman, CEO of OpenAI, runs OpenAI",
    "Steve Jobs": "Apple founder, founder of Apple",
    "Jensen Huang": "CEO of Nvidia, runs Nvidia",
    "Michael Jordan": "His Airness",
    "Kamala Harris": "Kamala",
    "Cristiano Ronaldo": "Cristiano",
    "Snoop Dogg": "Snoop Lion, Uncle Snoop",
    "Will Smith": "the Fresh Prince",
    "Mark Zuckerberg": "runs Facebook, runs Meta, CEO of Meta",
    "Jeff Bezos": "runs Amazon",
}  # fmt: skip


def add(apps, schema_editor):
    figures_add(apps, {}, NICKNAMES)


class Migration(migrations.Migration):
    dependencies = [("generation", "0011_public_figure_names")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
