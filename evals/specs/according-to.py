ID = "according-to"
NOTES = (
    "Hard case: 'according to' attributions, before and after the content, with a person, an "
    "agency, anonymous sources and documents as the source. The cue is 'according to' (or "
    "'According to'); the speaker is the fullest description the article gives of the "
    "source: 'records obtained by the Ardmore Ledger' for the inspection records, 'two plant "
    "workers' for the anonymous workers. 'the county' later in the article is the same source "
    "as the Ardmore County Office of Emergency Management, and is resolved to it. A sentence "
    "split by 'according to Fire Chief Nadia Serrano' is one quote with two spans. The "
    "reporter's own background (the plant's age, the creek's course) is not a quote. The "
    "headline's 'officials say' is an attribution like any other: its content is the headline "
    "statement and its speaker the bare description 'officials'."
)
KEY_FACTS = [
    "About 4,000 gallons of diluted sulfuric acid leaked from a Pellton Chemical tank into Pell Creek.",
    "The leak was contained by 3 p.m. and no injuries were reported.",
    "Residents downstream were told to avoid the creek for at least a week; the tank had failed a 2021 inspection.",
]
TEXT = '''Acid leak at Pellton Chemical plant reaches creek, officials say

ARDMORE, Ky. — A storage tank at the Pellton Chemical plant outside Ardmore leaked about 4,000 gallons of diluted sulfuric acid into Pell Creek early Wednesday, according to the Ardmore County Office of Emergency Management.

The leak was discovered shortly after 6 a.m. by a worker making rounds. Crews had it contained by 3 p.m., according to Fire Chief Nadia Serrano, and no injuries were reported.

The plant, which opened in 1968, makes industrial cleaning products and employs about 230 people. Pell Creek runs for 11 miles before joining the Green River.

According to two plant workers who asked not to be named because they were not allowed to speak to reporters, a high-level alarm on the tank had been switched off for several weeks because it kept going off for no reason.

The tank failed a state inspection in 2021 over corrosion at its base, according to records obtained by the Ardmore Ledger. It is not clear whether the problem was repaired.

Pellton Chemical spokeswoman Gail Moreau said the company was cooperating fully with investigators. She said she could not comment on the alarm or the inspection while the investigation was under way.

People living along the creek were told to keep children and pets out of the water for at least a week, according to the county, which set up a hotline for residents.

“I smelled it before I saw it. Then I saw the dead fish,” said Tom Harlan, who lives on Creek Road about two miles downstream. “Pellton has been cutting corners out there for years, and everybody knows it.”

State environmental officials were taking water samples at six points along the creek on Wednesday afternoon. Results are expected by Friday, according to a spokesman for the state Energy and Environment Cabinet, Dale Whitley.
'''
SPEAKERS = {
    "ema": {"name": "Ardmore County Office of Emergency Management", "aliases": ["the county", "Ardmore County"]},
    "serrano": {"name": "Nadia Serrano", "aliases": ["Fire Chief Nadia Serrano", "Serrano"]},
    "workers": {"name": "two plant workers", "aliases": ["two plant workers who asked not to be named"]},
    "records": {"name": "records obtained by the Ardmore Ledger", "aliases": ["records", "the Ardmore Ledger"]},
    "moreau": {"name": "Gail Moreau", "aliases": ["Moreau", "Pellton Chemical spokeswoman Gail Moreau"]},
    "officials": {"name": "officials", "aliases": []},
    "harlan": {"name": "Tom Harlan", "aliases": ["Harlan"]},
    "whitley": {"name": "Dale Whitley", "aliases": ["Whitley", "a spokesman for the state Energy and Environment Cabinet"]},
}
QUOTES = [
    {
        "content": "Acid leak at Pellton Chemical plant reaches creek",
        "speaker": "officials",
        "mention": "creek, [[officials]] say",
        "cue": "officials [[say]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "A storage tank at the Pellton Chemical plant outside Ardmore leaked about 4,000 gallons of diluted sulfuric acid into Pell Creek early Wednesday",
        "speaker": "ema",
        "mention": "Ardmore County Office of Emergency Management",
        "cue": "Wednesday, [[according to]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["Crews had it contained by 3 p.m.", "and no injuries were reported"],
        "speaker": "serrano",
        "mention": "Fire Chief Nadia Serrano",
        "cue": "[[according to]] Fire Chief",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "a high-level alarm on the tank had been switched off for several weeks because it kept going off for no reason",
        "speaker": "workers",
        "mention": "two plant workers",
        "cue": "According to",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "The tank failed a state inspection in 2021 over corrosion at its base",
        "speaker": "records",
        "mention": "records obtained by the Ardmore Ledger",
        "cue": "base, [[according to]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the company was cooperating fully with investigators",
        "speaker": "moreau",
        "mention": "Pellton Chemical spokeswoman Gail Moreau",
        "cue": "Moreau [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "she could not comment on the alarm or the inspection while the investigation was under way",
        "speaker": "moreau",
        "mention": "[[She]] said she could",
        "cue": "She [[said]] she could",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "People living along the creek were told to keep children and pets out of the water for at least a week",
        "speaker": "ema",
        "mention": "according to [[the county]]",
        "cue": "week, [[according to]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["I smelled it before I saw it. Then I saw the dead fish", "Pellton has been cutting corners out there for years, and everybody knows it."],
        "speaker": "harlan",
        "mention": "Tom Harlan",
        "cue": "[[said]] Tom Harlan",
        "type": "direct",
        "stance": ("Pellton Chemical", "against"),
    },
    {
        "content": "Results are expected by Friday",
        "speaker": "whitley",
        "mention": "a spokesman for the state Energy and Environment Cabinet, Dale Whitley",
        "cue": "Friday, [[according to]]",
        "type": "indirect",
        "stance": None,
    },
]
