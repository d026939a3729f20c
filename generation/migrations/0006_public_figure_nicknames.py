"""Nicknames people write for some of the seeded public figures ("Zuck", "CR7", "Queen Bey"),
added to their aliases unless staff have removed the figure; aliases staff wrote are kept. Only
nicknames that mean nobody and nothing else ("The Rock" alone is a rock; "The Rock Johnson" is not)."""

from django.db import migrations

NICKNAMES = {
    "Donald Trump": "The Donald", "Mark Zuckerberg": "Zuck", "Elon Musk": "Elon", "Cristiano Ronaldo": "CR7",
    "Beyoncé": "Queen Bey", "Dwayne Johnson": "The Rock Johnson, Dwayne The Rock", "Kanye West": "Ye West",
    "Taylor Swift": "T-Swift, T Swift, Tay Tay", "Kim Kardashian": "Kim K", "Stephen Curry": "Steph Curry",
    "Neymar": "Neymar Jr", "Jay-Z": "Jay Z, Hova", "Eminem": "Slim Shady, Marshall Mathers",
    "Pope Leo": "the Pope", "Xi Jinping": "President Xi", "LeBron James": "Bron Bron",
    "Mike Tyson": "Iron Mike", "Ed Sheeran": "Sheeran", "Justin Bieber": "Biebs",
    "Ariana Grande": "Ari Grande",
}  # fmt: skip


def add(apps, schema_editor):
    PublicFigure = apps.get_model("generation", "PublicFigure")
    for name, nicknames in NICKNAMES.items():
        for figure in PublicFigure.objects.filter(name=name):
            have = [a.strip() for a in figure.aliases.split(",") if a.strip()]
            new = [n.strip() for n in nicknames.split(",") if n.strip().lower() not in {a.lower() for a in have}]
            if new:
                figure.aliases = ", ".join([*have, *new])
                figure.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("generation", "0005_public_figures_seed")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
