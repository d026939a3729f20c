"""The public figures a fresh install starts with: widely known people a prompt may not show
without their own cameo. Staff extend or trim the list in the admin. One-word aliases only where
the word means nobody and nothing else ("Obama", not "Bolt" or "Cook"); people known by one
common word (Drake, a male duck; Madonna, of many paintings) are left to staff, who know their
users' prompts."""

from django.db import migrations

FIGURES = {
    # Heads of state and government, politicians
    "Donald Trump": "Trump", "Joe Biden": "Biden", "Barack Obama": "Obama", "Kamala Harris": "",
    "Hillary Clinton": "", "Bill Clinton": "", "George W. Bush": "", "JD Vance": "", "Bernie Sanders": "",
    "Alexandria Ocasio-Cortez": "AOC", "Nancy Pelosi": "Pelosi", "Vladimir Putin": "Putin",
    "Xi Jinping": "", "Volodymyr Zelensky": "Zelensky, Zelenskyy", "Emmanuel Macron": "Macron",
    "Olaf Scholz": "Scholz", "Friedrich Merz": "", "Keir Starmer": "Starmer", "Rishi Sunak": "Sunak",
    "Boris Johnson": "", "Justin Trudeau": "Trudeau", "Narendra Modi": "", "Benjamin Netanyahu": "Netanyahu",
    "Kim Jong Un": "Kim Jong-un", "Recep Tayyip Erdogan": "Erdogan", "Giorgia Meloni": "Meloni",
    "Javier Milei": "Milei", "Jair Bolsonaro": "Bolsonaro", "Lula da Silva": "", "King Charles": "King Charles III",
    "Prince William": "", "Prince Harry": "", "Meghan Markle": "", "Pope Francis": "", "Pope Leo": "Pope Leo XIV",
    "Angela Merkel": "Merkel", "Greta Thunberg": "Thunberg", "Nelson Mandela": "Mandela",
    # Business and technology
    "Elon Musk": "", "Mark Zuckerberg": "Zuckerberg", "Jeff Bezos": "Bezos", "Bill Gates": "", "Sam Altman": "",
    "Tim Cook": "", "Sundar Pichai": "Pichai", "Satya Nadella": "Nadella", "Jensen Huang": "", "Warren Buffett": "Buffett",
    "Steve Jobs": "", "Oprah Winfrey": "Oprah",
    # Music
    "Taylor Swift": "", "Beyoncé": "Beyonce", "Rihanna": "", "Kanye West": "Kanye",
    "Kendrick Lamar": "", "Eminem": "", "Jay-Z": "", "Ariana Grande": "", "Billie Eilish": "", "Lady Gaga": "",
    "Ed Sheeran": "", "Justin Bieber": "Bieber", "Selena Gomez": "", "Bad Bunny": "", "Shakira": "",
    "Dua Lipa": "", "Harry Styles": "", "Adele": "", "Bruno Mars": "", "The Weeknd": "", "Snoop Dogg": "",
    "Miley Cyrus": "", "Katy Perry": "", "Jennifer Lopez": "J.Lo", "Sabrina Carpenter": "",
    "Olivia Rodrigo": "", "Travis Scott": "", "Nicki Minaj": "", "Post Malone": "", "BTS": "",
    # Film and television
    "Tom Cruise": "", "Tom Hanks": "", "Leonardo DiCaprio": "DiCaprio", "Brad Pitt": "", "Angelina Jolie": "",
    "Scarlett Johansson": "", "Dwayne Johnson": "", "Keanu Reeves": "", "Zendaya": "", "Timothée Chalamet": "Chalamet",
    "Margot Robbie": "", "Ryan Reynolds": "", "Ryan Gosling": "", "Jennifer Aniston": "", "Will Smith": "",
    "Morgan Freeman": "", "Emma Watson": "", "Daniel Radcliffe": "", "Robert Downey Jr.": "Robert Downey",
    "Johnny Depp": "", "Meryl Streep": "", "Kim Kardashian": "Kardashian", "Kylie Jenner": "", "Jim Carrey": "",
    "Sydney Sweeney": "", "Pedro Pascal": "", "Jenna Ortega": "", "Millie Bobby Brown": "",
    "MrBeast": "Mr Beast, Jimmy Donaldson", "PewDiePie": "",
    # Sport
    "Lionel Messi": "Messi", "Cristiano Ronaldo": "Ronaldo", "Kylian Mbappé": "Mbappe", "Neymar": "",
    "Erling Haaland": "Haaland", "LeBron James": "LeBron", "Stephen Curry": "", "Michael Jordan": "",
    "Serena Williams": "", "Roger Federer": "Federer", "Rafael Nadal": "Nadal", "Novak Djokovic": "Djokovic",
    "Usain Bolt": "", "Simone Biles": "", "Tom Brady": "", "Patrick Mahomes": "Mahomes", "Travis Kelce": "",
    "Lewis Hamilton": "", "Max Verstappen": "Verstappen", "Tiger Woods": "", "Conor McGregor": "", "Mike Tyson": "",
    "Shohei Ohtani": "Ohtani", "Caitlin Clark": "",
}  # fmt: skip


def seed(apps, schema_editor):
    PublicFigure = apps.get_model("generation", "PublicFigure")
    for name, aliases in FIGURES.items():
        PublicFigure.objects.get_or_create(name=name, defaults={"aliases": aliases})


class Migration(migrations.Migration):
    dependencies = [("generation", "0004_prompt_policy")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
