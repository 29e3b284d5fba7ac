ID = "split-quotes"
NOTES = (
    "Hard case: quotes split by their attribution. Each split quote is ONE gold quote whose "
    "`spans` are its parts: the classic `\u201c\u2026,\u201d Petrov said, \u201c\u2026\u201d`, the "
    "split across sentences `\u201c\u2026,\u201d she said, pointing \u2026. \u201c\u2026\u201d` (the "
    "second part continues the same statement in the same paragraph with no new attribution, "
    "so it is the same quote), an inverted `said Petrov, 54,` in the middle, a question split "
    "by `asked`, and an indirect quote split by `Reddy said` (mixed: it carries a quoted "
    "fragment). The attribution comma before a closing mark is not part of the content."
)
KEY_FACTS = [
    "Hana Petrov's bakery in Tarrow Bend reopened eight months after a flood.",
    "A state recovery grant covered most of the damage but arrived late.",
    "Petrov plans to hire two more bakers by spring.",
]
TEXT = '''Flood-hit bakery in Tarrow Bend reopens after eight months

TARROW BEND, Vt. — The line outside Petrov's Bakery on Mill Street stretched past the hardware store on Saturday morning, eight months after the Otter Brook flood filled the shop with four feet of muddy water.

“We lost the ovens, the flour, the photographs on the wall,” Hana Petrov said, “but we never lost the customers.”

Petrov, who took over the bakery from her mother in 2009, spent the winter selling bread from a borrowed food truck parked behind the town library. She said she baked about 300 loaves a day in a rented church kitchen and drove them across town before dawn.

“The water came up to here,” she said, pointing to a pencil line on the doorframe about chest high. “By the next morning the whole street smelled of river mud.”

The town was one of 14 in the county declared a disaster area after the August storm. Petrov's bakery was among the first businesses to apply for help from the state's small-business recovery fund.

The recovery grant, town manager Colm Reddy said, arrived “months later than anyone wanted” but covered most of the damage.

“Honestly?” Reddy asked. “The state moved as fast as its paperwork allowed, and not one day faster.”

Petrov was less diplomatic about the wait but said she was grateful for the money. “The grant saved us, full stop,” she said.

Asked whether she had thought about moving the bakery to higher ground, she shook her head.

“I'm staying,” said Petrov, 54, “because this is where my mother baked, and her mother before her.”

The new ovens, bought with the grant and a loan from a local credit union, sit on steel platforms 30 inches above the floor. The electrical panel has been moved to the second story.

Petrov said she plans to hire two more bakers by spring.
'''
SPEAKERS = {
    "petrov": {"name": "Hana Petrov", "aliases": ["Petrov"]},
    "reddy": {"name": "Colm Reddy", "aliases": ["Reddy", "town manager Colm Reddy"]},
}
QUOTES = [
    {
        "content": [
            "We lost the ovens, the flour, the photographs on the wall",
            "but we never lost the customers.",
        ],
        "speaker": "petrov",
        "mention": "Hana Petrov",
        "cue": "Hana Petrov [[said]]",
        "type": "direct",
        "stance": None,
    },
    {
        "content": ["The water came up to here", "By the next morning the whole street smelled of river mud."],
        "speaker": "petrov",
        "mention": "[[she]] said, pointing",
        "cue": "she [[said]], pointing",
        "type": "direct",
        "stance": None,
    },
    {
        "content": [
            "The recovery grant",
            "arrived “months later than anyone wanted” but covered most of the damage",
        ],
        "speaker": "reddy",
        "mention": "town manager Colm Reddy",
        "cue": "Colm Reddy [[said]]",
        "type": "mixed",
        "stance": None,
    },
    {
        "content": ["Honestly?", "The state moved as fast as its paperwork allowed, and not one day faster."],
        "speaker": "reddy",
        "mention": "[[Reddy]] asked",
        "cue": "asked",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "The grant saved us, full stop",
        "speaker": "petrov",
        "mention": "full stop,” [[she]] said",
        "cue": "full stop,” she [[said]]",
        "type": "direct",
        "stance": ("the state recovery grant", "favor"),
    },
    {
        "content": [
            "I'm staying",
            "because this is where my mother baked, and her mother before her.",
        ],
        "speaker": "petrov",
        "mention": "said [[Petrov]], 54",
        "cue": "[[said]] Petrov, 54",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "she was grateful for the money",
        "speaker": "petrov",
        "mention": "[[Petrov]] was less diplomatic",
        "cue": "but [[said]] she was grateful",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "she plans to hire two more bakers by spring",
        "speaker": "petrov",
        "mention": "[[Petrov]] said she plans",
        "cue": "Petrov [[said]] she plans",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "she baked about 300 loaves a day in a rented church kitchen and drove them across town before dawn",
        "speaker": "petrov",
        "mention": "[[She]] said she baked",
        "cue": "She [[said]] she baked",
        "type": "indirect",
        "stance": None,
    },
]
