"""Prompts for bench/feed.py's world: a dozen topics, each with templates and slot words (a few
hundred templates in all), and the steering phrases the load users type."""

from __future__ import annotations

import random

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


def prompt(rng: random.Random, topic: str) -> str:
    """A prompt on this topic: a random template with random slot words."""
    templates, slots = TOPICS[topic]
    text = rng.choice(templates)
    while "{" in text:
        start = text.index("{")
        name = text[start + 1 : text.index("}", start)]
        text = text[:start] + rng.choice(slots[name]) + text[text.index("}", start) + 1 :]
    return text[0].upper() + text[1:]


def prompt_pool(rng: random.Random, per_topic: int) -> dict[str, list[str]]:
    """Up to `per_topic` distinct prompts for each topic (fewer where its templates run out).

    Posts draw from this pool, so each distinct prompt is embedded once however many posts use it.
    """
    pool = {}
    for topic in TOPICS:
        seen: dict[str, None] = {}
        for _ in range(per_topic * 20):
            seen.setdefault(prompt(rng, topic))
            if len(seen) == per_topic:
                break
        pool[topic] = list(seen)
    return pool
