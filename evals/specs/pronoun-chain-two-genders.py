ID = "pronoun-chain-two-genders"
NOTES = (
    "Hard case: a pronoun chain across paragraphs with a woman (Renata Castellanos) and a man "
    "(Gregory Whitcomb) answering each other, then a second woman (Deborah Lindqvist) who "
    "takes over 'she' for one paragraph, then 'He' that can only be Whitcomb. Speaker spans "
    "mark the pronoun where that is what stands at the attribution; the name is resolved. "
    "Pronouns inside the content ('she had never once offered', 'He has the letter') are "
    "content, not speakers. 'Castellanos disputed that' carries no content of its own (it "
    "points back at Whitcomb's claim) and is not a gold quote; 'did not respond to a request "
    "for comment' is not a quote either. Split indirect quote: 'Enrollment has fallen ..., he "
    "said, and the district cannot ...' is one quote with two spans."
)
KEY_FACTS = [
    "Millbrook's school district plans to close three elementary schools.",
    "Council member Renata Castellanos opposes the closures; Superintendent Gregory Whitcomb defends them, citing an 18 percent enrollment drop.",
    "Whitcomb will present a revised plan on May 12 that keeps Oakridge Elementary open for at least a year.",
]
TEXT = '''Millbrook council member, superintendent trade blows over school closures

MILLBROOK, Ohio — Renata Castellanos, a two-term member of the Millbrook City Council, said Tuesday that the school district's plan to close three elementary schools was “rushed and cruel.”

Speaking to about 200 parents in the gym of Oakridge Elementary, one of the schools on the list, she said she would vote against any city budget that helped pay for the closures.

Superintendent Gregory Whitcomb, who drew up the plan, defended it a few hours later. Enrollment has fallen by 18 percent in five years, he said, and the district can no longer afford to heat and staff half-empty buildings.

“Nobody wants to close a school,” he said. “But I was hired to balance a budget, not to protect buildings.”

He added that he had met with Castellanos twice since January and that she had “never once offered an alternative.”

Castellanos disputed that. She said she had sent the superintendent a written proposal in March to merge two of the schools instead of closing three.

“He has the letter. His office signed for it,” she said on Wednesday.

Whitcomb's office did not respond to a request for comment about the letter.

For parents, the feud has become a sideshow. Deborah Lindqvist, whose son is in third grade at Oakridge, said she had stopped following the back-and-forth.

“My son doesn't care who wins the argument,” she said. “He cares whether his school is open in September.”

Whitcomb said he would present a revised plan to the school board on May 12. He said it would keep Oakridge open “for at least one more year” while the district studies the merger idea.

Castellanos was unmoved. “One more year is a stay of execution,” she said, adding that she would bring her own plan to a council vote in June.
'''
SPEAKERS = {
    "castellanos": {"name": "Renata Castellanos", "aliases": ["Castellanos"]},
    "whitcomb": {"name": "Gregory Whitcomb", "aliases": ["Whitcomb", "Superintendent Gregory Whitcomb", "the superintendent"]},
    "lindqvist": {"name": "Deborah Lindqvist", "aliases": ["Lindqvist"]},
}
QUOTES = [
    {
        "content": "the school district's plan to close three elementary schools was “rushed and cruel.”",
        "speaker": "castellanos",
        "mention": "Renata Castellanos",
        "cue": "Tuesday",  # replaced below
        "type": "mixed",
        "stance": ("the school closure plan", "against"),
    },
    {
        "content": "she would vote against any city budget that helped pay for the closures",
        "speaker": "castellanos",
        "mention": "[[she]] said she would vote",
        "cue": "she [[said]] she would vote",
        "type": "indirect",
        "stance": ("the school closure plan", "against"),
    },
    {
        "content": [
            "Enrollment has fallen by 18 percent in five years",
            "and the district can no longer afford to heat and staff half-empty buildings",
        ],
        "speaker": "whitcomb",
        "mention": "[[he]] said, and the district",
        "cue": "he [[said]], and the district",
        "type": "indirect",
        "stance": ("the school closure plan", "favor"),
    },
    {
        "content": ["Nobody wants to close a school", "But I was hired to balance a budget, not to protect buildings."],
        "speaker": "whitcomb",
        "mention": "[[he]] said. “But",
        "cue": "he [[said]]. “But",
        "type": "direct",
        "stance": ("the school closure plan", "favor"),
    },
    {
        "content": "he had met with Castellanos twice since January and that she had “never once offered an alternative.”",
        "speaker": "whitcomb",
        "mention": "[[He]] added",
        "cue": "added",
        "type": "mixed",
        "stance": None,
    },
    {
        "content": "she had sent the superintendent a written proposal in March to merge two of the schools instead of closing three",
        "speaker": "castellanos",
        "mention": "[[She]] said she had sent",
        "cue": "She [[said]] she had sent",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "He has the letter. His office signed for it",
        "speaker": "castellanos",
        "mention": "[[she]] said on Wednesday",
        "cue": "she [[said]] on Wednesday",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "she had stopped following the back-and-forth",
        "speaker": "lindqvist",
        "mention": "Deborah Lindqvist",
        "cue": "Oakridge, [[said]] she had",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["My son doesn't care who wins the argument", "He cares whether his school is open in September."],
        "speaker": "lindqvist",
        "mention": "[[she]] said. “He cares",
        "cue": "she [[said]]. “He cares",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "he would present a revised plan to the school board on May 12",
        "speaker": "whitcomb",
        "mention": "[[Whitcomb]] said he would present",
        "cue": "Whitcomb [[said]] he would present",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "it would keep Oakridge open “for at least one more year” while the district studies the merger idea",
        "speaker": "whitcomb",
        "mention": "[[He]] said it would",
        "cue": "He [[said]] it would",
        "type": "mixed",
        "stance": None,
    },
    {
        "content": "One more year is a stay of execution",
        "speaker": "castellanos",
        "mention": "execution,” [[she]] said",
        "cue": "execution,” she [[said]]",
        "type": "direct",
        "stance": ("the revised school plan", "against"),
    },
    {
        "content": "she would bring her own plan to a council vote in June",
        "speaker": "castellanos",
        "mention": "execution,” [[she]] said",
        "cue": "adding",
        "type": "indirect",
        "stance": None,
    },
]
QUOTES[0]["cue"] = "Castellanos, a two-term member of the Millbrook City Council, [[said]] Tuesday"
