"""More names for seeded public figures: the office a head of state or government holds, and the
single words and nicknames people write for a few others.

Prompts name the holder of an office without the name ("the Russian president riding a horse",
"the North Korean leader at a water park"): as the current US president was in 0008, each office
is an alias of its holder today. Offices change hands; staff keep them current in the admin
(README, "The prompt policy"). Single words are added only where they mean this person and
nothing else ("Keanu", "Modi", "Attenborough"; not "Lula", Portuguese for squid). The same merge
as 0008: staff-removed figures stay removed, staff-written aliases are kept."""

from django.db import migrations

from ._seed import figures_add

NICKNAMES = {
    "Vladimir Putin": "Russian president, president of Russia, Russia's president",
    "Kim Jong Un": "North Korean leader, leader of North Korea, North Korea's leader, North Korean dictator",
    "Xi Jinping": "Chinese president, president of China, China's president",
    "Emmanuel Macron": "French president, president of France, France's president",
    "Volodymyr Zelensky": "Ukrainian president, president of Ukraine, Ukraine's president",
    "Recep Tayyip Erdogan": "Turkish president, president of Turkey",
    "Javier Milei": "Argentine president, Argentinian president, president of Argentina",
    "Giorgia Meloni": "Italian prime minister, prime minister of Italy",
    "Keir Starmer": "British prime minister, UK prime minister, prime minister of the UK",
    "Friedrich Merz": "German chancellor, chancellor of Germany",
    "Mark Carney": "Canadian prime minister, prime minister of Canada",
    "Sanae Takaichi": "Japanese prime minister, prime minister of Japan",
    "Claudia Sheinbaum": "Mexican president, president of Mexico",
    "Lee Jae-myung": "South Korean president, president of South Korea",
    "Anthony Albanese": "Australian prime minister, prime minister of Australia",
    "Cyril Ramaphosa": "South African president, president of South Africa",
    "Narendra Modi": "Modi, Modi ji, Indian prime minister, prime minister of India, India's prime minister",
    "King Charles": "the British king, the king of England",
    "Lula da Silva": "President Lula, presidente Lula, Luiz Inacio Lula da Silva",
    "Keanu Reeves": "Keanu", "David Attenborough": "Attenborough", "Barack Obama": "Obamna",
    "Rihanna": "RiRi", "Mark Zuckerberg": "Zucc", "Mohammed bin Salman": "MBS",
}  # fmt: skip


def add(apps, schema_editor):
    figures_add(apps, {}, NICKNAMES)


class Migration(migrations.Migration):
    dependencies = [("generation", "0008_public_figures_more")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
