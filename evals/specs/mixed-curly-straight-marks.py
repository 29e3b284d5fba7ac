ID = "mixed-curly-straight-marks"
NOTES = (
    "Hard case: curly and straight quotation marks mixed in one article (as happens when a "
    "piece is assembled from several sources): “curly” pairs, \"straight\" pairs, a quote "
    "that opens straight and closes curly, curly and straight apostrophes (’ and ') inside "
    "quotes, a split quote in straight marks, a mixed quote with a straight-quoted fragment, "
    "and a straight single-quoted word ('no') inside a straight double-quoted quote, which is "
    "part of the outer content and not a quote of its own (it is the speaker's own word, "
    "used as a word). The ferry timetable and crew figures the reporter states are not quotes."
)
KEY_FACTS = [
    "Harlan Bay ferry crews have been on strike for a second week over the work schedule.",
    "Harlan Bay Ferries says its offer is fair but will not restore the 5 a.m. sailing.",
    "Island commuters, including patients travelling for medical care, are missing appointments.",
]
TEXT = '''Harlan Bay ferry strike enters second week as talks stall

PORT KESTREL, Wash. — Ferry crews on the Harlan Bay route stayed off the job for an eighth straight day on Tuesday, and neither side would say when talks might resume.

“We are not going back to work until the schedule is fixed,” said Dolores Quist, a deckhand for 19 years and the crews’ union steward. “Twelve-hour shifts with a forty-minute turnaround aren’t a schedule. They’re a dare.”

The company, Harlan Bay Ferries, cut the early-morning sailing in March and stretched the remaining shifts to cover the gap. Three of its five boats have been tied up at the Port Kestrel dock since last Monday.

"The company's offer is on the table, and it's a fair one," said Peter Engvall, a spokesman for Harlan Bay Ferries. "We'd like everyone back at work tomorrow."

Engvall said the company would "consider any reasonable proposal" on overtime but would not restore the 5 a.m. sailing, which he said lost money every month last year.

"We've had three crews quit since January,” Quist said. “When I tell management the new roster doesn't work, they hear 'maybe.' I've said 'no' a hundred times."

About 2,300 people live on Kestrel Island, and the ferry is the only public link to the mainland hospital, the high school and most of the jobs.

“Passengers are the ones paying for this standoff,” said Ruth Abernathy, 67, who travels to the mainland three times a week for dialysis. “I’ve already missed two appointments.”

"I've got nothing against the crews," she added. "But somebody has to blink, and it isn't going to be my kidneys."

A water taxi has been carrying some passengers at $40 a trip. The county's emergency manager, Luis Ferro, said the county would start a free shuttle boat for medical patients on Thursday.

Quist said the union would welcome a state mediator. Engvall said the company “welcomes mediation.”
'''
SPEAKERS = {
    "quist": {"name": "Dolores Quist", "aliases": ["Quist"]},
    "engvall": {"name": "Peter Engvall", "aliases": ["Engvall"]},
    "abernathy": {"name": "Ruth Abernathy", "aliases": ["Abernathy"]},
    "ferro": {"name": "Luis Ferro", "aliases": ["Ferro"]},
}
QUOTES = [
    {
        "content": ["We are not going back to work until the schedule is fixed", "Twelve-hour shifts with a forty-minute turnaround aren’t a schedule. They’re a dare."],
        "speaker": "quist",
        "mention": "Dolores Quist",
        "cue": "[[said]] Dolores Quist",
        "type": "direct",
        "stance": ("the ferry work schedule", "against"),
    },
    {
        "content": ["The company's offer is on the table, and it's a fair one", "We'd like everyone back at work tomorrow."],
        "speaker": "engvall",
        "mention": "Peter Engvall",
        "cue": "[[said]] Peter Engvall",
        "type": "direct",
        "stance": ("the company's offer", "favor"),
    },
    {
        "content": 'the company would "consider any reasonable proposal" on overtime but would not restore the 5 a.m. sailing',
        "speaker": "engvall",
        "mention": "[[Engvall]] said the company",
        "cue": "Engvall [[said]] the company",
        "type": "mixed",
        "stance": None,
    },
    {
        "content": "lost money every month last year",
        "speaker": "engvall",
        "mention": "which [[he]] said",
        "cue": "which he [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["We've had three crews quit since January", "When I tell management the new roster doesn't work, they hear 'maybe.' I've said 'no' a hundred times."],
        "speaker": "quist",
        "mention": "[[Quist]] said. “When",
        "cue": "Quist [[said]]. “When",
        "type": "direct",
        "stance": None,
    },
    {
        "content": ["Passengers are the ones paying for this standoff", "I’ve already missed two appointments."],
        "speaker": "abernathy",
        "mention": "Ruth Abernathy",
        "cue": "[[said]] Ruth Abernathy",
        "type": "direct",
        "stance": None,
    },
    {
        "content": ["I've got nothing against the crews", "But somebody has to blink, and it isn't going to be my kidneys."],
        "speaker": "abernathy",
        "mention": "[[she]] added",
        "cue": "added",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "the county would start a free shuttle boat for medical patients on Thursday",
        "speaker": "ferro",
        "mention": "Luis Ferro",
        "cue": "Luis Ferro, [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the union would welcome a state mediator",
        "speaker": "quist",
        "mention": "[[Quist]] said the union",
        "cue": "Quist [[said]] the union",
        "type": "indirect",
        "stance": ("mediation", "favor"),
    },
    {
        "content": "the company “welcomes mediation.”",
        "speaker": "engvall",
        "mention": "[[Engvall]] said the company “welcomes",
        "cue": "Engvall [[said]] the company “welcomes",
        "type": "mixed",
        "stance": ("mediation", "favor"),
    },
]
