ID = "many-cue-verbs"
NOTES = (
    "Hard case: reported speech with many different cue verbs and phrases, few of them "
    "'said': argued, insisted, warned, conceded, tweeted, wrote in a statement, acknowledged, "
    "predicted, countered, complained, vowed, denied, recalled, told the board, noted, posted "
    "on Facebook. The cue is the reporting words only (with 'in a statement', 'on Facebook', "
    "'in an interview' when they belong to the reporting phrase). 'denied that X' has X as its "
    "content: it is what the speaker's statement is about, and the denial is the position "
    "(stance against the claim is not annotated since the target is a claim, not a named "
    "thing). Stances: Ambrose, Castro, Hollis and Oyelowo against the fare increase, "
    "Pryor-Nakamura for it; the union's conditional support is left null. 'Riders ... were "
    "almost all opposed' is the reporter's summary with no content clause: not a quote."
)
KEY_FACTS = [
    "The Corran City Transit Authority board voted 5-2 to raise the base bus and rail fare from $2.25 to $2.75 starting July 1.",
    "The authority faces a $38 million budget gap; the increase is expected to raise about $21 million a year.",
    "Mayor Felix Ambrose and rider advocates oppose the increase.",
]
TEXT = '''Corran City transit board approves 50-cent fare increase

CORRAN CITY, Mich. — The board of the Corran City Transit Authority voted 5-2 on Wednesday to raise the base fare on buses and light rail from $2.25 to $2.75 on July 1, the first increase in nine years.

Board chair Helen Pryor-Nakamura argued that the authority had no responsible alternative, with a $38 million gap in next year's budget and federal pandemic aid running out in June.

“Nobody on this board enjoys raising fares,” she told the board before the vote. “But a transit system that can't pay its drivers doesn't have fares to raise.”

Mayor Felix Ambrose, who appoints three of the seven board members but has no vote, tweeted during the meeting that the increase was “the wrong fare at the wrong time.”

Board member Rosa Castro, one of the two votes against, warned that higher fares would push riders back into cars and cost the system more than it gained. She insisted that the authority should first cut the $4 million it spends each year on outside consultants.

The authority's finance director, Marcus Delacroix, conceded that ridership would probably fall but predicted that the increase would still bring in about $21 million a year.

Riders who spoke during three hours of public comment were almost all opposed. Dwayne Hollis, a night-shift nurse who takes two buses to work, complained that service on his route had been cut twice since 2021. “I'm paying more for a bus that comes less,” he said.

The Amalgamated Transit Union Local 881 wrote in a statement that it supported the increase “only if every dollar goes to service, not to management.”

Pryor-Nakamura denied that the increase was connected to raises approved last year for the authority's top executives. She noted that those raises cost about $300,000 in total.

Castro countered that the board had “found money for the people at the top and a bill for the people at the bus stop.”

After the vote, the Corran Riders Alliance posted on Facebook that it would collect signatures to put the fare question on the November ballot. Its director, Tamika Oyelowo, vowed to “make this the most expensive 50 cents the board ever voted for.”

Ambrose, a former bus driver, recalled in an interview on Thursday that his own first fare in 1988 was 60 cents. He acknowledged that he had little power to stop the increase.
'''
SPEAKERS = {
    "pryor": {"name": "Helen Pryor-Nakamura", "aliases": ["Pryor-Nakamura", "Board chair Helen Pryor-Nakamura"]},
    "ambrose": {"name": "Felix Ambrose", "aliases": ["Ambrose", "Mayor Felix Ambrose", "Mayor Ambrose"]},
    "castro": {"name": "Rosa Castro", "aliases": ["Castro", "Board member Rosa Castro"]},
    "delacroix": {"name": "Marcus Delacroix", "aliases": ["Delacroix"]},
    "hollis": {"name": "Dwayne Hollis", "aliases": ["Hollis"]},
    "atu": {"name": "Amalgamated Transit Union Local 881", "aliases": ["Local 881", "the union", "Amalgamated Transit Union"]},
    "alliance": {"name": "Corran Riders Alliance", "aliases": ["the Corran Riders Alliance"]},
    "oyelowo": {"name": "Tamika Oyelowo", "aliases": ["Oyelowo"]},
}
QUOTES = [
    {
        "content": "the authority had no responsible alternative, with a $38 million gap in next year's budget and federal pandemic aid running out in June",
        "speaker": "pryor",
        "mention": "Board chair Helen Pryor-Nakamura",
        "cue": "argued",
        "type": "indirect",
        "stance": ("the fare increase", "favor"),
    },
    {
        "content": ["Nobody on this board enjoys raising fares", "But a transit system that can't pay its drivers doesn't have fares to raise."],
        "speaker": "pryor",
        "mention": "[[she]] told the board",
        "cue": "told the board",
        "type": "direct",
        "stance": ("the fare increase", "favor"),
    },
    {
        "content": "the increase was “the wrong fare at the wrong time.”",
        "speaker": "ambrose",
        "mention": "Mayor Felix Ambrose",
        "cue": "tweeted",
        "type": "mixed",
        "stance": ("the fare increase", "against"),
    },
    {
        "content": "higher fares would push riders back into cars and cost the system more than it gained",
        "speaker": "castro",
        "mention": "Board member Rosa Castro",
        "cue": "warned",
        "type": "indirect",
        "stance": ("the fare increase", "against"),
    },
    {
        "content": "the authority should first cut the $4 million it spends each year on outside consultants",
        "speaker": "castro",
        "mention": "[[She]] insisted",
        "cue": "insisted",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "ridership would probably fall",
        "speaker": "delacroix",
        "mention": "Marcus Delacroix",
        "cue": "conceded",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the increase would still bring in about $21 million a year",
        "speaker": "delacroix",
        "mention": "Marcus Delacroix",
        "cue": "predicted",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "service on his route had been cut twice since 2021",
        "speaker": "hollis",
        "mention": "Dwayne Hollis",
        "cue": "complained",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "I'm paying more for a bus that comes less",
        "speaker": "hollis",
        "mention": "[[he]] said",
        "cue": "he [[said]]",
        "type": "direct",
        "stance": ("the fare increase", "against"),
    },
    {
        "content": "it supported the increase “only if every dollar goes to service, not to management.”",
        "speaker": "atu",
        "mention": "[[The Amalgamated Transit Union Local 881]] wrote",
        "cue": "wrote in a statement",
        "type": "mixed",
        "stance": None,
    },
    {
        "content": "the increase was connected to raises approved last year for the authority's top executives",
        "speaker": "pryor",
        "mention": "[[Pryor-Nakamura]] denied",
        "cue": "denied",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "those raises cost about $300,000 in total",
        "speaker": "pryor",
        "mention": "[[She]] noted",
        "cue": "noted",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the board had “found money for the people at the top and a bill for the people at the bus stop.”",
        "speaker": "castro",
        "mention": "[[Castro]] countered",
        "cue": "countered",
        "type": "mixed",
        "stance": ("the fare increase", "against"),
    },
    {
        "content": "it would collect signatures to put the fare question on the November ballot",
        "speaker": "alliance",
        "mention": "the Corran Riders Alliance",
        "cue": "posted on Facebook",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "to “make this the most expensive 50 cents the board ever voted for.”",
        "speaker": "oyelowo",
        "mention": "Tamika Oyelowo",
        "cue": "vowed",
        "type": "mixed",
        "stance": ("the fare increase", "against"),
    },
    {
        "content": "his own first fare in 1988 was 60 cents",
        "speaker": "ambrose",
        "mention": "[[Ambrose]], a former",
        "cue": "recalled in an interview",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "he had little power to stop the increase",
        "speaker": "ambrose",
        "mention": "[[He]] acknowledged",
        "cue": "acknowledged",
        "type": "indirect",
        "stance": None,
    },
]
