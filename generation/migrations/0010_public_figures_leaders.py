"""More heads of state and government a fresh install starts with, and descriptions people write
for a few seeded figures.

The lists before (0005, 0008) held the leaders of the largest economies; prompts name leaders of
every region ("Bola Tinubu at a nightclub", "Fumio Kishida singing karaoke"). These are living
leaders in office now or in the last few years. The same rule as before: an alias is a word or
phrase that means this person and nothing else, so a surname that is also a word or a common
name is not one ("Maduro", ripe in Spanish; "Montenegro", a country; "Boric", an acid); the full
name still is. Staff-removed figures stay removed, staff-written aliases are kept."""

from django.db import migrations

from ._seed import figures_add

FIGURES = {
    "Bola Tinubu": "Tinubu", "Fumio Kishida": "Kishida", "Shigeru Ishiba": "Ishiba",
    "Yoon Suk Yeol": "Yoon Suk-yeol", "Moon Jae-in": "", "Nicolás Maduro": "", "Shehbaz Sharif": "",
    "Nawaz Sharif": "", "Prabowo Subianto": "Prabowo", "Joko Widodo": "Jokowi",
    "Ferdinand Marcos Jr.": "Bongbong Marcos", "Rodrigo Duterte": "Duterte", "Anwar Ibrahim": "",
    "Abiy Ahmed": "", "William Ruto": "", "Paul Kagame": "Kagame", "Gustavo Petro": "", "Gabriel Boric": "",
    "Andrzej Duda": "", "Karol Nawrocki": "Nawrocki", "Alexander Lukashenko": "Lukashenko",
    "Bashar al-Assad": "Assad", "Masoud Pezeshkian": "Pezeshkian", "Abdel Fattah el-Sisi": "el-Sisi, al-Sisi",
    "Mohamed bin Zayed": "MBZ", "Tamim bin Hamad Al Thani": "Emir of Qatar", "Hun Manet": "", "Hun Sen": "",
    "Shavkat Mirziyoyev": "Mirziyoyev", "Kassym-Jomart Tokayev": "Tokayev", "Ilham Aliyev": "",
    "Nikol Pashinyan": "Pashinyan", "Aleksandar Vučić": "Vucic", "Robert Fico": "", "Andrej Babiš": "Babis",
    "Kyriakos Mitsotakis": "Mitsotakis", "Mette Frederiksen": "", "Ulf Kristersson": "Kristersson",
    "Alexander Stubb": "", "Dick Schoof": "", "Bart De Wever": "", "Luís Montenegro": "", "Mark Rutte": "",
    "Christopher Luxon": "Luxon", "Scott Morrison": "", "José Raúl Mulino": "", "Daniel Noboa": "Noboa",
    "Nayib Bukele": "Bukele", "Bernardo Arévalo": "", "Miguel Díaz-Canel": "Diaz-Canel", "Dina Boluarte": "Boluarte",
    "Abdelmadjid Tebboune": "Tebboune", "King Mohammed VI": "Mohammed VI of Morocco",
    "King Abdullah II": "King Abdullah of Jordan", "Queen Rania": "Queen Rania of Jordan", "Mahmoud Abbas": "",
    "Emmerson Mnangagwa": "Mnangagwa", "Yoweri Museveni": "Museveni", "Félix Tshisekedi": "Tshisekedi",
    "Alassane Ouattara": "Ouattara", "John Mahama": "John Dramani Mahama", "Ibrahim Traoré": "",
    "Sheikh Hasina": "", "Muhammad Yunus": "", "Anura Kumara Dissanayake": "", "Li Qiang": "",
    "Lai Ching-te": "", "António Guterres": "Guterres", "Jens Stoltenberg": "Stoltenberg",
    "Christine Lagarde": "Lagarde",
}  # fmt: skip

# What people write for seeded figures instead of their names.
NICKNAMES = {
    "Mark Zuckerberg": "founder of Facebook, Facebook's founder, Facebook CEO",
    "Elon Musk": "owner of Tesla, founder of SpaceX, Twitter owner, owner of Twitter",
    "Jeff Bezos": "founder of Amazon, Amazon's founder", "Bill Gates": "founder of Microsoft",
}  # fmt: skip


def add(apps, schema_editor):
    figures_add(apps, FIGURES, NICKNAMES)


class Migration(migrations.Migration):
    dependencies = [("generation", "0009_public_figure_offices")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
