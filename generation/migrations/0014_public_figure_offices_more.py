"""Offices as other languages name them, and founders by what they did: the hidden corpus's first
look missed "el presidente de México", "o presidente do Brasil", "Bundeskanzler Merz", "the North
Korean supreme leader", "the head of the Catholic Church" and "the guy who founded Amazon".

Historical figures are not seeded: the corpora's writers disagreed about them ("Abraham Lincoln
giving the Gettysburg Address" for a history class was harmless to one, "Albert Einstein riding a
skateboard" broke the policy for another), so whether to refuse them is the operator's call, in
the admin. The same merge as 0008: staff-removed figures stay removed, staff-written aliases are
kept."""

from django.db import migrations, models

from ._seed import figures_add

NICKNAMES = {
    "Claudia Sheinbaum": "presidenta de México, presidente de México, presidenta de Mexico, presidente de Mexico",
    "Lula da Silva": "presidente do Brasil, presidente de Brasil, president of Brazil, Brazilian president",
    "Friedrich Merz": "Bundeskanzler, Kanzler Merz, Bundeskanzler Merz, Merz",
    "Emmanuel Macron": "président de la République, président français, président Macron",
    "Donald Trump": "presidente de Estados Unidos, presidente de los Estados Unidos, presidente dos Estados Unidos, président américain, US-Präsident, amerikanische Präsident",
    "Kim Jong Un": "North Korean supreme leader, supreme leader of North Korea",
    "Pope Leo": "head of the Catholic Church",
    "Jeff Bezos": "founded Amazon",
    "Mark Zuckerberg": "founded Facebook",
    "Bill Gates": "founded Microsoft",
    "Steve Jobs": "founded Apple",
    "Elon Musk": "founded SpaceX",
    "Narendra Modi": "नरेंद्र मोदी",
}


def add(apps, schema_editor):
    figures_add(apps, {}, NICKNAMES)


class Migration(migrations.Migration):
    dependencies = [("generation", "0013_public_figure_names_written")]

    operations = [
        # Donald Trump's aliases passed 300 characters here, which PostgreSQL refuses (SQLite does
        # not check lengths): aliases became text first.
        migrations.AlterField(
            model_name="publicfigure",
            name="aliases",
            field=models.TextField(
                blank=True, help_text="Other names that mean this person, comma-separated (e.g. a surname)."
            ),
        ),
        migrations.RunPython(add, migrations.RunPython.noop),
    ]
