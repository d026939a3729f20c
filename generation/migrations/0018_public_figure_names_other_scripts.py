"""More names as other scripts write them: the sheltered corpus's first look missed Shah Rukh Khan
in Devanagari, Mohamed Salah in Arabic, Kyriakos Mitsotakis in Greek and Blackpink in Hangul,
each seeded only in Latin letters. Each corpus written blind so far named a few people so; this
adds the best known of India, the Arab world, Greece, Korea, Japan and China in their own
scripts, where the name means the person and nothing else. The same merge as 0008:
staff-removed figures stay removed, staff-written aliases are kept."""

from django.db import migrations

from ._seed import figures_add

NICKNAMES = {
    "Shah Rukh Khan": "शाहरुख खान, شاہ رخ خان, شاہ رخ",
    "Amitabh Bachchan": "अमिताभ बच्चन",
    "Salman Khan": "सलमान खान",
    "Priyanka Chopra": "प्रियंका चोपड़ा",
    "Deepika Padukone": "दीपिका पादुकोण",
    "Virat Kohli": "विराट कोहली",
    "Sachin Tendulkar": "सचिन तेंदुलकर",
    "MS Dhoni": "महेंद्र सिंह धोनी",
    "Rahul Gandhi": "राहुल गांधी",
    "Mohamed Salah": "محمد صلاح",
    "Kyriakos Mitsotakis": "Κυριάκος Μητσοτάκης, Μητσοτάκης",
    "Giannis Antetokounmpo": "Γιάννης Αντετοκούνμπο, Αντετοκούνμπο",
    "Blackpink": "블랙핑크, ブラックピンク",
    "G-Dragon": "지드래곤",
    "Hayao Miyazaki": "宮崎駿, 宫崎骏, 미야자키 하야오",
    "Naomi Osaka": "大坂なおみ",
    "Jack Ma": "马云, 馬雲",
    "Alexei Navalny": "Навальный",
}


def add(apps, schema_editor):
    figures_add(apps, {}, NICKNAMES)


class Migration(migrations.Migration):
    dependencies = [("generation", "0017_public_figures_arts_faith_past")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
