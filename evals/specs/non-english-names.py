ID = "non-english-names"
NOTES = (
    "Hard case: non-English names. José Álvarez-Ruiz (hyphenated Spanish surname, short form "
    "'Álvarez-Ruiz'); Nguyễn Thị Lan (Vietnamese order, family name first: the article calls "
    "her 'Lan' on second reference, as Vietnamese usage does, and a caption-style line spells "
    "her name without diacritics, 'Nguyen Thi Lan': both are aliases); Zhang Wei (Chinese "
    "order: the short form is the family name 'Zhang', not 'Wei'); Oluwaseun Adébáyọ̀, whose "
    "last letter is 'ọ' followed by a COMBINING GRAVE ACCENT (U+0300): no precomposed form "
    "exists, so offsets count two code points there and the text must not be normalised; "
    "Siobhán Ní Bhriain (Irish, short form 'Ní Bhriain'). Stances: Álvarez-Ruiz against the "
    "proposed export levy; Adébáyọ̀ favors the recycling-content rule."
)
KEY_FACTS = [
    "Delegates at the Port Ardell battery-recycling summit disagreed over a proposed levy on exports of used battery material.",
    "Vietnam plans to open two state-backed recycling plants by 2027.",
    "A rule requiring 20 percent recycled content in new batteries drew support from African producers.",
]
TEXT = '''Battery recyclers clash over export levy at Port Ardell summit

PORT ARDELL — Delegates from 31 countries ended a three-day battery-recycling summit here on Thursday without agreeing on a proposed levy on exports of used battery material, a measure that divided producing and manufacturing nations.

José Álvarez-Ruiz, chief executive of the Chilean miner Minera Andina Sur, said the levy would “punish the countries that dig the metal out of the ground for the sins of the countries that throw it away.”

“We are being asked to pay twice,” Álvarez-Ruiz told reporters after the closing session. “Once when we sell the lithium, and again when it comes back to us as waste.”

Nguyễn Thị Lan, a deputy director at Vietnam's Ministry of Industry and Trade, said her government planned to open two state-backed recycling plants near Hai Phong by 2027 and would not wait for a global deal.

“We would rather build the plants than argue about who pays for them,” Lan said. She added that Vietnam would welcome foreign partners but would keep a majority stake in both plants.

Photo caption: Nguyen Thi Lan speaks during the closing session in Port Ardell.

Zhang Wei, chief engineer at Huaxin Cell Recycling, which operates 14 plants in China and two in Hungary, said the technology was no longer the obstacle. Recovery rates for lithium had passed 90 percent at his company's newest lines, Zhang said, but collection of old batteries had not kept up.

“The batteries are in drawers, in garages, in landfills,” Mr. Zhang said. “We can recycle what we receive. We do not receive enough.”

The sharpest support for a rule requiring 20 percent recycled content in new batteries came from Oluwaseun ADEBAYO, who leads the African Battery Materials Alliance, a group of producers from six countries.

“A recycled-content rule is the only thing on the table that creates a market for our refineries,” ADEBAYO said. “We back it without reservation.”

The summit's chair, Siobhán Ní Bhriain, said the levy and the content rule would go to working groups that will report in March. Ní Bhriain acknowledged that the gap between the two camps was “wider than it looked on Monday.”
'''
TEXT = TEXT.replace("ADEBAYO", "Ad\u00e9b\u00e1y\u1ecd\u0300")
ADEBAYO = "Ad\u00e9b\u00e1y\u1ecd\u0300"
SPEAKERS = {
    "alvarez": {"name": "José Álvarez-Ruiz", "aliases": ["Álvarez-Ruiz", "Mr. Álvarez-Ruiz", "Jose Alvarez-Ruiz"]},
    "lan": {"name": "Nguyễn Thị Lan", "aliases": ["Lan", "Ms. Lan", "Nguyen Thi Lan"]},
    "zhang": {"name": "Zhang Wei", "aliases": ["Zhang", "Mr. Zhang"]},
    "adebayo": {"name": "Oluwaseun " + ADEBAYO, "aliases": [ADEBAYO, "Oluwaseun Adebayo", "Adebayo"]},
    "nibhriain": {"name": "Siobhán Ní Bhriain", "aliases": ["Ní Bhriain", "Siobhan Ni Bhriain"]},
}
QUOTES = [
    {
        "content": "the levy would “punish the countries that dig the metal out of the ground for the sins of the countries that throw it away.”",
        "speaker": "alvarez",
        "mention": "José Álvarez-Ruiz",
        "cue": "Sur, [[said]] the levy",
        "type": "mixed",
        "stance": ("the export levy on used battery material", "against"),
    },
    {
        "content": ["We are being asked to pay twice", "Once when we sell the lithium, and again when it comes back to us as waste."],
        "speaker": "alvarez",
        "mention": "“We are being asked to pay twice,” [[Álvarez-Ruiz]] told",
        "cue": "told reporters",
        "type": "direct",
        "stance": ("the export levy on used battery material", "against"),
    },
    {
        "content": "her government planned to open two state-backed recycling plants near Hai Phong by 2027 and would not wait for a global deal",
        "speaker": "lan",
        "mention": "[[Nguyễn Thị Lan]], a deputy",
        "cue": "Trade, [[said]] her government",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "We would rather build the plants than argue about who pays for them",
        "speaker": "lan",
        "mention": "[[Lan]] said. She",
        "cue": "Lan [[said]]. She",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "Vietnam would welcome foreign partners but would keep a majority stake in both plants",
        "speaker": "lan",
        "mention": "[[She]] added",
        "cue": "added",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the technology was no longer the obstacle",
        "speaker": "zhang",
        "mention": "Zhang Wei",
        "cue": "Hungary, [[said]] the technology",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["Recovery rates for lithium had passed 90 percent at his company's newest lines", "but collection of old batteries had not kept up"],
        "speaker": "zhang",
        "mention": "lines, [[Zhang]] said",
        "cue": "lines, Zhang [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["The batteries are in drawers, in garages, in landfills", "We can recycle what we receive. We do not receive enough."],
        "speaker": "zhang",
        "mention": "Mr. Zhang",
        "cue": "Mr. Zhang [[said]]",
        "type": "direct",
        "stance": None,
    },
    {
        "content": ["A recycled-content rule is the only thing on the table that creates a market for our refineries", "We back it without reservation."],
        "speaker": "adebayo",
        "mention": "refineries,” [[" + ADEBAYO + "]] said",
        "cue": "refineries,” " + ADEBAYO + " [[said]]",
        "type": "direct",
        "stance": ("the 20 percent recycled-content rule", "favor"),
    },
    {
        "content": "the levy and the content rule would go to working groups that will report in March",
        "speaker": "nibhriain",
        "mention": "chair, [[Siobhán Ní Bhriain]], said",
        "cue": "Bhriain, [[said]] the levy",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the gap between the two camps was “wider than it looked on Monday.”",
        "speaker": "nibhriain",
        "mention": "[[Ní Bhriain]] acknowledged",
        "cue": "acknowledged",
        "type": "mixed",
        "stance": None,
    },
]
