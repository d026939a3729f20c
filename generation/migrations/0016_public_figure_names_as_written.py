"""Names that are everyday words too, and a few more names.

Some people are known by a word ("Drake", a male duck; "The Rock"; "Ye"; "Lula", Portuguese for
squid; "Bibi"), which the seeds left out: as an alias it would refuse every duck. A new field,
`names_as_written`, holds such names; they count only as a name is written, with its capitals and
not after "a", "the" or "my" (generation.moderation._as_written). Most corpora written blind so
far named one of them, and each was missed.

Also: a few historical figures known by one name that is nothing else (Cleopatra, Genghis Khan,
Tutankhamun; the policy counts the famous dead since 0015), nicknames that mean one person
("Obummer", "Swifty", "RDJ"), the pope as Italians and Spaniards write him without an article
(as written: without its accent, "papá Francisco" is a father), and leaders' names in Hebrew,
Greek and Arabic, scripts 0013 left out. A name that is a word in
that language is left out (מסי is "taxes of" in Hebrew). The same merge as 0008: staff-removed
figures stay removed, staff-written names are kept. Not "Madonna", whom paintings name with a
capital too ("a Renaissance Madonna and Child")."""

from django.db import migrations, models

from ._seed import figures_add, figures_write

FIGURES = {
    "Cleopatra": "Cleopatra VII, Queen Cleopatra",
    "Julius Caesar": "Gaius Julius Caesar",
    "Genghis Khan": "Chinggis Khan, Chingis Khan",
    "Tutankhamun": "Tutankhamen, King Tut",
}

NICKNAMES = {
    "Barack Obama": "Obummer, אובמה, Ομπάμα",
    "Taylor Swift": "Swifty, Tay Swift, טיילור סוויפט, تايلور سويفت",
    "Robert Downey Jr.": "RDJ, Robert Downey Junior",
    "Kim Jong Un": "Kim Jung Un, Kim Jung-un, קים ג'ונג און, كيم جونغ أون",
    "Pope Francis": "Papież Franciszek, Pape Francois, البابا فرنسيس",
    "Pope Leo": "Papież Leon",
    "Donald Trump": "טראמפ, Τραμπ, Ντόναλντ Τραμπ",
    "Vladimir Putin": "פוטין, Πούτιν",
    "Joe Biden": "ביידן, Μπάιντεν",
    "Benjamin Netanyahu": "נתניהו, Νετανιάχου",
    "Recep Tayyip Erdogan": "Ερντογάν, ארדואן, أردوغان",
    "Mohammed bin Salman": "محمد بن سلمان, ولي العهد السعودي",
    "Emmanuel Macron": "מקרון, Μακρόν, ماكرون",
    "Volodymyr Zelensky": "זלנסקי, Ζελένσκι, زيلينسكي",
    "Xi Jinping": "שי ג'ינפינג, Σι Τζινπίνγκ, شي جين بينغ",
    "Elon Musk": "אילון מאסק, Έλον Μασκ, إيلون ماسك",
    "Lionel Messi": "ליונל מסי, Μέσι, ميسي, ليونيل ميسي",
    "Cristiano Ronaldo": "רונאלדו, Ρονάλντο, رونالدو",
}

WRITTEN = {
    "Aubrey Drake Graham": "Drake",
    "Dwayne Johnson": "The Rock",
    "Kanye West": "Ye",
    "Lula da Silva": "Lula",
    "Benjamin Netanyahu": "Bibi",
    "Usher Raymond": "Usher",
    "Cher Sarkisian": "Cher",
    # As written, accent and all: "papà Francesco" and "papá Francisco" are someone's dad.
    "Pope Francis": "Papa Francesco, Papa Francisco",
    "Pope Leo": "Papa Leone, Papa León, Papa Leão",
}


def add(apps, schema_editor):
    figures_add(apps, FIGURES, NICKNAMES)
    figures_write(apps, WRITTEN)


class Migration(migrations.Migration):
    dependencies = [("generation", "0015_public_figures_historical")]

    operations = [
        migrations.AddField(
            model_name="publicfigure",
            name="names_as_written",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Names that are everyday words too (Drake, The Rock), comma-separated: they count only "
                    "written with their capitals, and not after “a”, “the” or “my”."
                ),
            ),
        ),
        migrations.RunPython(add, migrations.RunPython.noop),
    ]
