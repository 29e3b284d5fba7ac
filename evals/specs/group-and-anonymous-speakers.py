ID = "group-and-anonymous-speakers"
NOTES = (
    "Hard case: speakers that are groups, anonymous or plural. The speaker is the fullest "
    "description the article gives: 'a senior state official who spoke on condition of "
    "anonymity', 'several miners', 'Critics of the closure', 'Some economists'. The plural "
    "pronoun 'they' in 'they said' resolves to the two brothers Lyle and Curtis Demarest, "
    "named in the paragraph before; their speaker name is both names joined, with each "
    "name as an alias. 'officials' in 'state officials said' is a group. Not quotes: "
    "'the announcement' (the event), 'Rumors had circulated for months' (no source)."
)
KEY_FACTS = [
    "Calder Mining will close the Calder Gap coal mine in August, putting about 310 people out of work.",
    "The state plans a retraining fund, according to officials; the amount has not been announced.",
    "Workers and local businesses fear the town will not recover.",
]
TEXT = '''Calder Gap mine to close in August, ending 90 years of coal

CALDER GAP, W.Va. — Calder Mining will close its underground coal mine here in August, the company told employees on Monday, putting about 310 people out of work in a town of fewer than 2,000.

Rumors had circulated for months, but several miners said the timing of the announcement, two weeks after the company renewed its equipment leases, caught them by surprise.

Lyle and Curtis Demarest, brothers who have worked side by side at the mine for 22 years, heard the news at the start of their shift. They said they would look for work in the natural gas fields in Pennsylvania, a four-hour drive away.

“We'll go where the work is,” they said, almost in unison. “Our kids will stay here and finish school.”

State officials said they were preparing a retraining fund for laid-off miners but did not say how large it would be. A senior state official who spoke on condition of anonymity because the plan had not been announced said the fund would be “in the low millions” and would be paid for partly by a federal grant.

Critics of the closure argue that Calder Mining took millions in state tax credits in 2019 in exchange for a promise to keep the mine open until at least 2030.

Some economists believe the closure will hit local businesses harder than the layoffs themselves. “Every miner's paycheck supports another job in the county, at the diner, the hardware store, the school,” said Ellen Varnes, an economist at Mountain State University who studies coal towns. “When the mine goes, those go with it.”

Calder Mining said in a letter to employees that the seam had become too thin to mine profitably and that demand from power plants had fallen by half since 2015.

At the Gap Diner on Main Street, owner Rita Calloway said about half of her lunch customers were miners. “I've been here 31 years,” she said. “I don't know if I'll make it to 32.”
'''
SPEAKERS = {
    "company": {"name": "Calder Mining", "aliases": ["the company"]},
    "miners": {"name": "several miners", "aliases": ["miners"]},
    "brothers": {"name": "Lyle and Curtis Demarest", "aliases": ["Lyle Demarest", "Curtis Demarest", "the Demarest brothers"]},
    "officials": {"name": "State officials", "aliases": ["state officials", "officials"]},
    "anon": {"name": "A senior state official who spoke on condition of anonymity", "aliases": ["a senior state official"]},
    "critics": {"name": "Critics of the closure", "aliases": ["critics"]},
    "economists": {"name": "Some economists", "aliases": ["economists"]},
    "varnes": {"name": "Ellen Varnes", "aliases": ["Varnes"]},
    "calloway": {"name": "Rita Calloway", "aliases": ["Calloway"]},
}
QUOTES = [
    {
        "content": "Calder Mining will close its underground coal mine here in August",
        "speaker": "company",
        "mention": "[[the company]] told employees",
        "cue": "told employees",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the timing of the announcement, two weeks after the company renewed its equipment leases, caught them by surprise",
        "speaker": "miners",
        "mention": "several miners",
        "cue": "miners [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "they would look for work in the natural gas fields in Pennsylvania, a four-hour drive away",
        "speaker": "brothers",
        "mention": "[[They]] said they would",
        "cue": "They [[said]] they would",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["We'll go where the work is", "Our kids will stay here and finish school."],
        "speaker": "brothers",
        "mention": "[[they]] said, almost",
        "cue": "they [[said]], almost",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "they were preparing a retraining fund for laid-off miners",
        "speaker": "officials",
        "mention": "State officials",
        "cue": "officials [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the fund would be “in the low millions” and would be paid for partly by a federal grant",
        "speaker": "anon",
        "mention": "A senior state official who spoke on condition of anonymity",
        "cue": "announced [[said]] the fund",
        "type": "mixed",
        "stance": None,
    },
    {
        "content": "Calder Mining took millions in state tax credits in 2019 in exchange for a promise to keep the mine open until at least 2030",
        "speaker": "critics",
        "mention": "Critics of the closure",
        "cue": "argue",
        "type": "indirect",
        "stance": ("the mine closure", "against"),
    },
    {
        "content": "the closure will hit local businesses harder than the layoffs themselves",
        "speaker": "economists",
        "mention": "Some economists",
        "cue": "believe",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["Every miner's paycheck supports another job in the county, at the diner, the hardware store, the school", "When the mine goes, those go with it."],
        "speaker": "varnes",
        "mention": "Ellen Varnes",
        "cue": "[[said]] Ellen Varnes",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "the seam had become too thin to mine profitably and that demand from power plants had fallen by half since 2015",
        "speaker": "company",
        "mention": "[[Calder Mining]] said in a letter",
        "cue": "said in a letter to employees",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "about half of her lunch customers were miners",
        "speaker": "calloway",
        "mention": "Rita Calloway",
        "cue": "Calloway [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["I've been here 31 years", "I don't know if I'll make it to 32."],
        "speaker": "calloway",
        "mention": "[[she]] said. “I don't",
        "cue": "she [[said]]. “I don't",
        "type": "direct",
        "stance": None,
    },
]
