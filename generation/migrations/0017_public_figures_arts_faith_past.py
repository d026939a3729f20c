"""Public figures of the arts, of science, of faith and of the past, and a rule for names that
stand for a work, a style or a place.

0015 left out painters, composers and writers, whose names are styles people ask for ("in the
style of Picasso"). Both corpora written blind since then put them in scenes as people ("Frida
Kahlo painting a mural in New York", "Mozart conducting an EDM festival", "William Shakespeare
rapping his sonnets"), and the policy counts the famous dead since 0015. Now a name counts only
where it is not a style, a work or a place (generation.moderation._works_only: "in the style of",
"Van Gogh's Starry Night", "a Chopin nocturne", "Trump Tower", "the statue of Lenin"), so they
can be seeded. Across the corpora looked at before, each style and work they named passed.

Also the Prophet Muhammad, whom many Muslims hold may not be depicted at all (0015 left out
founders of religions because nativity plays and festivals depict them; a Mawlid is celebrated
without showing him); leaders of the past century and earlier that the seeds lacked; and
entertainers who died young. Only full names, or short forms that mean this person and nothing
else: not "Michelangelo" (a Ninja Turtle), "Rembrandt" (a light), "Munch", "Bach" (German for a
stream), "Verdi" (Italian for green), "Plato" (Spanish for a plate: as written only), "Columbus"
or "Marco Polo" (a game in the pool). The same merge as 0008: staff-removed figures stay removed,
staff-written aliases are kept."""

from django.db import migrations

from ._seed import figures_add, figures_write

FIGURES = {
    # the arts
    "Leonardo da Vinci": "da Vinci, Leonardo di ser Piero da Vinci",
    "Michelangelo Buonarroti": "",
    "Vincent van Gogh": "Van Gogh, ван Гог, 梵高, 반 고흐",
    "Pablo Picasso": "Picasso, 毕加索",
    "Frida Kahlo": "Kahlo",
    "Claude Monet": "Monet",
    "Salvador Dalí": "Salvador Dali",
    "Rembrandt van Rijn": "",
    "Andy Warhol": "Warhol",
    "Jean-Michel Basquiat": "Basquiat",
    "Gustav Klimt": "Klimt",
    "Edvard Munch": "",
    "Henri Matisse": "Matisse",
    "Johannes Vermeer": "Vermeer",
    "Georgia O'Keeffe": "",
    "Jackson Pollock": "",
    "Bob Ross": "",
    "Katsushika Hokusai": "Hokusai, 葛飾北斎",
    "Wolfgang Amadeus Mozart": "Mozart, Моцарт, 莫扎特, モーツァルト",
    "Ludwig van Beethoven": "Beethoven, Бетховен, 贝多芬, ベートーヴェン",
    "Johann Sebastian Bach": "J. S. Bach, JS Bach",
    "Frédéric Chopin": "Chopin, Fryderyk Chopin, Шопен",
    "Pyotr Ilyich Tchaikovsky": "Tchaikovsky, Tschaikowsky, Чайковский",
    "Antonio Vivaldi": "Vivaldi",
    "George Frideric Handel": "",
    "Franz Schubert": "",
    "Giuseppe Verdi": "",
    "Claude Debussy": "Debussy",
    "William Shakespeare": "Shakespeare, Шекспир, 莎士比亚, シェイクスピア",
    "Charles Dickens": "",
    "Jane Austen": "",
    "Mark Twain": "",
    "Ernest Hemingway": "Hemingway",
    "Leo Tolstoy": "Tolstoy, Лев Толстой",
    "Fyodor Dostoevsky": "Dostoevsky, Dostoyevsky, Достоевский",
    "Edgar Allan Poe": "Edgar Poe",
    "Oscar Wilde": "",
    "Franz Kafka": "Kafka",
    "Dante Alighieri": "",
    "Miguel de Cervantes": "Cervantes",
    "Victor Hugo": "",
    "J. R. R. Tolkien": "Tolkien, JRR Tolkien",
    "Agatha Christie": "",
    "Virginia Woolf": "",
    "Emily Dickinson": "",
    "Maya Angelou": "",
    "Gabriel García Márquez": "Gabriel Garcia Marquez",
    "Friedrich Nietzsche": "Nietzsche",
    "Karl Marx": "Карл Маркс",
    "Sigmund Freud": "Freud",
    "Socrates": "Sokrates",
    "Plato of Athens": "",
    "Aristotle": "Aristoteles",
    "Confucius": "孔子, Kong Fuzi",
    "Sun Tzu": "孙子",
    # science
    "Galileo Galilei": "",
    "Nicolaus Copernicus": "Copernicus, Mikołaj Kopernik",
    "Ada Lovelace": "",
    "Alan Turing": "",
    "Carl Sagan": "",
    "Richard Feynman": "Feynman",
    "Archimedes": "",
    "Pythagoras": "",
    "Louis Pasteur": "",
    # faith
    "Prophet Muhammad": "Prophet Mohammed, Prophet Mohammad, Prophet Mohamed, Muhammad the Prophet, النبي محمد",
    "Pope John Paul II": "John Paul II, Pope John Paul, Jan Paweł II, Juan Pablo II, Giovanni Paolo II",
    # rulers and the past
    "Alexander the Great": "Alexander of Macedon",
    "Queen Elizabeth I": "Elizabeth I",
    "King Henry VIII": "Henry VIII, Henry the Eighth",
    "Louis XIV": "the Sun King, Louis Quatorze",
    "Marie Antoinette": "",
    "Catherine the Great": "",
    "Peter the Great": "",
    "Joan of Arc": "Jeanne d'Arc",
    "Charlemagne": "",
    "Attila the Hun": "",
    "Ramesses II": "Ramses II, Ramses the Great",
    "Nefertiti": "",
    "Benito Mussolini": "Mussolini, il Duce",
    "Pol Pot": "",
    "Kim Il-sung": "Kim Il Sung, 김일성",
    "Kim Jong-il": "Kim Jong Il, 김정일",
    "Ho Chi Minh": "Hồ Chí Minh, Uncle Ho, Bác Hồ",
    "Theodore Roosevelt": "Teddy Roosevelt",
    "Franklin D. Roosevelt": "Franklin Roosevelt, FDR",
    "Thomas Jefferson": "",
    "Benjamin Franklin": "Ben Franklin",
    "Alexander Hamilton": "",
    "Harriet Tubman": "",
    "Frederick Douglass": "",
    "Susan B. Anthony": "",
    "Eleanor Roosevelt": "",
    "Christopher Columbus": "Cristoforo Colombo, Cristóbal Colón",
    "Ferdinand Magellan": "Magellan",
    "Hernán Cortés": "Hernan Cortes",
    "Simón Bolívar": "Simon Bolivar",
    "Mustafa Kemal Atatürk": "Atatürk, Ataturk",
    "Jawaharlal Nehru": "Pandit Nehru",
    "Indira Gandhi": "",
    "Emperor Hirohito": "Hirohito, 裕仁",
    "Tsar Nicholas II": "Nicholas II, Николай II",
    "Grigori Rasputin": "",
    "Sun Yat-sen": "孙中山, 孫中山, Sun Yat Sen",
    "Qin Shi Huang": "秦始皇",
    "Cyrus the Great": "",
    "Saladin": "Salah ad-Din, صلاح الدين",
    "Suleiman the Magnificent": "",
    "Leon Trotsky": "Trotsky, Троцкий",
    "Eva Perón": "Evita Perón, Eva Peron, Evita Peron",
    "Pinochet": "Augusto Pinochet",
    "Idi Amin": "",
    "Francisco Franco": "General Franco",
    "Emperor Nero": "",
    "Heinrich Himmler": "Himmler",
    "Joseph Goebbels": "Goebbels",
    "Hermann Göring": "Goering, Göring",
    # entertainers and athletes
    "David Bowie": "Bowie",
    "Jimi Hendrix": "Hendrix",
    "Amy Winehouse": "Winehouse",
    "Robin Williams": "",
    "James Dean": "",
    "Heath Ledger": "",
    "Babe Ruth": "",
    "Stan Lee": "",
    "Jim Henson": "",
    "Fred Rogers": "Mister Rogers, Mr. Rogers, Mr Rogers",
    "Johnny Cash": "",
    "Selena Quintanilla": "",
    "Avicii": "",
    "Chester Bennington": "",
    "Mac Miller": "",
    "Juice WRLD": "",
    "XXXTentacion": "",
    "Paul Walker": "",
    "Chadwick Boseman": "",
    "Matthew Perry": "",
    "Ruth Bader Ginsburg": "RBG",
}

NICKNAMES = {
    "Joe Biden": "46th president, 46th US president",
}

WRITTEN = {
    "Plato of Athens": "Plato",
}


def add(apps, schema_editor):
    figures_add(apps, FIGURES, NICKNAMES)
    figures_write(apps, WRITTEN)


class Migration(migrations.Migration):
    dependencies = [("generation", "0016_public_figure_names_as_written")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
