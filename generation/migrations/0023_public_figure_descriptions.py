"""Descriptions that name one person as surely as their name: the song, the film or the first
that everyone knows them by ("the singer of Shake It Off", "the first man on the moon", "the
Titanic actor"), and offices as people write them ("Canada's prime minister", "the current
pope"). Each corpus written blind since 0012 had a few. Only descriptions that fit one person:
not "a president" or "the GOAT". The same merge as 0008: staff-removed figures stay removed,
staff-written aliases are kept."""

from django.db import migrations

from ._seed import figures_add

NICKNAMES = {
    "Taylor Swift": (
        "singer of Shake It Off, Shake It Off singer, Eras Tour singer, singer of the Eras Tour, "
        "star of the Eras Tour"
    ),
    "Ed Sheeran": "singer of Shape of You, Shape of You singer",
    "Chris Martin": "singer of Coldplay, Coldplay singer, Coldplay frontman, lead singer of Coldplay",
    "Leonardo DiCaprio": "Titanic actor, star of Titanic, actor from Titanic, Revenant actor",
    "Keanu Reeves": "John Wick actor, star of John Wick, star of The Matrix",
    "Zendaya": "Euphoria actress, star of Euphoria",
    "Neil Armstrong": (
        "first man on the moon, first man to walk on the moon, first person on the moon, "
        "first person to walk on the moon"
    ),
    "Barack Obama": "first Black president, first Black US president, first African American president",
    "Kim Jong Un": "rocket man from Pyongyang",
    "Queen Elizabeth II": "late British queen, late Queen Elizabeth",
    "Pope Leo": "current pope, first American pope",
    "Mark Carney": "Canada's prime minister, Canadian PM",
    "Donald Trump": "the US president, the American president, the president of the United States",
    "Xi Jinping": "XJP",
    "Vladimir Putin": "Vladimir P",
}


def add(apps, schema_editor):
    figures_add(apps, {}, NICKNAMES)


class Migration(migrations.Migration):
    dependencies = [("generation", "0022_public_figures_politics_business_past")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
