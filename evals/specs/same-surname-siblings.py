ID = "same-surname-siblings"
NOTES = (
    "Hard case: four speakers share the surname Okafor (the siblings Marguerite and Daniel, "
    "their father Tobias, a cousin Adaeze Okafor-Bell). 'Ms. Okafor' is Marguerite, 'Mr. "
    "Okafor' is Daniel (the article never uses 'Mr.' for the father), 'the elder Okafor' is "
    "Tobias. The bare surname is deliberately NOT an alias of anyone: it would fit all four. "
    "Pronouns: 'she' = Marguerite except in the cousin's paragraph; 'he' = Daniel. Note for "
    "scorers: a head-name comparison (last capitalised word) cannot tell these speakers apart; "
    "speaker spans are given so that mention offsets can. 'called the deal ...' is a direct "
    "quote with cue 'called'. Cardell Marine's statement is an organisation speaker; it takes "
    "no clear position on the vote, so its stance is null."
)
KEY_FACTS = [
    "Okafor Shipyard's chief executive, Marguerite Okafor, backs a $140 million sale of the yard to Cardell Marine.",
    "Her brother Daniel Okafor opposes the sale and is seeking shareholder support to block it at a June 3 vote.",
    "Cardell's offer guarantees every current employee a job for three years.",
]
TEXT = '''Okafor siblings split over sale of family shipyard

BRISTOW HARBOR, Maine — The two children of shipbuilder Tobias Okafor are on opposite sides of a proposed $140 million sale of the family's yard to Cardell Marine, and neither is keeping quiet about it.

Marguerite Okafor, the company's chief executive, said Monday that the sale was “the only way to keep 600 people employed past 2027.”

Her younger brother, Daniel Okafor, who sits on the board and runs the yard's repair division, called the deal “a slow-motion liquidation.”

“Cardell wants our dry dock and our Navy contracts. It does not want our welders,” Mr. Okafor said in an interview at the yard, where a half-finished research vessel sat under a tarp.

Ms. Okafor rejected that. Cardell's offer guarantees every current employee a job for three years, she said, and puts $30 million into the repair division her brother runs.

“My brother knows the numbers,” she said. “He simply doesn't like them.”

The elder Okafor, 81, who founded the yard in 1979 with two welders and a borrowed crane, has not appeared in public since the offer was announced. In a two-sentence statement released through his lawyer, Tobias Okafor said he loved both of his children and would vote his shares “in the interest of the yard.”

His 38 percent stake makes him the deciding voice. The siblings each hold 21 percent; the rest belongs to employees and to other relatives.

One of them, Adaeze Okafor-Bell, a cousin who holds 4 percent, said she had not decided how to vote and wanted to hear from the workers first.

Daniel Okafor said he was collecting proxies from other shareholders in an effort to block the sale at the vote, scheduled for June 3.

“I'm not doing this to embarrass my sister,” he said. “I'm doing it because my father built something that should outlive all three of us.”

Asked about her brother's campaign, Marguerite Okafor answered in two sentences: “Daniel is entitled to his vote. So am I.”

Cardell Marine, based in Norfolk, Virginia, said in a statement that it “looks forward to building on the Okafor family's legacy in Bristow Harbor.”
'''
SPEAKERS = {
    "marguerite": {"name": "Marguerite Okafor", "aliases": ["Ms. Okafor", "Marguerite"]},
    "daniel": {"name": "Daniel Okafor", "aliases": ["Mr. Okafor", "Daniel"]},
    "tobias": {"name": "Tobias Okafor", "aliases": ["the elder Okafor", "Tobias"]},
    "adaeze": {"name": "Adaeze Okafor-Bell", "aliases": ["Okafor-Bell"]},
    "cardell": {"name": "Cardell Marine", "aliases": ["Cardell"]},
}
QUOTES = [
    {
        "content": "the sale was “the only way to keep 600 people employed past 2027.”",
        "speaker": "marguerite",
        "mention": "[[Marguerite Okafor]], the company's",
        "cue": "chief executive, [[said]] Monday",
        "type": "mixed",
        "stance": ("the sale to Cardell Marine", "favor"),
    },
    {
        "content": "a slow-motion liquidation",
        "speaker": "daniel",
        "mention": "[[Daniel Okafor]], who sits",
        "cue": "[[called]] the deal",
        "type": "direct",
        "stance": ("the sale to Cardell Marine", "against"),
    },
    {
        "content": "Cardell wants our dry dock and our Navy contracts. It does not want our welders",
        "speaker": "daniel",
        "mention": "Mr. Okafor",
        "cue": "Mr. Okafor [[said]] in an interview",
        "type": "direct",
        "stance": ("Cardell Marine", "against"),
    },
    {
        "content": [
            "Cardell's offer guarantees every current employee a job for three years",
            "and puts $30 million into the repair division her brother runs",
        ],
        "speaker": "marguerite",
        "mention": "three years, [[she]] said",
        "cue": "three years, she [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["My brother knows the numbers", "He simply doesn't like them."],
        "speaker": "marguerite",
        "mention": "[[she]] said. “He simply",
        "cue": "she [[said]]. “He simply",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "he loved both of his children and would vote his shares “in the interest of the yard.”",
        "speaker": "tobias",
        "mention": "lawyer, [[Tobias Okafor]] said",
        "cue": "Tobias Okafor [[said]] he loved",
        "type": "mixed",
        "stance": None,
    },
    {
        "content": "she had not decided how to vote and wanted to hear from the workers first",
        "speaker": "adaeze",
        "mention": "Adaeze Okafor-Bell",
        "cue": "4 percent, [[said]] she",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "he was collecting proxies from other shareholders in an effort to block the sale at the vote, scheduled for June 3",
        "speaker": "daniel",
        "mention": "[[Daniel Okafor]] said he was",
        "cue": "Daniel Okafor [[said]] he was",
        "type": "indirect",
        "stance": ("the sale to Cardell Marine", "against"),
    },
    {
        "content": ["I'm not doing this to embarrass my sister", "I'm doing it because my father built something that should outlive all three of us."],
        "speaker": "daniel",
        "mention": "[[he]] said. “I'm doing",
        "cue": "he [[said]]. “I'm doing",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "Daniel is entitled to his vote. So am I.",
        "speaker": "marguerite",
        "mention": "campaign, [[Marguerite Okafor]] answered",
        "cue": "answered",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "it “looks forward to building on the Okafor family's legacy in Bristow Harbor.”",
        "speaker": "cardell",
        "mention": "[[Cardell Marine]], based in Norfolk",
        "cue": "said in a statement",
        "type": "mixed",
        "stance": None,
    },
]
