ID = "beliefs-and-intentions"
NOTES = (
    "Hard case: attributed beliefs and intentions, not only statements (DESIGN: 'any "
    "statement, belief or intention the article attributes to a source'): believes, hopes "
    "to, plans to, expects, fears, is convinced, intends to, thinks. The cue is the verb (with "
    "'is convinced'); the content is the believed or intended clause, 'that' excluded and an "
    "infinitive's 'to' included ('to open a second mill by 2027'). Verbs of perception or "
    "knowledge in the reporter's voice ('The numbers show ...', 'members still remember the "
    "drought', 'which everyone ... mentions sooner or later': no content clause) and the "
    "sourceless passive 'The mill is expected to open ...' are not gold quotes. Fisk's "
    "'The lender intends to ..., she said' gives two quotes, as nested quotes do: Fisk's "
    "statement, and inside it the lender's intention (speaker Farm Credit of the Plains). Stances: Okonkwo favors the cooperative's expansion; "
    "Brandt is against the state's water rules."
)
KEY_FACTS = [
    "The Prairie Hollow Grain Cooperative will build a $9 million flour mill in Dunmore, Kansas.",
    "The mill is expected to open in 2026 and employ about 35 people.",
    "The cooperative hopes to sell flour directly to regional bakeries.",
]
TEXT = '''Kansas grain cooperative bets on its own flour mill

DUNMORE, Kan. — The Prairie Hollow Grain Cooperative, which has sold its members' wheat to the same two exporters for half a century, will build its own $9 million flour mill on the edge of Dunmore, its board announced on Friday.

The mill is expected to open in the fall of 2026 and to employ about 35 people. The numbers show why the board is interested: flour sells for roughly three times what the cooperative earns on raw wheat.

The cooperative's general manager, Chidi Okonkwo, believes the mill can double what members earn per bushel within five years. He hopes to sell most of the flour directly to bakeries in Kansas City, Wichita and Omaha.

“We have spent fifty years growing the best wheat in the state and letting somebody else make the money on it,” Okonkwo said. “That ends now.”

Okonkwo plans to ask members in March to approve a second phase, a small pasta line, if the mill's first year goes well.

Not every member is sold. Gerald Brandt, who farms 2,400 acres north of town and sits on the cooperative's board, voted for the mill but fears the project will run over budget. He is convinced that the state's new groundwater rules, which limit irrigation in dry years, will make wheat harvests harder to predict.

“The water rules from Topeka are a bigger threat to this mill than any competitor,” Brandt said. “I'll say that to the governor's face.”

Lorraine Fisk, a loan officer at Farm Credit of the Plains, which is lending the cooperative $6 million, expects the mill to break even in its third year. The lender intends to keep a seat on a new advisory committee until the loan is repaid, she said.

Many of the cooperative's 640 members still remember the drought of 2012, which everyone in Dunmore mentions sooner or later. Dale Humphries, 74, thinks the mill is a good idea but worries that the best jobs will go to outsiders.

“The mill will need engineers and electricians,” he said. “I hope some of them grew up here.”
'''
SPEAKERS = {
    "board": {"name": "The Prairie Hollow Grain Cooperative's board", "aliases": ["its board", "the board", "Prairie Hollow Grain Cooperative"]},
    "okonkwo": {"name": "Chidi Okonkwo", "aliases": ["Okonkwo"]},
    "brandt": {"name": "Gerald Brandt", "aliases": ["Brandt"]},
    "fisk": {"name": "Lorraine Fisk", "aliases": ["Fisk"]},
    "lender": {"name": "Farm Credit of the Plains", "aliases": ["The lender"]},
    "humphries": {"name": "Dale Humphries", "aliases": ["Humphries"]},
}
QUOTES = [
    {
        "content": "The Prairie Hollow Grain Cooperative, which has sold its members' wheat to the same two exporters for half a century, will build its own $9 million flour mill on the edge of Dunmore",
        "speaker": "board",
        "mention": "its board",
        "cue": "announced",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the mill can double what members earn per bushel within five years",
        "speaker": "okonkwo",
        "mention": "Chidi Okonkwo",
        "cue": "believes",
        "type": "indirect",
        "stance": ("the cooperative's flour mill", "favor"),
    },
    {
        "content": "to sell most of the flour directly to bakeries in Kansas City, Wichita and Omaha",
        "speaker": "okonkwo",
        "mention": "[[He]] hopes",
        "cue": "hopes",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["We have spent fifty years growing the best wheat in the state and letting somebody else make the money on it", "That ends now."],
        "speaker": "okonkwo",
        "mention": "[[Okonkwo]] said. “That",
        "cue": "Okonkwo [[said]]. “That",
        "type": "direct",
        "stance": ("the cooperative's flour mill", "favor"),
    },
    {
        "content": "to ask members in March to approve a second phase, a small pasta line, if the mill's first year goes well",
        "speaker": "okonkwo",
        "mention": "[[Okonkwo]] plans",
        "cue": "plans",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the project will run over budget",
        "speaker": "brandt",
        "mention": "Gerald Brandt",
        "cue": "fears",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the state's new groundwater rules, which limit irrigation in dry years, will make wheat harvests harder to predict",
        "speaker": "brandt",
        "mention": "[[He]] is convinced",
        "cue": "is convinced",
        "type": "indirect",
        "stance": ("the state's groundwater rules", "against"),
    },
    {
        "content": ["The water rules from Topeka are a bigger threat to this mill than any competitor", "I'll say that to the governor's face."],
        "speaker": "brandt",
        "mention": "[[Brandt]] said. “I'll",
        "cue": "Brandt [[said]]. “I'll",
        "type": "direct",
        "stance": ("the state's groundwater rules", "against"),
    },
    {
        "content": "the mill to break even in its third year",
        "speaker": "fisk",
        "mention": "Lorraine Fisk",
        "cue": "expects",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "The lender intends to keep a seat on a new advisory committee until the loan is repaid",
        "speaker": "fisk",
        "mention": "repaid, [[she]] said",
        "cue": "repaid, she [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "to keep a seat on a new advisory committee until the loan is repaid",
        "speaker": "lender",
        "mention": "The lender",
        "cue": "intends",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the mill is a good idea",
        "speaker": "humphries",
        "mention": "Dale Humphries",
        "cue": "thinks",
        "type": "indirect",
        "stance": ("the cooperative's flour mill", "favor"),
    },
    {
        "content": "the best jobs will go to outsiders",
        "speaker": "humphries",
        "mention": "Dale Humphries",
        "cue": "worries",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["The mill will need engineers and electricians", "I hope some of them grew up here."],
        "speaker": "humphries",
        "mention": "[[he]] said. “I hope",
        "cue": "he [[said]]. “I hope",
        "type": "direct",
        "stance": None,
    },
]
