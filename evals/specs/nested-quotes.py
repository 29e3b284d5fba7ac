ID = "nested-quotes"
NOTES = (
    "Hard case: nested quotes (‘…’ inside “…”). The outer quote's content includes the inner "
    "quotation with its single marks. The inner quotation is ALSO a gold quote of its own, "
    "attributed to the person the outer speaker quotes (DESIGN: any statement the article "
    "attributes to a source), with the cue that stands inside the outer quote ('said', "
    "'told me', 'shouted'). Inner speakers are resolved to the fullest name the article gives "
    "anywhere: 'My supervisor' is Brent Kowalczyk, named two paragraphs later; 'the plant "
    "manager' is Colleen Stroud. 'A driver' is never named: the description is the speaker. "
    "The apostrophes in ‘We’ll’ and ‘It’s’ are not closing marks. Stance: State Sen. Greer "
    "clearly favors the Warehouse Safety Act."
)
KEY_FACTS = [
    "A storage rack collapsed at Dunmore Logistics' Fenwick warehouse in November.",
    "Former workers told a state Senate committee that supervisors ignored warnings about damaged racks.",
    "Dunmore says it has replaced every rack at the site; Sen. Paulette Greer backs the Warehouse Safety Act.",
]
TEXT = '''Former warehouse workers describe ignored warnings before rack collapse

HARTWELL, Pa. — Two former employees of Dunmore Logistics told a state Senate committee on Thursday that managers brushed off repeated warnings about a damaged storage rack in the months before it collapsed at the company's Fenwick warehouse in November, injuring four workers.

“My supervisor looked at the cracked upright and said, ‘Just stack it lower,’ and walked away,” testified Aisha Rahimi, a former shift lead at the warehouse.

Rahimi said she reported the damage in writing twice, in July and again in September. Committee members were shown copies of both reports.

The supervisor, identified in company records as Brent Kowalczyk, no longer works for Dunmore. He could not be reached for comment.

“When I went over his head to the plant manager, she told me, ‘We’ll fix it in the spring, when volume drops,’” Rahimi said.

The plant manager at the time, Colleen Stroud, said in a brief phone interview that she did not recall the conversation and that safety complaints were always passed to the company's maintenance department.

The second witness, Marcus Bell, was driving a forklift two aisles away when the rack gave way.

“A driver at the end of the row shouted ‘It’s going!’ and we all ran,” Bell said. “Four of us didn't run fast enough.”

Bell, who broke his collarbone, said he had not returned to work and did not plan to.

Dunmore Logistics said in a statement that it “takes every safety concern seriously” and that it had replaced every rack at the Fenwick site since the accident.

State Sen. Paulette Greer, who chairs the committee, said the testimony was “exactly why we need the Warehouse Safety Act,” a bill she introduced in January that would require independent rack inspections every six months.

“If a worker has to write a letter twice and then watch the thing fall anyway, the system is broken,” Greer said.
'''
SPEAKERS = {
    "rahimi": {"name": "Aisha Rahimi", "aliases": ["Rahimi"]},
    "kowalczyk": {"name": "Brent Kowalczyk", "aliases": ["Kowalczyk", "My supervisor", "The supervisor"]},
    "stroud": {"name": "Colleen Stroud", "aliases": ["Stroud", "the plant manager"]},
    "bell": {"name": "Marcus Bell", "aliases": ["Bell"]},
    "driver": {"name": "A driver at the end of the row", "aliases": ["A driver"]},
    "dunmore": {"name": "Dunmore Logistics", "aliases": ["Dunmore"]},
    "greer": {"name": "Paulette Greer", "aliases": ["Greer", "State Sen. Paulette Greer", "Sen. Greer"]},
    "employees": {"name": "Two former employees of Dunmore Logistics", "aliases": ["former employees", "Aisha Rahimi and Marcus Bell"]},
}
QUOTES = [
    {
        "content": "managers brushed off repeated warnings about a damaged storage rack in the months before it collapsed at the company's Fenwick warehouse in November, injuring four workers",
        "speaker": "employees",
        "mention": "Two former employees of Dunmore Logistics",
        "cue": "told a state Senate committee",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "My supervisor looked at the cracked upright and said, ‘Just stack it lower,’ and walked away",
        "speaker": "rahimi",
        "mention": "Aisha Rahimi",
        "cue": "testified",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "Just stack it lower",
        "speaker": "kowalczyk",
        "mention": "My supervisor",
        "cue": "upright and [[said]], ‘Just",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "she reported the damage in writing twice, in July and again in September",
        "speaker": "rahimi",
        "mention": "[[Rahimi]] said she reported",
        "cue": "Rahimi [[said]] she reported",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "When I went over his head to the plant manager, she told me, ‘We’ll fix it in the spring, when volume drops,’",
        "speaker": "rahimi",
        "mention": "[[Rahimi]] said.\n",
        "cue": "Rahimi [[said]].\n",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "We’ll fix it in the spring, when volume drops",
        "speaker": "stroud",
        "mention": "manager, [[she]] told me",
        "cue": "she [[told me]]",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "she did not recall the conversation and that safety complaints were always passed to the company's maintenance department",
        "speaker": "stroud",
        "mention": "Colleen Stroud",
        "cue": "said in a brief phone interview",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["A driver at the end of the row shouted ‘It’s going!’ and we all ran", "Four of us didn't run fast enough."],
        "speaker": "bell",
        "mention": "[[Bell]] said. “Four",
        "cue": "Bell [[said]]. “Four",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "It’s going!",
        "speaker": "driver",
        "mention": "A driver at the end of the row",
        "cue": "shouted",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "he had not returned to work and did not plan to",
        "speaker": "bell",
        "mention": "[[Bell]], who broke",
        "cue": "collarbone, [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "it “takes every safety concern seriously” and that it had replaced every rack at the Fenwick site since the accident",
        "speaker": "dunmore",
        "mention": "[[Dunmore Logistics]] said in a statement",
        "cue": "said in a statement",
        "type": "mixed",
        "stance": None,
    },
    {
        "content": "the testimony was “exactly why we need the Warehouse Safety Act,”",
        "speaker": "greer",
        "mention": "State Sen. Paulette Greer",
        "cue": "committee, [[said]] the testimony",
        "type": "mixed",
        "stance": ("the Warehouse Safety Act", "favor"),
    },
    {
        "content": "If a worker has to write a letter twice and then watch the thing fall anyway, the system is broken",
        "speaker": "greer",
        "mention": "[[Greer]] said.\n",
        "cue": "Greer [[said]].\n",
        "type": "direct",
        "stance": None,
    },
]
