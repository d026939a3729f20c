"""Hand-written prompts for bench/fidelity.py, with what each must show.

Each case is a prompt typed the way people type on a phone, its category, the things that must
appear (noun as typed, how many, subject or prop, and the SET of sprite names that depict it),
words that must get no sprite at all (abstract nouns, adjectives, feelings) and sprite names that
would be a wrong reading of an ambiguous word ("a bat flies at night" is not baseball).

Sprite names are CLDR English short names as the `emoji` package spells them, lower case with
spaces (":man_astronaut:" -> "man astronaut"); every one must have an OpenMoji glyph. The bench
checks that before it plans anything, so a typo here fails loudly instead of scoring as a miss.

A count of MANY means the prompt gives a plural without a number ("birds circle the lighthouse"):
any count of two or more is right. A thing with required=False may be depicted or not, but if the
planner draws it, it must be with one of the listed sprites ("a philosopher" may be a person).
"""

from __future__ import annotations

from dataclasses import dataclass, field

MANY = None  # a plural without a number: any count >= 2 is right
SUBJECT, PROP = "subject", "prop"


@dataclass(frozen=True)
class Thing:
    noun: str
    count: int | None
    role: str
    sprites: frozenset[str]
    relation: str | None = None  # held, worn, ridden, beside, above, below, played, eaten
    motion: str | None = None  # fly, walk, run, swim, surf, ride, dance, jump, spin, fall, sleep, eat, play
    required: bool = True


@dataclass(frozen=True)
class Case:
    category: str
    prompt: str
    things: tuple[Thing, ...]
    no_sprite: tuple[str, ...] = ()  # words (as typed) that must not be drawn at all
    wrong: frozenset[str] = field(default_factory=frozenset)  # sprites that misread the prompt


def s(noun: str, sprites: set[str], count: int | None = 1, *, motion: str | None = None,
      required: bool = True) -> Thing:  # fmt: skip
    return Thing(noun, count, SUBJECT, frozenset(sprites), motion=motion, required=required)


def p(noun: str, sprites: set[str], count: int | None = 1, *, relation: str | None = None,
      required: bool = True) -> Thing:  # fmt: skip
    return Thing(noun, count, PROP, frozenset(sprites), relation=relation, required=required)


def trade(name: str) -> set[str]:
    """A profession with its neutral, man and woman glyphs (CLDR has all three for these)."""
    return {name, f"man {name}", f"woman {name}"}


def doing(activity: str) -> set[str]:
    """An activity glyph with its person, man and woman forms ("surfing" -> "person surfing"...)."""
    return {f"person {activity}", f"man {activity}", f"woman {activity}"}


# Acceptable sprites, named once so that every prompt about a kitten accepts the same glyphs.
# Animals
CAT = {"cat", "cat face", "black cat"}
DOG = {"dog", "dog face", "poodle", "guide dog", "service dog"}
BIRD = {"bird", "black bird", "dove"}
HORSE = {"horse", "horse face"}
COW = {"cow", "cow face", "ox"}
PIG = {"pig", "pig face"}
RABBIT = {"rabbit", "rabbit face"}
MOUSE = {"mouse", "mouse face"}
MONKEY = {"monkey", "monkey face"}
TIGER = {"tiger", "tiger face"}
CHICKEN = {"chicken", "rooster"}
CHICK = {"baby chick", "hatching chick", "front-facing baby chick"}
FISH = {"fish", "tropical fish", "blowfish"}
WHALE = {"whale", "spouting whale"}
SHEEP = {"ewe", "ram"}
CAMEL = {"camel", "two-hump camel"}
# People
PERSON = {"person", "man", "woman"}
MAN = {"man", "person"}
WOMAN = {"woman", "person"}
GIRL = {"girl", "child"}
BOY = {"boy", "child"}
KID = {"child", "boy", "girl"}
GRANDMA = {"old woman", "older person"}
GRANDPA = {"old man", "older person"}
CHEF = trade("cook")
DOCTOR = trade("health worker")
CODER = trade("technologist")
DANCER = {"man dancing", "woman dancing", "ballet dancer"}
# Fantasy
WIZARD = trade("mage")
WITCH = {"woman mage", "mage"}
DRAGON = {"dragon", "dragon face"}
ALIEN = {"alien", "alien monster"}
MERMAID = {"mermaid", "merperson"}
DINOSAUR = {"sauropod", "t-rex"}
KING = {"person with crown", "prince"}
QUEEN = {"person with crown", "princess"}
# Food and drink
APPLE = {"red apple", "green apple"}
ICE_CREAM = {"ice cream", "soft ice cream", "shaved ice"}
CAKE = {"birthday cake", "shortcake", "cupcake"}
COFFEE = {"hot beverage"}
TEA = {"hot beverage", "teacup without handle", "teapot"}
NOODLES = {"steaming bowl", "spaghetti"}
BEER = {"beer mug", "clinking beer mugs"}
WINE = {"wine glass", "clinking glasses"}
# Instruments and sound
DRUM = {"drum", "long drum"}
MIC = {"microphone", "studio microphone"}
PIANO = {"musical keyboard"}
# Vehicles
CAR = {"automobile", "oncoming automobile", "sport utility vehicle"}
BUS = {"bus", "oncoming bus", "minibus", "trolleybus"}
TRUCK = {"delivery truck", "pickup truck", "articulated lorry"}
TAXI = {"taxi", "oncoming taxi"}
POLICE_CAR = {"police car", "oncoming police car"}
BIKE = {"bicycle"}
SCOOTER = {"motor scooter", "kick scooter"}
TRAIN = {"train", "locomotive", "high-speed train", "bullet train", "railway car", "light rail", "metro"}
PLANE = {"airplane", "small airplane"}
BOAT = {"sailboat", "motor boat", "speedboat", "canoe", "ship", "passenger ship", "ferry"}
# Objects
UMBRELLA = {"umbrella", "closed umbrella", "umbrella with rain drops"}
PHONE = {"mobile phone", "telephone"}
CAMERA = {"camera", "camera with flash", "movie camera", "video camera"}
BOOK = {"open book", "closed book", "books", "blue book", "green book", "orange book", "notebook"}
HAT = {"top hat", "billed cap", "woman’s hat", "cowboy hat face"}
FLOWER = {"rose", "tulip", "sunflower", "blossom", "hibiscus", "cherry blossom", "white flower", "bouquet"}
TREE = {"deciduous tree", "evergreen tree", "palm tree"}
BALL = {"soccer ball", "basketball", "volleyball", "tennis", "softball", "baseball"}
CLOCK = {"alarm clock", "mantelpiece clock"}
SWORD = {"dagger", "crossed swords"}
MUSHROOM = {"mushroom", "brown mushroom"}
SNOWMAN = {"snowman", "snowman without snow"}
BALLS = {"soccer ball", "basketball", "volleyball", "baseball", "softball", "pool 8 ball", "tennis",
         "bowling", "rugby football", "american football"}  # fmt: skip


# fmt: off
CASES: tuple[Case, ...] = (
    # -- animals ---------------------------------------------------------------------------------
    Case("animals", "a kitten chasing a butterfly in the garden",
         (s("kitten", CAT, motion="run"), s("butterfly", {"butterfly"}, motion="fly"))),
    Case("animals", "corgi surfing a huge wave at sunset", (s("corgi", DOG, motion="surf"),)),
    Case("animals", "an owl blinks on a branch at night", (s("owl", {"owl"}),)),
    Case("animals", "a penguin slides down an icy hill", (s("penguin", {"penguin"}),)),
    Case("animals", "sleepy panda eating bamboo", (s("panda", {"panda"}, motion="eat"),)),
    Case("animals", "a fox trotting through the snow", (s("fox", {"fox"}, motion="walk"),)),
    Case("animals", "a sloth hanging from a tree in the rain",
         (s("sloth", {"sloth"}), p("tree", TREE, required=False))),
    Case("animals", "giraffe eating leaves from a tall tree", (s("giraffe", {"giraffe"}, motion="eat"),)),
    Case("animals", "an octopus waving its arms underwater", (s("octopus", {"octopus"}),)),
    Case("animals", "a hedgehog sniffing a mushroom",
         (s("hedgehog", {"hedgehog"}), p("mushroom", MUSHROOM, relation="beside"))),
    Case("animals", "lil hamster running in a wheel", (s("hamster", {"hamster"}, motion="run"),)),
    Case("animals", "a kangaroo hopping across the outback", (s("kangaroo", {"kangaroo"}, motion="jump"),)),
    Case("animals", "a flamingo standing on one leg in a lake", (s("flamingo", {"flamingo"}),)),
    Case("animals", "a shark circling a tiny boat",
         (s("shark", {"shark"}, motion="swim"), p("boat", BOAT))),
    Case("animals", "snail racing a turtle lol",
         (s("snail", {"snail"}), s("turtle", {"turtle"}))),
    Case("animals", "a raccoon digging through the trash at midnight", (s("raccoon", {"raccoon"}),)),
    Case("animals", "the doggo zooms around the park", (s("doggo", DOG, motion="run"),)),
    Case("animals", "an elephant splashing in a river", (s("elephant", {"elephant"}),)),
    # -- people and professions ------------------------------------------------------------------
    Case("people", "grandma knitting by the fire", (s("grandma", GRANDMA),)),
    Case("people", "grandpa fishing at the lake at dawn", (s("grandpa", GRANDPA),)),
    Case("people", "a chef flipping pancakes in a busy kitchen",
         (s("chef", CHEF), p("pancakes", {"pancakes"}))),
    Case("people", "a firefighter rescues a cat from a tree",
         (s("firefighter", trade("firefighter")), s("cat", CAT))),
    Case("people", "an astronaut walking on the moon", (s("astronaut", trade("astronaut"), motion="walk"),)),
    Case("people", "a teacher writing on the board", (s("teacher", trade("teacher")),)),
    Case("people", "a farmer feeding the chickens at sunrise",
         (s("farmer", trade("farmer")), s("chickens", CHICKEN, MANY))),
    Case("people", "a police officer directing traffic in the rain",
         (s("police officer", trade("police officer")),)),
    Case("people", "a scientist mixing potions in a lab", (s("scientist", trade("scientist")),)),
    Case("people", "a pilot waving from the cockpit", (s("pilot", trade("pilot")),)),
    Case("people", "a doctor running down a hospital hallway",
         (s("doctor", DOCTOR, motion="run"),)),
    Case("people", "baby laughing at bubbles", (s("baby", {"baby"}), p("bubbles", {"bubbles"}))),
    Case("people", "a detective in the fog with a magnifying glass",
         (s("detective", trade("detective")),
          p("magnifying glass", {"magnifying glass tilted left", "magnifying glass tilted right"},
            relation="held"))),
    Case("people", "a mechanic fixing a car in a garage",
         (s("mechanic", trade("mechanic")), p("car", CAR))),
    Case("people", "a programmer coding late at night with coffee",
         (s("programmer", CODER), p("coffee", COFFEE))),
    Case("people", "a ballerina spinning on stage", (s("ballerina", {"ballet dancer", "woman dancing"},
                                                         motion="spin"),)),
    Case("people", "a girl with red hair rides her bike to school",
         (s("girl", GIRL, motion="ride"), p("bike", BIKE, relation="ridden"))),
    Case("people", "old man feeding pigeons in the park",
         (s("old man", GRANDPA), s("pigeons", BIRD, MANY))),
    Case("people", "a judge bangs the gavel", (s("judge", trade("judge")),)),
    Case("people", "a construction worker on a skyscraper beam",
         (s("construction worker", trade("construction worker")),)),
    # -- fantasy beings --------------------------------------------------------------------------
    Case("fantasy", "a dragon breathing fire over a castle",
         (s("dragon", DRAGON, motion="fly"), p("castle", {"castle", "japanese castle"}, required=False))),
    Case("fantasy", "unicorn galloping across a rainbow", (s("unicorn", {"unicorn"}, motion="run"),)),
    Case("fantasy", "a wizard casting a spell with his wand",
         (s("wizard", WIZARD), p("wand", {"magic wand"}, relation="held"))),
    Case("fantasy", "a witch flying on a broom under the full moon",
         (s("witch", WITCH, motion="fly"), p("broom", {"broom"}, relation="ridden"))),
    Case("fantasy", "a mermaid singing on a rock", (s("mermaid", MERMAID),)),
    Case("fantasy", "a tiny fairy sleeping inside a flower",
         (s("fairy", trade("fairy"), motion="sleep"), p("flower", FLOWER))),
    Case("fantasy", "a ghost floating down a hallway", (s("ghost", {"ghost"}),)),
    Case("fantasy", "an alien stepping out of a ufo",
         (s("alien", ALIEN, motion="walk"), p("ufo", {"flying saucer"}))),
    Case("fantasy", "a vampire at a candlelit dinner", (s("vampire", trade("vampire")),)),
    Case("fantasy", "zombies shuffling through a mall",
         (s("zombies", trade("zombie"), MANY, motion="walk"),)),
    Case("fantasy", "a genie pops out of a lamp", (s("genie", trade("genie")),)),
    Case("fantasy", "a t-rex roaring in the jungle", (s("t-rex", {"t-rex"}),)),
    Case("fantasy", "an elf shooting arrows in the forest",
         (s("elf", trade("elf")), p("arrows", {"bow and arrow"}, MANY, required=False))),
    Case("fantasy", "a troll under a bridge", (s("troll", {"troll"}),)),
    Case("fantasy", "a phoenix rising from the ashes", (s("phoenix", {"phoenix"}, motion="fly"),)),
    Case("fantasy", "a superhero flying over the city", (s("superhero", trade("superhero"), motion="fly"),)),
    Case("fantasy", "santa sliding down the chimney", (s("santa", {"santa claus"}),)),
    Case("fantasy", "the king and queen wave from the balcony", (s("king", KING), s("queen", QUEEN))),
    Case("fantasy", "bigfoot walking through the woods", (s("bigfoot", {"hairy creature"}, motion="walk"),)),
    # -- food ------------------------------------------------------------------------------------
    Case("food", "a slice of pizza with melting cheese", (p("pizza", {"pizza"}),)),
    Case("food", "sushi rolling off a conveyor belt", (p("sushi", {"sushi"}),)),
    Case("food", "tacos on a food truck counter", (p("tacos", {"taco"}, MANY),)),
    Case("food", "a giant burger with fries", (p("burger", {"hamburger"}), p("fries", {"french fries"}))),
    Case("food", "steaming bowl of ramen on a rainy day", (p("ramen", NOODLES),)),
    Case("food", "a croissant and coffee in a paris cafe",
         (p("croissant", {"croissant"}), p("coffee", COFFEE))),
    Case("food", "donuts falling from the sky", (p("donuts", {"doughnut"}, MANY),)),
    Case("food", "ice cream melting on a hot sidewalk", (p("ice cream", ICE_CREAM),)),
    Case("food", "birthday cake with candles", (p("birthday cake", {"birthday cake"}),
                                                p("candles", {"candle"}, MANY, required=False))),
    Case("food", "popcorn popping in slow motion", (p("popcorn", {"popcorn"}),)),
    Case("food", "a watermelon smashed on the beach", (p("watermelon", {"watermelon"}),)),
    Case("food", "avocado toast for breakfast", (p("avocado", {"avocado"}),)),
    Case("food", "spaghetti and meatballs", (p("spaghetti", {"spaghetti"}),)),
    Case("food", "a stack of waffles with strawberries",
         (p("waffles", {"waffle"}), p("strawberries", {"strawberry"}, MANY))),
    Case("food", "boba tea on a summer afternoon", (p("boba tea", {"bubble tea"}),)),
    Case("food", "hot dogs on the grill at a bbq", (p("hot dogs", {"hot dog"}, MANY),)),
    Case("food", "a bowl of cherries on a picnic blanket", (p("cherries", {"cherries"}),)),
    Case("food", "pineapple wearing sunglasses",
         (s("pineapple", {"pineapple"}), p("sunglasses", {"sunglasses"}, relation="worn"))),
    Case("food", "a glass of milk and cookies for santa",
         (p("milk", {"glass of milk"}), p("cookies", {"cookie"}, MANY), s("santa", {"santa claus"},
                                                                          required=False))),
    # -- instruments -----------------------------------------------------------------------------
    Case("instruments", "a guy playing guitar on the beach at sunset",
         (s("guy", MAN), p("guitar", {"guitar"}, relation="played"))),
    Case("instruments", "a violinist on a rooftop", (s("violinist", PERSON), p("violin", {"violin"},
                                                                             required=False))),
    Case("instruments", "a girl playing violin in the subway",
         (s("girl", GIRL), p("violin", {"violin"}, relation="played"))),
    Case("instruments", "drummer going crazy on the drums",
         (s("drummer", PERSON), p("drums", DRUM, relation="played"))),
    Case("instruments", "a jazz trumpet solo in a smoky club", (p("trumpet", {"trumpet"}),)),
    Case("instruments", "someone playing the sax under a streetlight",
         (p("sax", {"saxophone"}, relation="played"),)),
    Case("instruments", "a cat playing the piano", (s("cat", CAT), p("piano", PIANO, relation="played"))),
    Case("instruments", "a singer holding a mic on stage",
         (s("singer", trade("singer")), p("mic", MIC, relation="held"))),
    Case("instruments", "an old man playing the accordion in venice",
         (s("old man", GRANDPA), p("accordion", {"accordion"}, relation="played"))),
    Case("instruments", "banjo music on a porch", (p("banjo", {"banjo"}),)),
    Case("instruments", "a harp playing by itself in an empty hall", (p("harp", {"harp"}),)),
    Case("instruments", "a frog shaking maracas",
         (s("frog", {"frog"}), p("maracas", {"maracas"}, relation="played"))),
    Case("instruments", "kid blowing a flute badly",
         (s("kid", KID), p("flute", {"flute"}, relation="played"))),
    Case("instruments", "a bear banging a drum in the forest",
         (s("bear", {"bear"}), p("drum", DRUM, relation="played"))),
    Case("instruments", "dj with headphones at a rave",
         (s("dj", PERSON), p("headphones", {"headphone"}, relation="worn"))),
    Case("instruments", "a trombone player marching in a parade",
         (s("player", PERSON, required=False), p("trombone", {"trombone"}, relation="played"))),
    # -- vehicles --------------------------------------------------------------------------------
    Case("vehicles", "a red car driving along the coast", (p("car", CAR),)),
    Case("vehicles", "a yellow taxi stuck in traffic", (p("taxi", TAXI),)),
    Case("vehicles", "a double decker bus in london rain", (p("bus", BUS),)),
    Case("vehicles", "a fire truck racing to a fire", (p("fire truck", {"fire engine"}),)),
    Case("vehicles", "an ambulance with flashing lights", (p("ambulance", {"ambulance"}),)),
    Case("vehicles", "a helicopter landing on a rooftop", (p("helicopter", {"helicopter"}),)),
    Case("vehicles", "a plane taking off at dawn", (p("plane", PLANE),)),
    Case("vehicles", "a rocket launching into space", (p("rocket", {"rocket"}),)),
    Case("vehicles", "a sailboat on a calm sea", (p("sailboat", {"sailboat"}),)),
    Case("vehicles", "a steam train crossing a bridge", (p("train", TRAIN),)),
    Case("vehicles", "a tractor plowing a field", (p("tractor", {"tractor"}),)),
    Case("vehicles", "motorcycle speeding down the highway", (p("motorcycle", {"motorcycle"}),)),
    Case("vehicles", "a delivery truck stuck in snow", (p("delivery truck", {"delivery truck"}),)),
    Case("vehicles", "a race car drifting around a corner", (p("race car", {"racing car"}),)),
    Case("vehicles", "a police car chasing a van",
         (p("police car", POLICE_CAR), p("van", {"minibus", "delivery truck"}, required=False))),
    Case("vehicles", "a canoe on a misty lake", (p("canoe", {"canoe"}),)),
    Case("vehicles", "skateboard rolling down an empty street", (p("skateboard", {"skateboard"}),)),
    Case("vehicles", "a tram going up a hill in lisbon", (p("tram", {"tram", "tram car"}),)),
    # -- objects ---------------------------------------------------------------------------------
    Case("objects", "a red umbrella spinning in the rain", (p("umbrella", UMBRELLA),)),
    Case("objects", "a phone buzzing on a table", (p("phone", PHONE),)),
    Case("objects", "an old camera on a wooden desk", (p("camera", CAMERA),)),
    Case("objects", "a book opening by itself", (p("book", BOOK),)),
    Case("objects", "a balloon floating away over the city", (p("balloon", {"balloon"}),)),
    Case("objects", "a kite in a windy sky", (p("kite", {"kite"}),)),
    Case("objects", "a candle flickering in the dark", (p("candle", {"candle"}),)),
    Case("objects", "a treasure chest on the ocean floor", (p("treasure chest", {"treasure chest"}),)),
    Case("objects", "an alarm clock ringing at 6am", (p("alarm clock", {"alarm clock"}),)),
    Case("objects", "a laptop on a beach towel", (p("laptop", {"laptop"}),)),
    Case("objects", "a teddy bear left on a swing", (p("teddy bear", {"teddy bear"}),)),
    Case("objects", "a gift box with a bow under the tree",
         (p("gift box", {"wrapped gift"}), p("tree", {"christmas tree"}, required=False))),
    Case("objects", "a trophy shining under spotlights", (p("trophy", {"trophy"}),)),
    Case("objects", "a crown on a velvet pillow", (p("crown", {"crown"}),)),
    Case("objects", "a crystal ball glowing purple", (p("crystal ball", {"crystal ball"}),)),
    Case("objects", "a snowman melting in the sun", (s("snowman", SNOWMAN),)),
    Case("objects", "pumpkins on a porch on halloween", (p("pumpkins", {"jack-o-lantern"}, MANY),)),
    Case("objects", "a backpack and a map on a mountain trail",
         (p("backpack", {"backpack"}), p("map", {"world map"}))),
    Case("objects", "an old tv flickering in an empty room", (p("tv", {"television"}),)),
    # -- several subjects ------------------------------------------------------------------------
    Case("several", "a cat and a dog playing chess",
         (s("cat", CAT), s("dog", DOG), p("chess", {"chess pawn"}, relation="played"))),
    Case("several", "a robot and an astronaut dancing on mars",
         (s("robot", {"robot"}, motion="dance"), s("astronaut", trade("astronaut"), motion="dance"))),
    Case("several", "a lion and a mouse become friends", (s("lion", {"lion"}), s("mouse", MOUSE))),
    Case("several", "a pirate and a parrot on a ship",
         (s("parrot", {"parrot"}), p("ship", {"ship", "sailboat"}))),
    Case("several", "a princess kisses a frog", (s("princess", {"princess"}), s("frog", {"frog"}))),
    Case("several", "a chef and a waiter arguing in the kitchen",
         (s("chef", CHEF), s("waiter", PERSON))),
    Case("several", "grandma and her grandson baking cookies",
         (s("grandma", GRANDMA), s("grandson", BOY), p("cookies", {"cookie"}, MANY))),
    Case("several", "a shark and a dolphin racing", (s("shark", {"shark"}), s("dolphin", {"dolphin"}))),
    Case("several", "a cowboy and an alien at a saloon",
         (s("cowboy", {"cowboy hat face"}), s("alien", ALIEN))),
    Case("several", "a dragon guarding a knight's treasure, then a wizard sneaks in",
         (s("dragon", DRAGON), s("wizard", WIZARD),
          p("treasure", {"treasure chest", "gem stone", "money bag", "coin"}, required=False))),
    Case("several", "a tiger and a monkey in the jungle, then a parrot lands on a branch",
         (s("tiger", TIGER), s("monkey", MONKEY), s("parrot", {"parrot"}, motion="fly"))),
    Case("several", "mom and dad dancing in the kitchen",
         (s("mom", WOMAN, motion="dance"), s("dad", MAN, motion="dance"))),
    Case("several", "a ghost and a vampire trick or treating",
         (s("ghost", {"ghost"}), s("vampire", trade("vampire")))),
    Case("several", "a pig, a cow and a sheep in a barn",
         (s("pig", PIG), s("cow", COW), s("sheep", SHEEP))),
    Case("several", "a teacher and her students on a field trip",
         (s("teacher", trade("teacher")), s("students", trade("student") | KID, MANY))),
    Case("several", "a fox and a rabbit in a snowy meadow", (s("fox", {"fox"}), s("rabbit", RABBIT))),
    Case("several", "a girl and her horse at the beach", (s("girl", GIRL), s("horse", HORSE))),
    # -- counts ----------------------------------------------------------------------------------
    Case("counts", "three puppies chasing a ball",
         (s("puppies", DOG, 3, motion="run"), p("ball", BALLS, required=False))),
    Case("counts", "two penguins holding hands", (s("penguins", {"penguin"}, 2),)),
    Case("counts", "5 ducks crossing the road", (s("ducks", {"duck"}, 5, motion="walk"),)),
    Case("counts", "a pair of owls on a branch", (s("owls", {"owl"}, 2),)),
    Case("counts", "four friends on a road trip", (s("friends", PERSON, 4),)),
    Case("counts", "twin girls on a swing", (s("girls", GIRL, 2),)),
    Case("counts", "birds circling the lighthouse", (s("birds", BIRD, MANY, motion="fly"),)),
    Case("counts", "2 cats and a dog on a couch", (s("cats", CAT, 2), s("dog", DOG))),
    Case("counts", "three little pigs building houses", (s("pigs", PIG, 3),)),
    Case("counts", "a dozen balloons floating up", (p("balloons", {"balloon"}, 12),)),
    Case("counts", "two astronauts floating in space", (s("astronauts", trade("astronaut"), 2),)),
    Case("counts", "one lonely cactus in the desert", (p("cactus", {"cactus"}),), no_sprite=("lonely",)),
    Case("counts", "three wise men on camels",
         (s("men", MAN | {"older person", "old man"}, 3), p("camels", CAMEL, MANY, relation="ridden"))),
    Case("counts", "a couple of chickens pecking corn",
         (s("chickens", CHICKEN, 2), p("corn", {"ear of corn"}, relation="eaten", required=False))),
    Case("counts", "six dolphins jumping out of the sea", (s("dolphins", {"dolphin"}, 6, motion="jump"),)),
    Case("counts", "4 kids building a snowman", (s("kids", KID, 4), s("snowman", SNOWMAN))),
    Case("counts", "two robots having a dance battle", (s("robots", {"robot"}, 2, motion="dance"),)),
    Case("counts", "fish swimming around a coral reef",
         (s("fish", FISH, MANY, motion="swim"), p("coral", {"coral"}, required=False))),
    Case("counts", "three bananas on a kitchen counter", (p("bananas", {"banana"}, 3),)),
    # -- relations -------------------------------------------------------------------------------
    Case("relations", "a girl holding a red umbrella",
         (s("girl", GIRL), p("umbrella", UMBRELLA, relation="held"))),
    Case("relations", "a dog wearing sunglasses in a convertible",
         (s("dog", DOG), p("sunglasses", {"sunglasses"}, relation="worn"), p("convertible", CAR))),
    Case("relations", "a cowboy riding a horse into the sunset",
         (s("cowboy", {"cowboy hat face"}, motion="ride"), p("horse", HORSE, relation="ridden"))),
    Case("relations", "a monkey riding a bicycle", (s("monkey", MONKEY, motion="ride"),
                                                     p("bicycle", BIKE, relation="ridden"))),
    Case("relations", "a kid eating ice cream on a bench",
         (s("kid", KID, motion="eat"), p("ice cream", ICE_CREAM, relation="eaten"))),
    Case("relations", "a frog sitting under a mushroom",
         (s("frog", {"frog"}), p("mushroom", MUSHROOM, relation="above"))),
    Case("relations", "a bird sitting on top of a bus",
         (s("bird", BIRD), p("bus", BUS, relation="below"))),
    Case("relations", "a cat sleeping next to a teapot",
         (s("cat", CAT, motion="sleep"), p("teapot", {"teapot"}, relation="beside"))),
    Case("relations", "a man in a top hat reading a newspaper",
         (s("man", MAN), p("top hat", {"top hat"}, relation="worn"),
          p("newspaper", {"newspaper", "rolled-up newspaper"}, relation="held"))),
    Case("relations", "a woman holding a bouquet of roses",
         (s("woman", WOMAN), p("roses", {"rose", "bouquet"}, relation="held"))),
    Case("relations", "a panda eating a big bowl of noodles",
         (s("panda", {"panda"}, motion="eat"), p("noodles", NOODLES, relation="eaten"))),
    Case("relations", "a ninja holding a sword on a rooftop",
         (s("ninja", {"ninja"}), p("sword", SWORD, relation="held"))),
    Case("relations", "an astronaut holding a flag on the moon",
         (s("astronaut", trade("astronaut")),
          p("flag", {"white flag", "chequered flag", "triangular flag"}, relation="held", required=False))),
    Case("relations", "a penguin with a scarf and a hat",
         (s("penguin", {"penguin"}), p("scarf", {"scarf"}, relation="worn"), p("hat", HAT, relation="worn"))),
    Case("relations", "a squirrel hiding nuts beside a tree",
         (s("squirrel", {"chipmunk"}), p("nuts", {"chestnut", "peanuts"}, MANY, required=False))),
    Case("relations", "a girl riding a unicorn over the clouds",
         (s("girl", GIRL, motion="ride"), p("unicorn", {"unicorn"}, relation="ridden"))),
    Case("relations", "a bee flying above a sunflower",
         (s("bee", {"honeybee"}, motion="fly"), p("sunflower", {"sunflower"}, relation="below"))),
    Case("relations", "a boy flying a kite", (s("boy", BOY), p("kite", {"kite"}))),
    # -- actions ---------------------------------------------------------------------------------
    Case("actions", "a dolphin jumping through a hoop", (s("dolphin", {"dolphin"}, motion="jump"),)),
    Case("actions", "a surfer catching a massive wave", (s("surfer", doing("surfing"), motion="surf"),)),
    Case("actions", "a skier racing down the mountain", (s("skier", {"skier"}, motion="ride"),)),
    Case("actions", "a snowboarder doing a backflip", (s("snowboarder", {"snowboarder"}, motion="spin"),)),
    Case("actions", "a swimmer doing laps in the pool", (s("swimmer", doing("swimming"), motion="swim"),)),
    Case("actions", "a runner finishing a marathon", (s("runner", doing("running"), motion="run"),)),
    Case("actions", "a cyclist climbing a steep hill", (s("cyclist", doing("biking"), motion="ride"),)),
    Case("actions", "a man juggling oranges on the street",
         (s("man", MAN | doing("juggling"), motion="play"), p("oranges", {"tangerine"}, MANY))),
    Case("actions", "a woman doing yoga on a cliff", (s("woman", WOMAN | doing("in lotus position")),)),
    Case("actions", "a cat falling off a shelf", (s("cat", CAT, motion="fall"),)),
    Case("actions", "an old lady dancing in the rain", (s("old lady", GRANDMA, motion="dance"),)),
    Case("actions", "a horse galloping on the beach", (s("horse", HORSE, motion="run"),)),
    Case("actions", "a baby sleeping in a crib", (s("baby", {"baby"}, motion="sleep"),)),
    Case("actions", "a whale breaching at sunset", (s("whale", WHALE, motion="jump"),)),
    Case("actions", "a man rowing a boat across the lake",
         (s("man", MAN | doing("rowing boat"), motion="ride"), p("boat", BOAT, relation="ridden"))),
    Case("actions", "a rock climber reaching the top", (s("climber", doing("climbing")),)),
    Case("actions", "an eagle diving toward a river", (s("eagle", {"eagle"}, motion="fly"),)),
    Case("actions", "a golfer swinging at the ball", (s("golfer", doing("golfing")),)),
    # -- abstract words that must get no sprite --------------------------------------------------
    Case("abstract", "a philosopher ponders the meaning of entropy",
         (s("philosopher", PERSON | {"older person", "old man", "thinking face"}, required=False),),
         no_sprite=("meaning", "entropy")),
    Case("abstract", "nostalgia hits different when it rains on the old town", (), no_sprite=("nostalgia",)),
    Case("abstract", "a cat contemplating its freedom", (s("cat", CAT),), no_sprite=("freedom",)),
    Case("abstract", "my anxiety at 3am as a short film", (), no_sprite=("anxiety",)),
    Case("abstract", "a lonely robot looking for purpose in a junkyard",
         (s("robot", {"robot"}),), no_sprite=("lonely", "purpose")),
    Case("abstract", "the concept of time melting in the desert", (), no_sprite=("concept", "time")),
    Case("abstract", "a judge weighing justice and truth",
         (s("judge", trade("judge")),), no_sprite=("justice", "truth")),
    Case("abstract", "epic cinematic vibes, aesthetic and cozy", (),
         no_sprite=("epic", "cinematic", "vibes", "aesthetic", "cozy")),
    Case("abstract", "grief and hope in a quiet hallway", (), no_sprite=("grief", "hope", "quiet")),
    Case("abstract", "a teacher explaining democracy to kids",
         (s("teacher", trade("teacher")), s("kids", KID, MANY)), no_sprite=("democracy",)),
    Case("abstract", "a sad clown holding a balloon",
         (s("clown", {"clown face"}), p("balloon", {"balloon"}, relation="held")), no_sprite=("sad",)),
    Case("abstract", "happiness is a warm puppy", (s("puppy", DOG),), no_sprite=("happiness", "warm")),
    Case("abstract", "a scientist chasing the idea of infinity",
         (s("scientist", trade("scientist")),), no_sprite=("idea", "infinity")),
    Case("abstract", "the silence after the storm, a fox listens",
         (s("fox", {"fox"}),), no_sprite=("silence",)),
    Case("abstract", "an owl full of wisdom", (s("owl", {"owl"}),), no_sprite=("wisdom",)),
    Case("abstract", "confidence: a girl walks into her first job interview",
         (s("girl", GIRL | WOMAN, motion="walk"),), no_sprite=("confidence", "interview")),
    Case("abstract", "a mom's patience with two toddlers",
         (s("mom", WOMAN), s("toddlers", KID | {"baby"}, 2)), no_sprite=("patience",)),
    Case("abstract", "chaos in the kitchen as three chefs argue about love",
         (s("chefs", CHEF, 3),), no_sprite=("chaos", "love")),
    Case("abstract", "grandpa remembering his youth", (s("grandpa", GRANDPA),), no_sprite=("youth",)),
    Case("abstract", "destiny and fate as two paths in a forest", (), no_sprite=("destiny", "fate")),
    Case("abstract", "a robot learning empathy", (s("robot", {"robot"}),), no_sprite=("empathy",)),
    Case("abstract", "the beauty of mathematics", (), no_sprite=("beauty", "mathematics")),
    Case("abstract", "a knight's honor and courage", (), no_sprite=("honor", "courage")),
    # -- ambiguous words with hand-labelled wrong readings ---------------------------------------
    Case("ambiguous", "a bat flies at night", (s("bat", {"bat"}, motion="fly"),),
         wrong=frozenset({"baseball", "cricket game", "softball", "fly"})),
    Case("ambiguous", "a kid swings a baseball bat",
         (s("kid", KID), p("baseball bat", {"baseball", "softball"}, relation="held")),
         wrong=frozenset({"bat"})),
    Case("ambiguous", "a cricket chirping in the grass", (s("cricket", {"cricket"}),),
         wrong=frozenset({"cricket game"})),
    Case("ambiguous", "two teams playing cricket on a sunny field",
         (p("cricket", {"cricket game"}, relation="played"),), wrong=frozenset({"cricket"})),
    Case("ambiguous", "a mouse eating cheese",
         (s("mouse", MOUSE, motion="eat"), p("cheese", {"cheese wedge"}, relation="eaten")),
         wrong=frozenset({"computer mouse"})),
    Case("ambiguous", "she clicks the mouse at her desk", (p("mouse", {"computer mouse"}),),
         wrong=frozenset(MOUSE)),
    Case("ambiguous", "a turkey walking around the farm", (s("turkey", {"turkey"}, motion="walk"),),
         wrong=frozenset({"türkiye"})),
    Case("ambiguous", "a girl playing the keyboard on stage",
         (s("girl", GIRL), p("keyboard", PIANO, relation="played")), wrong=frozenset({"keyboard"})),
    Case("ambiguous", "a programmer typing on a keyboard",
         (s("programmer", CODER), p("keyboard", {"keyboard"})), wrong=frozenset(PIANO)),
    Case("ambiguous", "a bird flies over the lake",
         (s("bird", BIRD, motion="fly"),), wrong=frozenset({"fly"})),
    Case("ambiguous", "she saw a deer in the woods",
         (s("deer", {"deer"}),), wrong=frozenset({"carpentry saw"})),
    Case("ambiguous", "we watch the sunset from a boat", (p("boat", BOAT),), wrong=frozenset({"watch"})),
    Case("ambiguous", "a dog can catch a frisbee",
         (s("dog", DOG, motion="jump"), p("frisbee", {"flying disc"})), wrong=frozenset({"canned food"})),
    Case("ambiguous", "cinderella dancing at the royal ball",
         (s("cinderella", {"princess", "woman dancing"}, motion="dance"),), no_sprite=("ball",),
         wrong=frozenset(BALLS)),
    Case("ambiguous", "a band plays rock music at a festival", (), wrong=frozenset({"rock"})),
    Case("ambiguous", "a fan cheering at the stadium",
         (s("fan", PERSON | doing("raising hand"), required=False),), wrong=frozenset({"folding hand fan"})),
    Case("ambiguous", "a kiwi pecking at the ground in new zealand",
         (s("kiwi", BIRD, required=False),), wrong=frozenset({"kiwi fruit"})),
    Case("ambiguous", "a chef slicing a kiwi",
         (s("chef", CHEF), p("kiwi", {"kiwi fruit"}, relation="held")), wrong=frozenset({"bird"})),
    Case("ambiguous", "a dog sitting on the bank of a river", (s("dog", DOG),), wrong=frozenset({"bank"})),
    Case("ambiguous", "a movie star walking the red carpet",
         (s("star", PERSON, motion="walk", required=False),),
         wrong=frozenset({"star", "glowing star", "shooting star", "star-struck"})),
    Case("ambiguous", "a boxer puppy playing in the yard", (s("puppy", DOG, motion="play"),),
         wrong=frozenset({"boxing glove"})),
    Case("ambiguous", "a pool party with friends", (s("friends", PERSON, MANY),),
         wrong=frozenset({"pool 8 ball"})),
    Case("ambiguous", "a dragonfly hovering over a pond", (),
         wrong=frozenset({"dragon", "dragon face", "fly"})),
    Case("ambiguous", "a hot dog stand on a busy street", (p("hot dog", {"hot dog"}),),
         wrong=frozenset(DOG)),
    Case("ambiguous", "a dog eating a hot dog",
         (s("dog", DOG, motion="eat"), p("hot dog", {"hot dog"}, relation="eaten"))),
    Case("ambiguous", "a goldfish in a bowl", (s("goldfish", FISH, motion="swim"),),
         wrong=frozenset({"bowling", "bowl with spoon"})),
    Case("ambiguous", "a jaguar prowling through the jungle", (s("jaguar", {"leopard"}, required=False),),
         wrong=frozenset(CAR | {"racing car"})),
    Case("ambiguous", "a cold drink on a hot day",
         (p("drink", {"cup with straw", "tropical drink", "beverage box", "bubble tea"}),),
         no_sprite=("cold", "hot"), wrong=frozenset({"cold face", "hot face", "hot pepper"})),
)
# fmt: on
