ID = "multi-paragraph-quote"
NOTES = (
    "Hard case: multi-paragraph quotes. By news convention a quote that runs over several "
    "paragraphs repeats the opening mark at each new paragraph and closes only at the end. "
    "Haskins's quote is ONE gold quote: its first paragraph is split by 'Haskins said', and it "
    "continues through two more paragraphs (4 spans: the parts, without the repeated opening "
    "marks). Castine Paper Co.'s statement is introduced in the paragraph before it ('said in "
    "a statement read at the ceremony:') and runs over two paragraphs in straight marks "
    "(2 spans). Lorna Pike's quote opens right after Haskins's quote closes: a new speaker, "
    "a new quote. Lorna Pike's 'She was not in the building, she explained; Haskins had "
    "carried her ...' is one indirect quote split by its attribution (2 spans)."
)
KEY_FACTS = [
    "Wexley marked 25 years since the 1998 Castine paper mill fire, in which three firefighters died.",
    "Retired fire chief Walter Haskins said crews could not save the mill but kept the fire from spreading.",
    "The city will rename Canal Street Park after the three firefighters.",
]
TEXT = '''Wexley remembers mill fire, 25 years on

WEXLEY, N.H. — Several hundred people stood in light rain on Saturday outside the shell of the old Castine paper mill to mark 25 years since the fire that killed three Wexley firefighters.

Walter Haskins, who was a rookie on the first engine to arrive that night and retired as the city's fire chief in 2019, spoke for nearly ten minutes without notes.

“I was twenty-six years old and I had never seen a roof come down,” Haskins said. “We had eleven trucks and not enough water. The hydrants on Canal Street were dry by midnight.

“People ask me whether we could have saved the mill. We could not. What we could do was keep it from taking the whole street with it, and we did that.

“I think about Eddie, and Ray, and Tom every day. Every single day.”

“He carried me out,” said Lorna Pike, whose late husband, firefighter Raymond Pike, was among the three men killed. She was not in the building, she explained; Haskins had carried her down the stairs of the burning boarding house next door an hour before the roof fell.

The mill's former owner, Castine Paper Co., which closed the Wexley site in 2004, sent a statement that was read at the ceremony by a company lawyer:

"Castine Paper Co. deeply regrets the loss of life in the fire of 1998 and has never forgotten the men who died.

"We remain grateful to the firefighters of Wexley and to the families who have kept their memory alive for a quarter of a century."

Some relatives said they had waited years for those words. The families sued the company in 1999 and settled in 2003; the terms were never made public.

Mayor Ines Carvalho said the city would rename Canal Street Park in honor of the three men, Edward Lacasse, Raymond Pike and Thomas Nye, this summer. A new granite plaque by the gate already bears their names.

The mill itself is to be demolished next year. Carvalho said the city was still talking to developers about what should be built on the site.
'''
SPEAKERS = {
    "haskins": {"name": "Walter Haskins", "aliases": ["Haskins"]},
    "pike": {"name": "Lorna Pike", "aliases": ["Pike"]},
    "castine": {"name": "Castine Paper Co.", "aliases": ["Castine Paper"]},
    "carvalho": {"name": "Ines Carvalho", "aliases": ["Carvalho", "Mayor Ines Carvalho"]},
    "relatives": {"name": "Some relatives", "aliases": ["relatives"]},
}
QUOTES = [
    {
        "content": [
            "I was twenty-six years old and I had never seen a roof come down",
            "We had eleven trucks and not enough water. The hydrants on Canal Street were dry by midnight.",
            "People ask me whether we could have saved the mill. We could not. What we could do was keep it from taking the whole street with it, and we did that.",
            "I think about Eddie, and Ray, and Tom every day. Every single day.",
        ],
        "speaker": "haskins",
        "mention": "[[Haskins]] said",
        "cue": "Haskins [[said]]",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "He carried me out",
        "speaker": "pike",
        "mention": "Lorna Pike",
        "cue": "[[said]] Lorna Pike",
        "type": "direct",
        "stance": None,
    },
    {
        "content": [
            "She was not in the building",
            "Haskins had carried her down the stairs of the burning boarding house next door an hour before the roof fell",
        ],
        "speaker": "pike",
        "mention": "building, [[she]] explained",
        "cue": "explained",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": [
            "Castine Paper Co. deeply regrets the loss of life in the fire of 1998 and has never forgotten the men who died.",
            "We remain grateful to the firefighters of Wexley and to the families who have kept their memory alive for a quarter of a century.",
        ],
        "speaker": "castine",
        "mention": "owner, [[Castine Paper Co.]], which",
        "cue": "sent a statement",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "they had waited years for those words",
        "speaker": "relatives",
        "mention": "Some relatives",
        "cue": "relatives [[said]] they",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the city would rename Canal Street Park in honor of the three men, Edward Lacasse, Raymond Pike and Thomas Nye, this summer",
        "speaker": "carvalho",
        "mention": "Mayor Ines Carvalho",
        "cue": "Carvalho [[said]] the city would rename",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the city was still talking to developers about what should be built on the site",
        "speaker": "carvalho",
        "mention": "[[Carvalho]] said the city was",
        "cue": "Carvalho [[said]] the city was",
        "type": "indirect",
        "stance": None,
    },
]
