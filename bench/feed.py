"""The For You feed under load: queries per page, server time, and throughput against a bare view.

Builds, in a scratch database, a world of 10,000 published posts by 1,000 users with a
realistic follow graph: popularity follows a power law (a few accounts have hundreds of
followers, most a handful), each user follows a log-normal number of accounts chosen by
popularity, and some follows are returned (mutuals). Creators post in proportion to their
popularity over 30 days; likes, comments, views, watch completion and remixes grow with the
creator's audience and a per-video dice roll. Every prompt comes from a few hundred templates over
a dozen topics and is embedded with the real model (generation.embeddings, batch-encoded), so steering
and "see less like this" work on real meaning. The load users have watched some videos, said
"see less" to some, and a third of them steer ("more cooking, fewer pranks").

Then it counts the queries of For You pages through the real home view (test client) at page
sizes 5 and 20, starts the app the way the README runs it (`python -m sora.launcher`: uvicorn,
the worker and the embedded Redis) on the scratch database with DEBUG off, and loads it from
wrk on loopback with 50 concurrent connections: first a bare view (/healthz), then a small
signed-in view (the unread badge; for reference: what any signed-in page costs before its own
work), then For You, each client scrolling like a person: a full first page, then htmx pages
through the cursor.
Server time comes from a Server-Timing header (SORA_SERVER_TIMING=1, sora/server_timing.py).

Goals: queries per For You page equal at sizes 5 and 20 and <= 8; p95 server time of For You
<= 50 ms; For You requests/s >= 0.5 x the bare view's, same server, same run.

Run: .venv/bin/python bench/feed.py [--posts 10000] [--users 1000] [--duration 20]
Needs wrk (apt-get install wrk). Set DATABASE_URL to run it on PostgreSQL (it creates and drops
its own database there).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchkit import scratch_django, verdict  # noqa: E402

QUERY_GOAL = 8
P95_GOAL_MS = 50.0
RATIO_GOAL = 0.5
DAYS = 30
CONNECTIONS = 50
LOAD_USERS = 200  # signed-in people the load scrolls as (round robin over the connections)
PAGES_PER_SCROLL = 5  # a first page, then four htmx pages, then a fresh start

# --- Prompts: a dozen topics, each with templates and slot words; a few hundred templates in all.

TOPICS: dict[str, tuple[list[str], dict[str, list[str]]]] = {
    "cooking": (
        [
            "a chef tosses {food} in a {pan} over a roaring flame",
            "grandma kneads {dough} in a sunny {kitchen}",
            "close-up of {food} sizzling in a cast iron {pan}",
            "a street vendor folds {street} at a night market in {city}",
            "a baker pulls golden {bread} out of a stone oven",
            "slow motion of flour dusting over fresh {dough}",
            "a home cook plates {food} with tweezers, fine dining style",
            "two friends race to make {food} in a tiny {kitchen}",
            "steam rises from a bowl of {soup} on a rainy evening",
            "a sushi master slices {fish} with one clean stroke",
            "a kid frosts a wobbly {cake} covered in sprinkles",
            "a campfire skillet of {food} under the stars",
            "hands rolling {street} on a floury wooden table",
            "a chocolatier pours glossy {sweet} into molds",
            "a barista draws a {animal} in latte foam",
            "a food truck chef flips {street} to a cheering line",
            "a pot of {soup} bubbles while herbs are chopped",
            "a pastry chef pipes cream onto {sweet}",
            "tomatoes, basil and garlic become {food} in a minute",
            "a grill master sears {fish} over charcoal",
        ],
        {
            "food": ["pasta", "spaghetti", "fried rice", "paella", "dumplings", "ramen", "risotto", "tacos"],
            "pan": ["wok", "skillet", "frying pan", "copper pot"],
            "dough": ["bread dough", "pizza dough", "pasta dough", "bun dough"],
            "kitchen": ["kitchen", "farmhouse kitchen", "tiny apartment kitchen"],
            "street": ["crepes", "dumplings", "tacos", "spring rolls", "flatbreads"],
            "city": ["Bangkok", "Mexico City", "Taipei", "Istanbul"],
            "bread": ["sourdough loaves", "baguettes", "croissants", "pretzels"],
            "soup": ["ramen", "pho", "tomato soup", "miso soup"],
            "fish": ["tuna", "salmon", "mackerel"],
            "cake": ["birthday cake", "layer cake", "cupcake tower"],
            "sweet": ["chocolate", "caramel", "eclairs", "macarons"],
            "animal": ["swan", "cat", "heart", "bear"],
        },
    ),
    "pranks": (
        [
            "a {who} pulls a whoopee cushion prank on {target}",
            "a fake {thing} prank goes wrong in the {place}",
            "{who} hides in a {box} and jumps out at {target}",
            "a harmless {thing} prank on {target} during a video call",
            "{who} swaps the sugar for salt and {target} takes a sip",
            "a scare prank with a rubber {creature} in the {place}",
            "{who} tapes a {thing} to the office ceiling as a prank",
            "a prank war between roommates escalates with {thing}",
            "{target} finds the whole {place} filled with balloons",
            "{who} pranks {target} with a remote-controlled {creature}",
            "an elaborate april fools prank with a fake {thing}",
            "{who} pretends the {place} is haunted to fool {target}",
            "a confetti cannon hidden in a {box} surprises {target}",
            "{who} glues coins to the {place} floor and films people",
            "a hidden camera prank with a talking {thing}",
        ],
        {
            "who": ["a teenager", "a little brother", "a coworker", "a grandpa", "a prankster"],
            "target": ["his teacher", "the whole family", "a roommate", "the boss", "unsuspecting shoppers"],
            "thing": [
                "spider",
                "lottery ticket",
                "parking ticket",
                "snake",
                "mannequin",
                "plastic cockroach",
            ],
            "place": ["office", "kitchen", "school hallway", "supermarket", "dorm room"],
            "box": ["cardboard box", "laundry basket", "giant gift box"],
            "creature": ["snake", "spider", "rat", "ghost"],
        },
    ),
    "skate": (
        [
            "a skateboarder lands a {trick} down a {spot}",
            "slow motion {trick} at a {park} at golden hour",
            "a skater bails hard on a {spot} and laughs it off",
            "a kid learns to drop in at the {park}",
            "a longboarder carves down a {road}",
            "a bmx rider does a {trick} over a {spot}",
            "a roller skater dances through the {park}",
            "a crew of skaters bombs a {road} at dusk",
            "a skateboard {trick} filmed from a drone above the {park}",
            "a wipeout compilation at the {park}",
            "an old-school skater grinds a {spot} in 1980s style",
            "a surf skater pumps around a {park} bowl",
        ],
        {
            "trick": ["kickflip", "heelflip", "tre flip", "backside 180", "nose grind", "ollie"],
            "spot": ["ten-stair set", "handrail", "ledge", "gap", "concrete bank"],
            "park": ["skatepark", "empty pool", "city plaza", "DIY spot"],
            "road": ["mountain road", "empty highway", "hilly street"],
        },
    ),
    "pets": (
        [
            "a {pet} chases a laser pointer across the {room}",
            "a sleepy {pet} tries to stay awake during {event}",
            "a {pet} meets a {pet2} for the first time",
            "a {pet} steals a sock and runs through the {room}",
            "a {pet} wearing tiny sunglasses at the {outside}",
            "a clumsy {pet} falls off the {furniture}",
            "a {pet} learns a new trick for a treat",
            "a {pet} and a {pet2} nap together in the {room}",
            "a {pet} reacts to seeing snow for the first time",
            "a {pet} plays fetch at the {outside}",
            "a {pet} sings along with the piano",
            "a rescue {pet} arrives at its new home",
            "a {pet} tries to catch bubbles in the {outside}",
            "a {pet} knocks a glass off the {furniture}",
            "a tiny {pet} explores a huge {room}",
        ],
        {
            "pet": ["kitten", "corgi", "golden retriever", "parrot", "hamster", "husky", "rabbit", "cat"],
            "pet2": ["duckling", "tortoise", "baby goat", "kitten", "puppy"],
            "room": ["living room", "hallway", "kitchen", "bedroom"],
            "event": ["a thunderstorm", "a movie", "a car ride"],
            "outside": ["beach", "park", "garden", "lake"],
            "furniture": ["sofa", "kitchen counter", "bookshelf", "bed"],
        },
    ),
    "ocean": (
        [
            "surfers ride a {wave} at {time}",
            "a {sea} swims past a coral reef in clear water",
            "waves crash on a {shore} during a storm",
            "a sailboat crosses the {water} at {time}",
            "a free diver glides beside a {sea}",
            "a lighthouse on a {shore} in heavy fog",
            "kids build a sandcastle as the tide comes in on a {shore}",
            "a {sea} breaches beside a fishing boat",
            "bioluminescent waves glow on a {shore} at night",
            "a paddleboarder crosses a calm {water} at {time}",
            "a surfer wipes out on a {wave}",
            "a drone shot of turquoise {water} and a lone swimmer",
        ],
        {
            "wave": ["huge wave", "barrel wave", "small clean wave", "monster swell"],
            "time": ["dawn", "sunset", "midday", "dusk"],
            "sea": ["sea turtle", "whale", "manta ray", "dolphin", "whale shark"],
            "shore": ["rocky coast", "black sand beach", "tropical beach", "cliff"],
            "water": ["bay", "lagoon", "open ocean", "harbor"],
        },
    ),
    "city": (
        [
            "rain on a neon street in {city} at night",
            "a time-lapse of traffic in {city} from a rooftop",
            "a street musician plays {instrument} in a {city} subway",
            "a cyclist weaves through rush hour in {city}",
            "an empty {city} street at {time} after snowfall",
            "a tram rattles through old {city}",
            "fireworks over the skyline of {city}",
            "a crowded night market in {city} seen from above",
            "a window cleaner on a skyscraper in {city}",
            "a foggy morning over the bridges of {city}",
            "pigeons scatter in a square in {city} at {time}",
            "a taxi ride through {city} in the rain",
        ],
        {
            "city": ["Tokyo", "New York", "Paris", "Lagos", "Seoul", "Lisbon", "Hong Kong", "Berlin"],
            "instrument": ["saxophone", "violin", "accordion", "guitar"],
            "time": ["dawn", "midnight", "sunset"],
        },
    ),
    "space": (
        [
            "an astronaut floats past a {craft} above {planet}",
            "a rocket launches into a {sky} sky",
            "a rover drives across the dunes of {planet}",
            "a time-lapse of the milky way over a {land}",
            "a spaceship lands on a moon of {planet}",
            "an alien {creature} waves from a crater",
            "a meteor shower seen from a {land}",
            "a space station orbits {planet} at night",
            "a robot plants a flag on {planet}",
            "a black hole bends the light of distant stars",
            "a solar eclipse over a {land}",
        ],
        {
            "craft": ["space station", "satellite", "capsule"],
            "planet": ["Mars", "Jupiter", "Saturn", "Earth", "an icy exoplanet"],
            "sky": ["clear morning", "stormy", "starry"],
            "land": ["desert", "mountain lake", "frozen tundra"],
            "creature": ["jellyfish", "blob", "robot"],
        },
    ),
    "dance": (
        [
            "a {style} dancer spins in an empty {place}",
            "a flash mob breaks into {style} in a {place}",
            "two kids battle with {style} moves at a wedding",
            "an elderly couple dances {style} in their {place}",
            "a crew performs a {style} routine on a rooftop",
            "a robot tries to learn {style}",
            "a ballet dancer leaps across a {place} in slow motion",
            "a street dancer pops and locks in a {place}",
            "a conga line snakes through a {place}",
            "a {style} tutorial in a living room",
        ],
        {
            "style": ["hip hop", "tango", "salsa", "breakdance", "ballet", "k-pop", "swing"],
            "place": ["subway station", "parking lot", "kitchen", "train station", "warehouse"],
        },
    ),
    "music": (
        [
            "a {who} plays {instrument} on a {place}",
            "a choir sings in a {place} with perfect echo",
            "a beatboxer layers a loop in a {place}",
            "a one-man band plays {instrument} and drums at once",
            "a DJ drops the beat at a {place} party",
            "a {who} tunes an old {instrument}",
            "a jazz trio jams in a smoky {place}",
            "a rock band plays a surprise gig on a {place}",
            "a {who} records {instrument} in a tiny bedroom studio",
            "a marching band parades down a {place}",
        ],
        {
            "who": ["street musician", "little girl", "grandfather", "violinist", "busker"],
            "instrument": ["violin", "cello", "electric guitar", "piano", "trumpet", "harp"],
            "place": ["rooftop", "cathedral", "stairwell", "beach", "main street", "club"],
        },
    ),
    "sports": (
        [
            "a {sport} player scores in the last second",
            "slow motion of a {sport} ball hitting the net",
            "a marathon runner crosses the finish line in the {weather}",
            "a goalkeeper makes an impossible save in the {weather}",
            "a {sport} trick shot from across the {venue}",
            "a climber reaches the summit of a {rock}",
            "a cyclist sprints up a mountain pass in the {weather}",
            "a snowboarder lands a backflip off a {rock}",
            "kids play {sport} in a dusty {venue}",
            "a boxer trains at dawn in an empty {venue}",
            "a ski jumper soars over a {venue}",
            "a tennis rally that never seems to end",
        ],
        {
            "sport": ["basketball", "soccer", "volleyball", "tennis", "hockey"],
            "weather": ["rain", "snow", "heat", "fog"],
            "venue": ["gym", "stadium", "court", "street"],
            "rock": ["granite wall", "cliff", "frozen waterfall", "big kicker"],
        },
    ),
    "nature": (
        [
            "a time-lapse of a {plant} blooming",
            "a {animal} walks through a {forest} at dawn",
            "northern lights over a {land}",
            "a waterfall in a {forest} after heavy rain",
            "a thunderstorm rolls over a {land}",
            "a {animal} hunts in the tall grass",
            "autumn leaves fall in a {forest}",
            "a volcano erupts at night over a {land}",
            "fireflies light up a {forest}",
            "a herd of {animal}s crosses a river",
            "frost creeps across a {plant} in slow motion",
        ],
        {
            "plant": ["sunflower", "cherry blossom", "lotus", "cactus flower", "tulip"],
            "animal": ["fox", "deer", "lion", "elephant", "wolf", "bear"],
            "forest": ["misty forest", "bamboo forest", "redwood forest", "rainforest"],
            "land": ["frozen lake", "desert", "mountain valley", "prairie"],
        },
    ),
    "comedy": (
        [
            "a {who} tries to assemble flat-pack {furniture} without instructions",
            "a {who} argues with a {device}",
            "a sitcom scene where a {who} forgets their own birthday",
            "a {who} gives a dramatic speech to a {audience}",
            "a mime gets stuck in an invisible {thing}",
            "a {who} explains the internet to a {audience}",
            "a {device} falls in love with a toaster",
            "a {who} loses a staring contest to a {audience}",
            "a job interview where everything goes wrong for a {who}",
            "a {who} narrates a nature documentary about a {audience}",
        ],
        {
            "who": ["dad", "pirate", "robot", "grandma", "wizard", "knight"],
            "furniture": ["wardrobe", "bookshelf", "bunk bed"],
            "device": ["smart speaker", "vending machine", "self-driving car", "printer"],
            "audience": ["pigeon", "goldfish", "room full of toddlers", "houseplant"],
            "thing": ["elevator", "box", "revolving door"],
        },
    ),
    "art": (
        [
            "a painter fills a {surface} with a {subject} in {medium}",
            "a paper {subject} folds itself in stop motion",
            "a potter throws a {vessel} on a spinning wheel",
            "a sand artist draws a {subject} with light from below",
            "a {subject} made of clay comes alive",
            "a glassblower shapes a glowing {vessel}",
            "a time-lapse of a mural of a {subject} on a {surface}",
            "an origami {subject} walks across a desk",
            "ink drops bloom in water like a {subject}",
            "a sculptor carves a {subject} from a block of ice",
        ],
        {
            "surface": ["brick wall", "canvas", "skateboard deck", "car door"],
            "subject": ["dragon", "whale", "fox", "city skyline", "hummingbird", "portrait"],
            "medium": ["watercolor", "spray paint", "oil", "charcoal"],
            "vessel": ["vase", "bowl", "teapot"],
        },
    ),
    "travel": (
        [
            "a backpacker watches sunrise over {place}",
            "a night train winds through {land} in the snow",
            "a hot air balloon drifts over {place} at dawn",
            "a road trip through {land} in a vintage van",
            "a ferry arrives at {place} in the morning mist",
            "a hiker crosses a rope bridge in {land}",
            "a tuk-tuk ride through the busy streets of {place}",
            "a first-person walk through a market in {place}",
            "camping under the stars in {land}",
            "a cable car climbs above {land}",
        ],
        {
            "place": ["Cappadocia", "Santorini", "Kyoto", "Marrakech", "Machu Picchu", "Venice"],
            "land": ["Patagonia", "the Alps", "Iceland", "the Scottish Highlands", "Norway"],
        },
    ),
    "gaming": (
        [
            "a speedrunner beats {game} in record time",
            "a pixel-art {hero} jumps across floating platforms",
            "a retro arcade cabinet plays {game} in a dark room",
            "two friends scream during a {game} boss fight",
            "a {hero} levels up in a glowing fantasy world",
            "a cosplayer dressed as a {hero} at a gaming convention",
            "an esports team celebrates winning {game} finals",
            "a virtual reality player dodges {enemy} in a living room",
            "a {hero} explores a voxel cave full of {enemy}",
            "a glitch sends a {hero} flying across the map",
        ],
        {
            "game": ["a platformer", "a racing game", "a fighting game", "a puzzle game"],
            "hero": ["knight", "space marine", "plumber", "ninja", "mage"],
            "enemy": ["zombies", "slimes", "robots", "dragons"],
        },
    ),
    "science": (
        [
            "a chemistry teacher makes {reaction} in a lab",
            "a microscope reveals {tiny} in a drop of pond water",
            "a slow motion {reaction} at ten thousand frames per second",
            "a homemade {gadget} built from cardboard and magnets",
            "a robot arm sorts {tiny} on a conveyor belt",
            "a physics demo with a {gadget} and a bowling ball",
            "a tesla coil plays music in a dark {room}",
            "a cloud chamber shows {tiny} streaking past",
            "a kid's volcano {reaction} at the science fair",
            "a 3D printer builds a {gadget} layer by layer",
        ],
        {
            "reaction": ["elephant toothpaste", "a color-changing reaction", "a vinegar explosion"],
            "tiny": ["tardigrades", "cosmic rays", "water fleas", "LEGO bricks"],
            "gadget": ["pendulum", "catapult", "hovercraft", "rube goldberg machine"],
            "room": ["garage", "lecture hall", "warehouse"],
        },
    ),
    "fitness": (
        [
            "a {who} does a morning {workout} on a rooftop",
            "a {who} attempts a one-arm pull-up in the {place}",
            "a group {workout} class at sunrise on the {place}",
            "a {who} breaks a deadlift record in a garage gym",
            "a calisthenics athlete holds a human flag in the {place}",
            "a {who} runs stadium stairs in the rain",
            "a yoga flow on a paddleboard on a calm {place}",
            "a {who} jumps rope faster than the eye can follow",
        ],
        {
            "who": ["grandmother", "marathoner", "teenager", "former couch potato", "firefighter"],
            "workout": ["yoga", "HIIT", "stretching", "boxing"],
            "place": ["park", "beach", "lake", "gym"],
        },
    ),
    "cars": (
        [
            "a {car} drifts around a {track} corner in the rain",
            "a restored {car} rolls out of the garage for the first time",
            "an electric {car} races a {car} at a drag strip",
            "a {car} climbs a rocky trail in {land}",
            "a convoy of {car}s drives through {land} at sunset",
            "a mechanic rebuilds a {car} engine in time-lapse",
            "a tiny {car} squeezes into an impossible parking spot",
            "a rally {car} jumps a crest on a {track}",
        ],
        {
            "car": ["vintage muscle car", "hatchback", "off-road truck", "race car", "camper van"],
            "track": ["mountain pass", "race track", "gravel road"],
            "land": ["Utah", "the Sahara", "the outback"],
        },
    ),
    "garden": (
        [
            "a gardener plants {plant} seedlings in spring rain",
            "a time-lapse of {plant} growing on a windowsill",
            "a balcony garden overflowing with {plant}",
            "harvesting {veg} from a backyard vegetable bed",
            "bees visit {plant} in slow motion",
            "a greenhouse full of {plant} on a frosty morning",
            "a kid pulls a giant {veg} out of the ground",
            "a bonsai artist trims a tiny {tree}",
        ],
        {
            "plant": ["tomato", "lavender", "sunflower", "strawberry", "orchid"],
            "veg": ["carrot", "pumpkin", "potato", "radish"],
            "tree": ["maple", "juniper", "pine"],
        },
    ),
    "weather": (
        [
            "a tornado spins across the {land} seen from a storm chaser's car",
            "lightning strikes a {thing} in slow motion",
            "a blizzard buries a {place} overnight",
            "hailstones bounce off a {thing} in a summer storm",
            "a double rainbow over a {land} after the rain",
            "a heat wave shimmers over a {place}",
            "fog rolls over a {land} like a waterfall",
            "a snowflake forms under a macro lens",
        ],
        {
            "land": ["plains", "mountain ridge", "farmland", "coastline"],
            "thing": ["lone tree", "radio tower", "car roof", "lake"],
            "place": ["small town", "city street", "parking lot", "cabin"],
        },
    ),
    "kids": (
        [
            "a toddler tastes {food} for the first time",
            "kids build a blanket fort in the {room}",
            "a {who} reads a bedtime story with funny voices",
            "a child's drawing of a {creature} comes to life",
            "siblings put on a puppet show about a {creature}",
            "a baby laughs uncontrollably at a {thing}",
            "a {who} teaches a kid to ride a bike in the {place}",
            "kids splash in puddles in the {place}",
        ],
        {
            "food": ["lemon", "ice cream", "broccoli", "spaghetti"],
            "room": ["living room", "bedroom", "attic"],
            "who": ["dad", "grandpa", "big sister", "mom"],
            "creature": ["dragon", "dinosaur", "unicorn", "monster"],
            "thing": ["paper tearing", "a dog's sneeze", "bubbles"],
            "place": ["park", "driveway", "garden"],
        },
    ),
}

STEERS = [
    "more cooking, fewer pranks",
    "more ocean and surfing",
    "less skateboarding, more pets",
    "more dance and music",
    "no pranks",
    "more space, less comedy",
    "more nature",
    "fewer animals, more city at night",
]


def template_count() -> int:
    return sum(len(templates) for templates, _ in TOPICS.values())


def prompt(rng: random.Random) -> tuple[str, str]:
    """(topic, prompt) from a random template with random slot words."""
    topic = rng.choice(list(TOPICS))
    templates, slots = TOPICS[topic]
    text = rng.choice(templates)
    while "{" in text:
        start = text.index("{")
        name = text[start + 1 : text.index("}", start)]
        text = text[:start] + rng.choice(slots[name]) + text[text.index("}", start) + 1 :]
    return topic, text[0].upper() + text[1:]


# --- The world


def build_world(args: argparse.Namespace, rng: random.Random) -> dict:
    """Users, follows, posts with engagement, remix nodes, views, "see less", steers; returns facts."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from feed.models import Follow, LessLike, Post, Profile, View
    from generation.models import Job
    from remix.models import RemixNode, path_segment

    User = get_user_model()
    now = timezone.now()
    n_users, n_posts = args.users, args.posts
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(username=f"user{i:04d}", email=f"user{i:04d}@example.com", password="!")
                for i in range(n_users)
            ],
            batch_size=1000,
        )
        Profile.objects.bulk_create([Profile(user=u, display_name=f"User {i}") for i, u in enumerate(users)])
        ids = [u.pk for u in users]

        # Popularity: Zipf over a random order of users (exponent 1.1); follows pick by popularity.
        order = ids[:]
        rng.shuffle(order)
        weight = {pk: 1.0 / (rank + 1) ** 1.1 for rank, pk in enumerate(order)}
        population, weights = order, [weight[pk] for pk in order]
        edges: set[tuple[int, int]] = set()
        for pk in ids:
            wanted = min(400, max(3, int(rng.lognormvariate(math.log(25), 0.9))))
            for followee in set(rng.choices(population, weights=weights, k=wanted)):
                if followee != pk:
                    edges.add((pk, followee))
        # Some follow back: friends are likelier to, stars rarely do.
        for follower, followee in list(edges):
            back = 0.45 if weight[followee] < 0.01 else 0.1
            if rng.random() < back:
                edges.add((followee, follower))
        Follow.objects.bulk_create(
            [Follow(follower_id=a, followee_id=b) for a, b in edges], batch_size=5000, ignore_conflicts=True
        )
        followers = Counter(b for _, b in edges)

        # Posts: creators post in proportion to popularity (flattened), spread over DAYS days.
        creators = rng.choices(population, weights=[w**0.6 for w in weights], k=n_posts)
        topics, prompts, times = [], [], []
        for _ in range(n_posts):
            topic, text = prompt(rng)
            topics.append(topic)
            prompts.append(text)
            times.append(now - timezone.timedelta(seconds=rng.uniform(0, DAYS * 86400)))
        jobs = Job.objects.bulk_create(
            [
                Job(
                    owner_id=creators[i],
                    prompt=prompts[i],
                    seed=i,
                    video_engine="preview",
                    audio_engine="speech",
                    status=Job.Status.SUCCEEDED,
                    progress=1.0,
                    video=f"jobs/bench/{i}/video.mp4",
                    poster=f"jobs/bench/{i}/poster.jpg",
                )
                for i in range(n_posts)
            ],
            batch_size=1000,
        )
        posts = []
        for i, job in enumerate(jobs):
            audience = followers[creators[i]]
            age_days = (now - times[i]).total_seconds() / 86400
            reach = (audience + 5) * min(1.0, 0.2 + age_days / 3) * rng.lognormvariate(0, 1.0)
            views = int(reach * 3)
            likes = int(reach * rng.uniform(0.05, 0.3))
            completion = rng.betavariate(2, 2)
            posts.append(
                Post(
                    author_id=creators[i],
                    job=job,
                    status=Post.Status.PUBLISHED,
                    published_at=times[i],
                    like_count=likes,
                    comment_count=int(likes * rng.uniform(0, 0.15)),
                    view_count=views,
                    watch_total=views * completion,
                )
            )
        posts = Post.objects.bulk_create(posts, batch_size=1000)
        # Remixes: about 4 % of posts have been remixed (counts only: the feed reads remix_count).
        remixed = rng.sample(posts, k=n_posts // 25)
        nodes = RemixNode.objects.bulk_create(
            [
                RemixNode(
                    post=p, author_id=p.author_id, remix_count=int(rng.paretovariate(1.5)), descendant_count=1
                )
                for p in remixed
            ]
        )
        for node in nodes:
            node.root_id, node.path = node.pk, path_segment(node.pk)
        RemixNode.objects.bulk_update(nodes, ["root", "path"])

        # The people the load scrolls as: they have watched some videos and said "see less" to some.
        load_users = rng.sample(ids, k=min(LOAD_USERS, n_users))
        today = timezone.localdate()
        views = []
        for pk in load_users:
            for post in rng.sample(posts, k=80):
                views.append(
                    View(post=post, viewer_id=pk, viewer_key=f"u{pk}", day=today, completion=rng.random())
                )
        View.objects.bulk_create(views, batch_size=5000)
        LessLike.objects.bulk_create(
            [LessLike(user_id=pk, post=post) for pk in load_users[::2] for post in rng.sample(posts, k=3)]
        )
    return {
        "users": ids,
        "load_users": load_users,
        "edges": len(edges),
        "mutual_pairs": sum(1 for a, b in edges if (b, a) in edges) // 2,
        "max_followers": max(followers.values()),
        "median_followers": statistics.median(followers.get(pk, 0) for pk in ids),
        "posts": len(posts),
        "topics": Counter(topics),
    }


def steers_set(load_users: list[int], rng: random.Random) -> int:
    from django.contrib.auth import get_user_model

    from feed.services import steer_set

    steering = load_users[::3]
    for pk in steering:
        steer_set(user=get_user_model()(pk=pk), text=rng.choice(STEERS))
    return len(steering)


def sessions_make(user_ids: list[int]) -> list[tuple[int, str]]:
    """A signed-in session per user, as logging in leaves it (the cookie is all the load needs)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    made = []
    for user in get_user_model().objects.filter(pk__in=user_ids):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        made.append((user.pk, session.session_key))
    return made


# --- Queries per page through the real home view


def queries_per_page(user_id: int) -> dict:
    """Queries of a For You first page (with the shared candidate pool read, then cached), a later
    (htmx) page and an anonymous first page, at page sizes 5 and 20:
    {size: (first cold, first warm, later, anonymous)}."""
    import re

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from feed.timelines import candidate_pool_forget
    from feed.views import pages

    def get(client: Client, url: str, size: int, **headers) -> tuple[int, str | None]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, headers=headers)
        html = response.content.decode()
        assert response.status_code == 200, (url, response.status_code)
        assert html.count('class="feed-item"') == size, (url, html.count('class="feed-item"'))
        cursor = re.search(r"after=([^\"&]+)", html)
        return len(queries.captured_queries), cursor and cursor.group(1)

    client = Client()
    client.force_login(get_user_model().objects.get(pk=user_id))
    counts = {}
    saved = pages.PAGE_SIZE
    try:
        for size in (5, 20):
            pages.PAGE_SIZE = size
            candidate_pool_forget()  # as after a change: the first page reads the shared pool too
            cold, _ = get(client, "/", size)
            first, cursor = get(client, "/", size)
            later, _ = get(client, f"/?tab=for_you&after={cursor}", size, HX_REQUEST="true")
            get(Client(), "/", size)  # visitors without a session share one ranking: count a sharer
            anonymous, _ = get(Client(), "/", size)
            counts[size] = (cold, first, later, anonymous)
    finally:
        pages.PAGE_SIZE = saved
    return counts


# --- The server and the load

# Shared by both scripts: "kind wall-ms cpu-ms" per response from the Server-Timing header (a flat
# list: wrk copies nested tables between threads badly), written to a file by the main thread at
# the end (wrk gives threads no other way out).
LUA_COMMON = r"""
times, statuses = {}, {}
local function record(kind, headers)
  local timing = headers['Server-Timing'] or headers['server-timing']
  if not timing then return end
  local wall, cpu = tonumber(timing:match('app;dur=([%d%.]+)')), tonumber(timing:match('cpu;dur=([%d%.]+)'))
  if wall and cpu then times[#times + 1] = kind .. ' ' .. wall .. ' ' .. cpu end
end
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function done(summary, latency, requests)
  local e = summary.errors
  local out = io.open(os.getenv('WRK_OUT'), 'w')
  out:write(string.format('requests %d\nduration_us %d\nerrors %d\n', summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout))
  out:write(string.format('latency_us %d %d\n', latency:percentile(50), latency:percentile(95)))
  for _, thread in ipairs(threads) do
    for _, line in ipairs(thread:get('times')) do out:write(line, '\n') end
    for status, n in pairs(thread:get('statuses')) do out:write('status ', status, ' ', n, '\n') end
  end
  out:close()
end
"""

FEED_SCRIPT = (
    LUA_COMMON
    + r"""
-- People scrolling: a request either continues a scroll whose last page has come back (an htmx
-- page through the cursor it gave, as the browser does three videos before the end) or starts
-- one for the next idle user (a full first page); a scroll is PAGES pages. A response is matched
-- to its user by the user id inside the (signed, not encrypted) cursor it links to.
local sessions, order, state, ready, busy = {}, {}, {}, {}, {}
local turn, pages = 0, 5

local b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
local function b64decode(data)
  data = data:gsub('[^' .. b64 .. ']', '')
  return (data:gsub('.', function(x)
    local r, f = '', (b64:find(x, 1, true) - 1)
    for i = 6, 1, -1 do r = r .. (f % 2 ^ i - f % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end):gsub('%d%d%d?%d?%d?%d?%d?%d?', function(x)
    if #x ~= 8 then return '' end
    local c = 0
    for i = 1, 8 do c = c + (x:sub(i, i) == '1' and 2 ^ (8 - i) or 0) end
    return string.char(c)
  end))
end

function init(args)
  for line in io.lines(args[1]) do
    local uid, key = line:match('(%d+) (%S+)')
    sessions[uid] = key
    order[#order + 1] = uid
  end
  pages = tonumber(args[2])
  turn = math.random(#order)
end

function request()
  local uid = table.remove(ready, 1)
  if uid then
    local headers = { Cookie = 'sessionid=' .. sessions[uid], ['HX-Request'] = 'true' }
    return wrk.format('GET', '/?tab=for_you&after=' .. state[uid].cursor, headers)
  end
  for _ = 1, #order do
    turn = turn % #order + 1
    if not busy[order[turn]] then break end
  end
  uid = order[turn]
  busy[uid], state[uid] = true, { n = 1 }
  return wrk.format('GET', '/', { Cookie = 'sessionid=' .. sessions[uid] })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  record(body:sub(1, 15):lower() == '<!doctype html>' and 'first' or 'later', headers)
  local cursor = body:match('after=([%w%-_%%:]+)')
  if not cursor then return end
  cursor = cursor:gsub('%%3A', ':')
  local uid = b64decode(cursor:match('^([^:]+)')):match('"u":%s*(%d+)')
  local s = uid and state[uid]
  if not s then return end
  if s.n < pages then
    s.cursor, s.n = cursor, s.n + 1
    ready[#ready + 1] = uid
  else
    busy[uid] = nil
  end
end
"""
)

# A small signed-in view (the unread badge: the session, the user and one count), each request as
# the next load user: what any signed-in page costs before it does its own work.
SIGNED_IN_SCRIPT = (
    LUA_COMMON
    + r"""
local keys, turn = {}, 0
function init(args)
  for line in io.lines(args[1]) do keys[#keys + 1] = line:match('%d+ (%S+)') end
end
function request()
  turn = turn % #keys + 1
  return wrk.format('GET', '/notifications/badge/', { Cookie = 'sessionid=' .. keys[turn] })
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  record('signed', headers)
end
"""
)

HEALTH_SCRIPT = (
    LUA_COMMON
    + r"""
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  record('bare', headers)
end
"""
)


def free_port() -> int:
    from sora.embedded_redis import free_port as pick

    return pick()


def server_start(workdir: Path, port: int, redis_port: int) -> subprocess.Popen:
    """`python -m sora.launcher` on the scratch database, DEBUG off, Server-Timing on."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SORA_SERVER_TIMING="1",
        SORA_EMBEDDED_REDIS_PORT=str(redis_port),
        LOG_LEVEL="WARNING",
    )
    # DB_CONN_MAX_AGE stays 0, as Django advises under ASGI: each request runs in a thread of its
    # own, and a kept connection per thread ran PostgreSQL out of connections (500s) here.
    env.pop("DB_CONN_MAX_AGE", None)
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "sora.launcher", "--port", str(port), "--grace", "5"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{(workdir / 'server.log').read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    server_stop(process)
    raise RuntimeError(f"the server did not answer:\n{(workdir / 'server.log').read_text()[-3000:]}")


def server_stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wrk_run(
    url: str, script: Path, seconds: int, workdir: Path, args: list[str] = (), connections: int = CONNECTIONS
) -> dict:
    """One wrk run; returns requests/s, statuses, errors and (wall, cpu) ms per kind of page."""
    out = workdir / f"wrk-{time.monotonic_ns()}.txt"
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
    if args:
        command += ["--", *args]
    subprocess.run(command, check=True, capture_output=True, env=dict(os.environ, WRK_OUT=str(out)))
    result: dict = {"wall": {}, "cpu": {}, "statuses": Counter()}
    for line in out.read_text().splitlines():
        parts = line.split()
        if parts[0] in ("requests", "duration_us", "errors"):
            result[parts[0]] = int(parts[1])
        elif parts[0] == "latency_us":
            result["latency_ms"] = (int(parts[1]) / 1000, int(parts[2]) / 1000)
        elif parts[0] == "status":
            result["statuses"][int(parts[1])] += int(parts[2])
        else:
            result["wall"].setdefault(parts[0], []).append(float(parts[1]))
            result["cpu"].setdefault(parts[0], []).append(float(parts[2]))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=1_000)
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per wrk run")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of load before the timed runs")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    from sora import embedded_redis

    # The server runs with DEBUG off, which needs a key; this process must sign the sessions it
    # makes for the load with the same one.
    os.environ["SECRET_KEY"] = "bench-feed-" + uuid.uuid4().hex * 2
    # Redis for this process (snapshots of the For You pages it counts queries of); the server
    # started later brings its own, as `make run` does.
    redis_dir = Path(tempfile.mkdtemp(prefix="sora-bench-feed-redis-"))
    redis_port = embedded_redis.free_port()
    redis = embedded_redis.start(port=redis_port, data_dir=redis_dir, persist=False)
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    try:
        with scratch_django("sora-bench-feed-"):
            run(args)
    finally:
        embedded_redis.stop(redis)
        shutil.rmtree(redis_dir, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    from django.conf import settings
    from django.db import connection

    from feed.services import post_embeddings_fill
    from feed.views import pages

    rng = random.Random(args.seed)
    workdir = Path(tempfile.mkdtemp(prefix="sora-bench-feed-run-"))
    started = time.perf_counter()
    world = build_world(args, rng)
    built = time.perf_counter() - started
    started = time.perf_counter()
    embedded = post_embeddings_fill()
    encode_s = time.perf_counter() - started
    assert embedded == world["posts"]
    steering = steers_set(world["load_users"], rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum would do soon after such a load
    print(f"database: {connection.vendor}; load average before the load: {os.getloadavg()[0]:.1f}")
    print(
        f"built {world['posts']:,} published posts by {len(world['users']):,} users in {built:.1f} s: "
        f"{world['edges']:,} follows ({world['mutual_pairs']:,} mutual pairs); followers per user: median "
        f"{world['median_followers']:.0f}, most {world['max_followers']}"
    )
    print(
        f"prompts from {template_count()} templates over {len(TOPICS)} topics, embedded in {encode_s:.1f} s "
        f"({encode_s / embedded * 1000:.1f} ms per prompt in batches of 256); {steering} of the "
        f"{len(world['load_users'])} load users steer"
    )
    counts = queries_per_page(world["load_users"][0])

    # The server reads the same database: SQLite's file under SORA_VAR_DIR, or DATABASE_URL.
    sessions = sessions_make(world["load_users"])
    connection.close()
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=dict(os.environ, DEBUG="0"),
        capture_output=True,
        text=True,
    )
    assert collect.returncode == 0, collect.stderr[-2000:]
    (workdir / "sessions.txt").write_text("".join(f"{uid} {key}\n" for uid, key in sessions))
    (workdir / "feed.lua").write_text(FEED_SCRIPT)
    (workdir / "health.lua").write_text(HEALTH_SCRIPT)
    (workdir / "signed.lua").write_text(SIGNED_IN_SCRIPT)
    server = server_start(workdir, free_port(), free_port())
    port = int(server.args[server.args.index("--port") + 1])
    base = f"http://127.0.0.1:{port}"
    feed_args = [str(workdir / "sessions.txt"), str(PAGES_PER_SCROLL)]
    try:
        if args.warmup:
            wrk_run(f"{base}/healthz", workdir / "health.lua", args.warmup, workdir)
            wrk_run(f"{base}/", workdir / "feed.lua", args.warmup, workdir, feed_args)
        bare = wrk_run(f"{base}/healthz", workdir / "health.lua", args.duration, workdir)
        signed = wrk_run(f"{base}/", workdir / "signed.lua", args.duration, workdir, feed_args[:1])
        feed = wrk_run(f"{base}/", workdir / "feed.lua", args.duration, workdir, feed_args)
        # One client at a time: the view's wall time without other requests sharing the process.
        alone = wrk_run(f"{base}/", workdir / "feed.lua", max(5, args.duration // 2), workdir, feed_args, 1)
    finally:
        server_stop(server)
    load_after = os.getloadavg()[0]

    def pages_of(result: dict, measure: str) -> list[float]:
        return result[measure].get("first", []) + result[measure].get("later", [])

    runs = (bare, signed, feed, alone)
    bad = {s: n for s, n in sum((r["statuses"] for r in runs), Counter()).items() if s != 200}
    print(
        f"\nload: wrk, 1 thread, {CONNECTIONS} connections, {args.duration} s per run after "
        f"{args.warmup} s of warm-up; For You as {len(sessions)} signed-in users, each scroll a full "
        f"first page then {PAGES_PER_SCROLL - 1} htmx pages of {pages.PAGE_SIZE}; "
        f"load average after: {load_after:.1f}"
    )
    errors = sum(r["errors"] for r in runs)
    print(f"non-200 answers: {bad or 'none'}; socket errors: {errors}")
    if bad:
        log = (workdir / "server.log").read_text().splitlines()
        errors_logged = [line for line in log if "Error" in line]
        print("server log, errors:", *errors_logged[-5:] or ["(none logged)"], sep="\n  ")
    print(f"\n{'view time, ms: wall (cpu)':<38} {'n':>6} {'p50':>13} {'p95':>13} {'p99':>13}")
    rows = [
        ("bare view, 50 clients", bare, "bare"),
        ("signed-in badge view, 50 clients", signed, "signed"),
        ("For You first page, 50 clients", feed, "first"),
        ("For You later page, 50 clients", feed, "later"),
        ("For You first page, 1 client", alone, "first"),
        ("For You later page, 1 client", alone, "later"),
    ]
    for label, result, kind in rows:
        wall, cpu = result["wall"].get(kind, []), result["cpu"].get(kind, [])
        cells = [f"{percentile(wall, q):.1f} ({percentile(cpu, q):.1f})" for q in (0.5, 0.95, 0.99)]
        print(f"{label:<38} {len(wall):>6} {cells[0]:>13} {cells[1]:>13} {cells[2]:>13}")
    print(
        "(wall: the view's time in its thread, from when it got one of the server's "
        f"{settings.SORA_WEB_CONCURRENCY} places (SORA_WEB_CONCURRENCY; waiting for one is not included); "
        "cpu: that thread's CPU time, the request's own work)"
    )
    print(f"\n{'at the client, 50 connections':<38} {'requests/s':>10} {'latency p50':>12} {'p95':>8}")
    for label, result in (("bare view", bare), ("signed-in badge view", signed), ("For You", feed)):
        p50, p95 = result["latency_ms"]
        print(f"{label:<38} {result['rps']:>10.0f} {p50:>9.1f} ms {p95:>5.0f} ms")
    print("(latency includes the wait for a place: 50 connections that never pause keep every place busy)")

    print()
    for size in (5, 20):
        cold_q, first_q, later_q, anon_q = counts[size]
        print(
            f"queries at page size {size}: first page {first_q} ({cold_q} reading the shared pool), "
            f"later page {later_q}, anonymous {anon_q}"
        )
    equal = counts[5] == counts[20]
    worst = max(max(counts[5]), max(counts[20]))
    print(
        f"queries per For You page: size 5 {counts[5][1]} (cold pool {counts[5][0]}, later {counts[5][2]}), "
        f"size 20 {counts[20][1]} (cold pool {counts[20][0]}, later {counts[20][2]}); "
        f"goal equal and <= {QUERY_GOAL}: {verdict(equal and worst <= QUERY_GOAL)}"
    )
    cpu_all, alone_all = pages_of(feed, "cpu"), pages_of(alone, "wall")
    cpu_p95, alone_p95 = percentile(cpu_all, 0.95), percentile(alone_all, 0.95)
    print(
        f"For You server time under 50 clients (cpu): p50 {percentile(cpu_all, 0.5):.1f} ms, "
        f"p95 {cpu_p95:.1f} ms; "
        f"one client (wall): p50 {percentile(alone_all, 0.5):.1f} ms, p95 {alone_p95:.1f} ms; "
        f"goal p95 <= {P95_GOAL_MS:.0f} ms: {verdict(max(cpu_p95, alone_p95) <= P95_GOAL_MS)}"
    )
    ratio = feed["rps"] / bare["rps"]
    print(
        f"For You requests/s: {feed['rps']:.0f} = {ratio:.2f} x the bare view's {bare['rps']:.0f} "
        f"(a signed-in badge view: {signed['rps']:.0f} = {signed['rps'] / bare['rps']:.2f} x); "
        f"goal >= {RATIO_GOAL}: {verdict(ratio >= RATIO_GOAL)}"
    )
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
