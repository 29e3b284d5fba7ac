ID = "stance-favor-against-neutral"
NOTES = (
    "Hard case: stances toward one named target (the Halden Ridge wind farm), clearly "
    "evidenced in the quotes themselves: favor (a landowner, the developer, a county "
    "commissioner's 'I will vote yes'), against (a neighbour group, a second commissioner), "
    "neutral (the planning director, who explicitly takes no side; a bird researcher whose "
    "data 'neither supports nor rules out' the project). Quotes with no position (facts, "
    "schedules) have stance null. The reporter's framing ('a project that has split the "
    "valley') is not a stance of anyone. Stance labels follow the speaker's words, not "
    "whether the speaker's facts help one side."
)
KEY_FACTS = [
    "Sable County commissioners will vote on March 14 on a permit for the 42-turbine Halden Ridge wind farm.",
    "The project would pay landowners lease fees and the county about $1.9 million a year in taxes.",
    "Opponents cite noise, views and a golden eagle nesting site.",
]
TEXT = '''Halden Ridge wind farm heads to final vote in Sable County

SABLE COUNTY, Mont. — County commissioners will vote March 14 on whether to permit the Halden Ridge wind farm, a 42-turbine project that has split the valley since it was proposed three years ago.

The developer, Prairie Current Energy, says the turbines would produce enough electricity for about 60,000 homes and pay the county about $1.9 million a year in taxes. Eleven ranch families would lease land for the towers.

“The Halden Ridge project is the best thing to happen to this county since the railroad,” said Arne Kvale, whose family has ranched on the ridge since 1911 and would host nine turbines. “It keeps my kids on this land.”

Prairie Current's project manager, Jolene Whitebear, said the company had moved six turbines farther from homes after public meetings last year. “We think Halden Ridge is a good project and a better one than we first proposed,” she said.

Not everyone is persuaded. Linda Marchetti, who leads a group of about 150 residents called Save the Sable Skyline, said the turbines would be visible from every house in the valley.

“We are against the Halden Ridge wind farm, full stop. This is the wrong place for it,” Marchetti said. “Put it on the flats by the interstate, where nobody lives.”

The county's planning director, Ray Osei, wrote the staff report on the application, but he stressed that his office had no view on whether the wind farm should be built.

“The planning department takes no position for or against Halden Ridge,” Osei said. “Our job is to tell the commissioners whether the application meets the code. It does.”

Much of the debate has turned on a golden eagle nest about a mile from the nearest proposed turbine. Dr. Priya Ramaswamy, a wildlife biologist at Montana Western College who surveyed the ridge for two seasons, said her data were not conclusive.

“Our surveys neither support nor rule out Halden Ridge,” Ramaswamy said. “The eagles use the ridge, but not the part where the towers would go, at least not in the two years we watched.”

Two of the three commissioners have said how they will vote. Commissioner Dale Brandvold said he would vote yes. “I will vote for Halden Ridge because the county needs the tax base,” he said.

Commissioner Teresa Lund said she would vote no because of the eagles and the views. The third commissioner, Walt Hensley, has not said how he will vote.
'''
SPEAKERS = {
    "prairie": {"name": "Prairie Current Energy", "aliases": ["Prairie Current", "The developer"]},
    "kvale": {"name": "Arne Kvale", "aliases": ["Kvale"]},
    "whitebear": {"name": "Jolene Whitebear", "aliases": ["Whitebear"]},
    "marchetti": {"name": "Linda Marchetti", "aliases": ["Marchetti"]},
    "osei": {"name": "Ray Osei", "aliases": ["Osei"]},
    "ramaswamy": {"name": "Priya Ramaswamy", "aliases": ["Ramaswamy", "Dr. Priya Ramaswamy", "Dr. Ramaswamy"]},
    "brandvold": {"name": "Dale Brandvold", "aliases": ["Brandvold", "Commissioner Dale Brandvold"]},
    "lund": {"name": "Teresa Lund", "aliases": ["Lund", "Commissioner Teresa Lund"]},
}
QUOTES = [
    {
        "content": "the turbines would produce enough electricity for about 60,000 homes and pay the county about $1.9 million a year in taxes",
        "speaker": "prairie",
        "mention": "Prairie Current Energy",
        "cue": "says",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["The Halden Ridge project is the best thing to happen to this county since the railroad", "It keeps my kids on this land."],
        "speaker": "kvale",
        "mention": "Arne Kvale",
        "cue": "[[said]] Arne Kvale",
        "type": "direct",
        "stance": ("the Halden Ridge wind farm", "favor"),
    },
    {
        "content": "the company had moved six turbines farther from homes after public meetings last year",
        "speaker": "whitebear",
        "mention": "Jolene Whitebear",
        "cue": "Whitebear, [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "We think Halden Ridge is a good project and a better one than we first proposed",
        "speaker": "whitebear",
        "mention": "proposed,” [[she]] said",
        "cue": "proposed,” she [[said]]",
        "type": "direct",
        "stance": ("the Halden Ridge wind farm", "favor"),
    },
    {
        "content": "the turbines would be visible from every house in the valley",
        "speaker": "marchetti",
        "mention": "Linda Marchetti",
        "cue": "Skyline, [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["We are against the Halden Ridge wind farm, full stop. This is the wrong place for it", "Put it on the flats by the interstate, where nobody lives."],
        "speaker": "marchetti",
        "mention": "[[Marchetti]] said. “Put",
        "cue": "Marchetti [[said]]. “Put",
        "type": "direct",
        "stance": ("the Halden Ridge wind farm", "against"),
    },
    {
        "content": "his office had no view on whether the wind farm should be built",
        "speaker": "osei",
        "mention": "but [[he]] stressed",
        "cue": "stressed",
        "type": "indirect",
        "stance": ("the Halden Ridge wind farm", "neutral"),
    },
    {
        "content": ["The planning department takes no position for or against Halden Ridge", "Our job is to tell the commissioners whether the application meets the code. It does."],
        "speaker": "osei",
        "mention": "[[Osei]] said. “Our job",
        "cue": "Osei [[said]]. “Our job",
        "type": "direct",
        "stance": ("the Halden Ridge wind farm", "neutral"),
    },
    {
        "content": "her data were not conclusive",
        "speaker": "ramaswamy",
        "mention": "Dr. Priya Ramaswamy",
        "cue": "seasons, [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["Our surveys neither support nor rule out Halden Ridge", "The eagles use the ridge, but not the part where the towers would go, at least not in the two years we watched."],
        "speaker": "ramaswamy",
        "mention": "[[Ramaswamy]] said. “The eagles",
        "cue": "Ramaswamy [[said]]. “The eagles",
        "type": "direct",
        "stance": ("the Halden Ridge wind farm", "neutral"),
    },
    {
        "content": "he would vote yes",
        "speaker": "brandvold",
        "mention": "Commissioner Dale Brandvold",
        "cue": "Brandvold [[said]]",
        "type": "indirect",
        "stance": ("the Halden Ridge wind farm", "favor"),
    },
    {
        "content": "I will vote for Halden Ridge because the county needs the tax base",
        "speaker": "brandvold",
        "mention": "base,” [[he]] said",
        "cue": "base,” he [[said]]",
        "type": "direct",
        "stance": ("the Halden Ridge wind farm", "favor"),
    },
    {
        "content": "she would vote no because of the eagles and the views",
        "speaker": "lund",
        "mention": "Commissioner Teresa Lund",
        "cue": "Lund [[said]]",
        "type": "indirect",
        "stance": ("the Halden Ridge wind farm", "against"),
    },
]
