"""Historical figures, and a few more descriptions: both corpora written blind since 0014 counted
famous people of the past as public figures ("albert einstein rapping about relativity", "mahatma
gandhi at a rave", "martin luther king jr endorsing a political candidate"), and so does the
policy: a likeness of the dead is a likeness too (Sora stopped videos of Martin Luther King at his
estate's request). A history-class reenactment that names one is refused like any other figure
and may be reviewed; an operator who wants them allowed removes them in the admin.

Only full names, or short forms that mean this person and nothing else: not "Napoleon" (a cake,
a film), "Lincoln" (a car, a city), "Einstein" (a pet's name), "Churchill" (a town of polar
bears), "Che" (Italian for "what"), "Hawking" (selling in the street), "MLK" (a holiday), "Hitler"
alone (a weak word, for documentaries), nor Pelé (Portuguese "pele" is skin); no painters or
composers, whose names are styles people ask for ("in the style of Picasso"), and no founders of
religions, whom festivals and nativity plays depict. The same merge as 0008: staff-removed
figures stay removed, staff-written aliases are kept."""

from django.db import migrations

from ._seed import figures_add

FIGURES = {
    "Albert Einstein": "",
    "Abraham Lincoln": "Abe Lincoln, Honest Abe, President Lincoln",
    "Napoleon Bonaparte": "Emperor Napoleon",
    "Mahatma Gandhi": "Gandhiji, Mohandas Gandhi, महात्मा गांधी",
    "Martin Luther King Jr.": "Martin Luther King",
    "Winston Churchill": "",
    "John F. Kennedy": "John F Kennedy, President Kennedy",
    "Adolf Hitler": "",
    "Joseph Stalin": "Stalin, Сталин",
    "Mao Zedong": "Chairman Mao, Mao Tse-tung, 毛泽东, 毛澤東",
    "Vladimir Lenin": "Lenin, Ленин",
    "Fidel Castro": "",
    "Che Guevara": "",
    "Mother Teresa": "",
    "George Washington": "President Washington",
    "Ronald Reagan": "Reagan",
    "Richard Nixon": "Nixon",
    "Margaret Thatcher": "",
    "Osama bin Laden": "bin Laden",
    "Saddam Hussein": "",
    "Muammar Gaddafi": "Gaddafi, Qaddafi",
    "John Lennon": "",
    "Bob Marley": "",
    "Bruce Lee": "",
    "Neil Armstrong": "",
    "Nikola Tesla": "",
    "Isaac Newton": "",
    "Charles Darwin": "",
    "Marie Curie": "",
    "Stephen Hawking": "",
    "Thomas Edison": "",
    "Rosa Parks": "",
    "Malcolm X": "",
    "Anne Frank": "",
    "Audrey Hepburn": "",
    "Frank Sinatra": "Sinatra",
    "Charlie Chaplin": "",
    "Amelia Earhart": "",
    "Queen Victoria": "",
    "King Salman": "Salman bin Abdulaziz",
}

NICKNAMES = {
    "Michael Jackson": "King of Pop",
    "Barack Obama": "44th president, 44th US president",
    "Donald Trump": "45th president, 45th US president, 47th US president",
}


def add(apps, schema_editor):
    figures_add(apps, FIGURES, NICKNAMES)


class Migration(migrations.Migration):
    dependencies = [("generation", "0014_public_figure_offices_more")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
