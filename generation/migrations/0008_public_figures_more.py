"""More of the public figures a fresh install starts with, and more names for the seeded ones.

The first list (0005) held about 150 people; prompts name many more: royals, TV hosts, chefs,
comedians, rappers, K-pop and Bollywood stars, streamers, athletes from more sports, and the
heads of government who came after it. Some people are written by their office ("the current US
president", "the Tesla CEO") or a nickname ("Bojo", "DJT", "sleepy Joe"); those are added to
the figure's aliases. Staff-removed figures stay removed, staff-written aliases are kept.

The same rule as before: an alias is a word or phrase that means this person and nothing else.
People known by one common word (Drake, Usher, Madonna, Cher, Pelé, "the Rock", "King James")
are listed under their full name and unambiguous nicknames only; staff who know their users'
prompts can add the word itself in the admin."""

from django.db import migrations

FIGURES = {
    # Royals
    "Kate Middleton": "Catherine Middleton, Princess Kate, Duchess Kate, Princess of Wales",
    "Queen Camilla": "Camilla Parker Bowles", "Queen Elizabeth II": "Queen Elizabeth", "Princess Diana": "Lady Di",
    "Prince Andrew": "Andrew Mountbatten Windsor", "Mohammed bin Salman": "Mohammad bin Salman, bin Salman, crown prince of Saudi Arabia",
    # Heads of state and government, politicians, commentators
    "Mark Carney": "", "Sanae Takaichi": "", "Shinzo Abe": "", "Ali Khamenei": "Ayatollah Khamenei, Khamenei",
    "Marine Le Pen": "", "Viktor Orban": "", "Nigel Farage": "Farage", "Liz Truss": "", "Theresa May": "",
    "Ron DeSantis": "DeSantis", "Gavin Newsom": "", "Mike Pence": "", "Marco Rubio": "", "Pete Hegseth": "Hegseth",
    "Robert F. Kennedy Jr.": "RFK Jr, RFK Junior, Robert F Kennedy", "Elizabeth Warren": "", "Mitch McConnell": "McConnell",
    "Chuck Schumer": "", "Ted Cruz": "", "Nikki Haley": "", "Tucker Carlson": "", "Claudia Sheinbaum": "Sheinbaum",
    "Andres Manuel Lopez Obrador": "AMLO", "Cyril Ramaphosa": "Ramaphosa", "Imran Khan": "", "Rahul Gandhi": "",
    "Lee Jae-myung": "", "Ursula von der Leyen": "von der Leyen", "Jacinda Ardern": "", "Anthony Albanese": "",
    "Pedro Sanchez": "", "Donald Tusk": "", "Alexei Navalny": "Navalny", "Michelle Obama": "", "Melania Trump": "",
    "Ivanka Trump": "", "Barron Trump": "", "Hunter Biden": "", "Jill Biden": "", "Tim Walz": "", "Zohran Mamdani": "Mamdani",
    "Eric Adams": "", "Stephen Miller": "", "Karoline Leavitt": "", "Kash Patel": "", "Vivek Ramaswamy": "Ramaswamy",
    "Jimmy Carter": "", "Condoleezza Rice": "", "Arnold Schwarzenegger": "Schwarzenegger", "Malala Yousafzai": "Malala",
    "Dalai Lama": "", "Charlie Kirk": "", "Marjorie Taylor Greene": "",
    # Business and technology
    "Larry Page": "", "Sergey Brin": "", "Larry Ellison": "", "Jack Ma": "", "Jack Dorsey": "", "Peter Thiel": "",
    "Bernard Arnault": "", "Mukesh Ambani": "", "Gautam Adani": "", "Sheryl Sandberg": "", "Lisa Su": "",
    "Demis Hassabis": "", "Dario Amodei": "", "Sam Bankman-Fried": "SBF", "Elizabeth Holmes": "", "Martha Stewart": "",
    "Richard Branson": "", "Michael Bloomberg": "", "George Soros": "Soros", "Steve Ballmer": "", "Mark Cuban": "",
    "Kevin O'Leary": "", "Marc Andreessen": "",
    # Music
    "Aubrey Drake Graham": "Aubrey Graham, Drizzy, Drizzy Drake, Drake the rapper, rapper Drake, Champagne Papi",
    "Cardi B": "", "Doja Cat": "", "SZA": "", "Lizzo": "", "Megan Thee Stallion": "Megan the Stallion", "Ice Spice": "",
    "Lil Nas X": "", "Lil Wayne": "", "Curtis Jackson": "rapper 50 Cent, 50 Cent the rapper", "Dr. Dre": "Dr Dre", "O'Shea Jackson": "rapper Ice Cube, Ice Cube the rapper", "Pharrell Williams": "Pharrell",
    "Justin Timberlake": "", "Britney Spears": "", "Christina Aguilera": "", "Mariah Carey": "", "Celine Dion": "",
    "Elton John": "", "Paul McCartney": "McCartney", "Mick Jagger": "", "Bruce Springsteen": "Springsteen", "Bob Dylan": "",
    "Dolly Parton": "", "Shania Twain": "", "Stevie Wonder": "", "Michael Jackson": "", "Whitney Houston": "",
    "Freddie Mercury": "", "Elvis Presley": "", "Kurt Cobain": "", "Ozzy Osbourne": "", "Chris Brown": "",
    "Usher Raymond": "", "Jack Harlow": "", "Tyler, the Creator": "", "Frank Ocean": "", "Donald Glover": "Childish Gambino",
    "Lil Uzi Vert": "", "Playboi Carti": "", "J. Cole": "J Cole", "Kid Cudi": "", "ASAP Rocky": "",
    "Daddy Yankee": "", "J Balvin": "", "Karol G": "", "Peso Pluma": "", "Rosalia": "", "Shawn Mendes": "",
    "Camila Cabello": "", "Demi Lovato": "", "Lana Del Rey": "", "Chappell Roan": "", "Benson Boone": "",
    "Morgan Wallen": "", "Blake Shelton": "", "Gwen Stefani": "", "Sean Combs": "P Diddy, Puff Daddy, Diddy Combs",
    "Tupac Shakur": "Tupac, 2Pac", "Jungkook": "Jeon Jungkook", "Blackpink": "", "Jennie Kim": "", "G-Dragon": "",
    "Chris Martin": "", "Madonna Ciccone": "", "Cher Sarkisian": "", "Bono Vox": "Paul Hewson",
    # Film, television, the internet
    "Jimmy Fallon": "", "Jimmy Kimmel": "", "Stephen Colbert": "", "Ellen DeGeneres": "", "Conan O'Brien": "",
    "Trevor Noah": "", "John Oliver": "", "Jon Stewart": "", "David Letterman": "", "Joe Rogan": "", "Gordon Ramsay": "Gordon Ramsey",
    "Jamie Oliver": "", "Guy Fieri": "", "Anthony Bourdain": "", "Nigella Lawson": "", "Steve Harvey": "",
    "Simon Cowell": "", "Ryan Seacrest": "", "Piers Morgan": "", "Anderson Cooper": "", "David Attenborough": "",
    "Bear Grylls": "", "Steve Irwin": "", "Kevin Hart": "", "Dave Chappelle": "", "Chris Rock": "", "Adam Sandler": "",
    "Will Ferrell": "", "Eddie Murphy": "", "Samuel L. Jackson": "Samuel Jackson", "Denzel Washington": "", "Al Pacino": "",
    "Robert De Niro": "De Niro", "Jack Nicholson": "", "Harrison Ford": "", "Sylvester Stallone": "Stallone",
    "Jackie Chan": "", "Jason Statham": "", "Vin Diesel": "", "Chris Hemsworth": "", "Chris Evans": "", "Chris Pratt": "",
    "Tom Holland": "", "Benedict Cumberbatch": "Cumberbatch", "Henry Cavill": "", "Hugh Jackman": "", "Matt Damon": "",
    "Ben Affleck": "", "George Clooney": "Clooney", "Julia Roberts": "", "Sandra Bullock": "", "Nicole Kidman": "",
    "Anne Hathaway": "", "Natalie Portman": "", "Emma Stone": "", "Jennifer Lawrence": "", "Kristen Stewart": "",
    "Gal Gadot": "", "Florence Pugh": "", "Anya Taylor-Joy": "", "Austin Butler": "", "Jacob Elordi": "", "Glen Powell": "",
    "Cillian Murphy": "", "Robert Pattinson": "", "Nicolas Cage": "", "Danny DeVito": "", "Marilyn Monroe": "",
    "Paris Hilton": "", "Khloe Kardashian": "", "Kourtney Kardashian": "", "Kris Jenner": "", "Kendall Jenner": "",
    "Hailey Bieber": "", "Gigi Hadid": "", "Bella Hadid": "", "Kate Moss": "", "Naomi Campbell": "", "Heidi Klum": "",
    "Tyra Banks": "", "RuPaul": "", "Logan Paul": "", "Jake Paul": "", "KSI": "", "Kai Cenat": "", "IShowSpeed": "",
    "Addison Rae": "", "Charli D'Amelio": "", "Khaby Lame": "", "Emma Chamberlain": "", "Pokimane": "", "Andrew Tate": "",
    "Jordan Peterson": "", "Jeffrey Epstein": "Epstein", "Harvey Weinstein": "Weinstein", "Bill Cosby": "",
    "Steven Spielberg": "Spielberg", "Quentin Tarantino": "Tarantino", "Christopher Nolan": "", "Martin Scorsese": "Scorsese",
    "James Cameron": "", "Hayao Miyazaki": "Miyazaki", "Shah Rukh Khan": "SRK", "Amitabh Bachchan": "",
    "Priyanka Chopra": "", "Deepika Padukone": "", "Salman Khan": "", "Aamir Khan": "",
    # Sport
    "Kobe Bryant": "", "Shaquille O'Neal": "Shaq", "Kevin Durant": "", "Giannis Antetokounmpo": "Antetokounmpo",
    "Luka Doncic": "", "Victor Wembanyama": "Wembanyama, Wemby", "Nikola Jokic": "", "Michael Phelps": "",
    "Naomi Osaka": "", "Coco Gauff": "", "Carlos Alcaraz": "Alcaraz", "Jannik Sinner": "", "Venus Williams": "",
    "Maria Sharapova": "Sharapova", "Wayne Gretzky": "Gretzky", "Sidney Crosby": "", "Connor McDavid": "",
    "Muhammad Ali": "", "Floyd Mayweather": "Mayweather", "Manny Pacquiao": "Pacquiao", "Canelo Alvarez": "",
    "Tyson Fury": "", "Khabib Nurmagomedov": "Nurmagomedov", "Ronda Rousey": "", "Hulk Hogan": "", "John Cena": "",
    "David Beckham": "", "Victoria Beckham": "", "Zinedine Zidane": "Zidane", "Diego Maradona": "Maradona",
    "Mohamed Salah": "Mo Salah", "Kevin De Bruyne": "", "Harry Kane": "", "Jude Bellingham": "", "Vinicius Junior": "",
    "Lamine Yamal": "", "Robert Lewandowski": "Lewandowski", "Luka Modric": "", "Zlatan Ibrahimovic": "Ibrahimovic",
    "Wayne Rooney": "", "Son Heung-min": "", "Pep Guardiola": "", "Jose Mourinho": "Mourinho", "Lando Norris": "",
    "Charles Leclerc": "", "Fernando Alonso": "", "Michael Schumacher": "", "Ayrton Senna": "", "Rory McIlroy": "",
    "Aaron Rodgers": "", "Peyton Manning": "", "Derek Jeter": "", "Aaron Judge": "", "Virat Kohli": "", "Sachin Tendulkar": "",
    "MS Dhoni": "", "Tony Hawk": "", "Eliud Kipchoge": "Kipchoge",
}  # fmt: skip

# Names people write for figures seeded before: nicknames, initials and the office they hold.
NICKNAMES = {
    "Donald Trump": "DJT, current US president, current American president, sitting US president, 47th president",
    "Joe Biden": "Sleepy Joe", "Boris Johnson": "Bojo", "Vladimir Putin": "Pootin",
    "Beyoncé": "Queen B, Beyonce Knowles", "MrBeast": "Mister Beast",
    "Elon Musk": "Tesla CEO, SpaceX CEO", "Mark Zuckerberg": "Meta CEO, Facebook founder", "Jeff Bezos": "Amazon founder",
    "Sam Altman": "OpenAI CEO", "Jensen Huang": "Nvidia CEO", "Bill Gates": "Microsoft founder",
    "Pope Leo": "Robert Prevost",
}  # fmt: skip


def add(apps, schema_editor):
    PublicFigure = apps.get_model("generation", "PublicFigure")
    for name, aliases in FIGURES.items():
        PublicFigure.objects.get_or_create(name=name, defaults={"aliases": aliases})
    for name, nicknames in NICKNAMES.items():
        for figure in PublicFigure.objects.filter(name=name):
            have = [a.strip() for a in figure.aliases.split(",") if a.strip()]
            new = [n.strip() for n in nicknames.split(",") if n.strip().lower() not in {a.lower() for a in have}]
            if new:
                figure.aliases = ", ".join([*have, *new])
                figure.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("generation", "0007_policy_score_help")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
