ID = "headline-quotes"
NOTES = (
    "Hard case: quotes in headlines of the form `Speaker: statement`. The headline 'Port "
    "director: ...' is a quote whose speaker is resolved to Ines Varga (named in the body), "
    "cue ':' (the colon is the whole reporting device). The subhead 'Dockworkers' union: "
    "‘Nobody asked us’' is a direct headline quote by the union. The RELATED line at the end "
    "(a link to another story, as scraped pages carry) is also a headline quote: its speaker "
    "is only 'Fisheries minister', the fullest name this article gives; the fragment 'not on "
    "the table' in straight single marks makes it mixed; the minister clearly rejects quota "
    "cuts (against). Traps that are NOT quotes: 'The numbers are stark: 40 ships ...' (the "
    "reporter's colon), 'Timeline: ...' (a section label) and the dateline. The lead "
    "sentence is split by 'the port's director said Thursday': the 'although ...' clause "
    "after the attribution continues the reported statement (2 spans)."
)
KEY_FACTS = [
    "The Port of Gellerport's container terminal, damaged by a storm, is to reopen Monday at reduced capacity.",
    "Two of the terminal's four cranes were damaged; about 40 ships are waiting offshore.",
    "The dockworkers' union says it was not consulted about the reopening plan.",
]
TEXT = '''Port director: Gellerport terminal will reopen Monday

GELLERPORT, Maine — The container terminal at the Port of Gellerport will reopen on Monday, five days after a winter storm tore through the harbor, the port's director said Thursday, although it will handle fewer ships for at least a month.

Ines Varga, who has run the port since 2017, said the storm damaged two of the terminal's four cranes beyond quick repair. The other two were inspected on Wednesday and cleared for use.

“We will be open Monday at 6 a.m., with reduced capacity, and we will stay open,” Varga said at a news conference on the pier.

The numbers are stark: 40 ships are waiting offshore, and the terminal normally handles about 12 a day.

Dockworkers' union: ‘Nobody asked us’

Under the reopening plan, the terminal will run three shifts a day instead of two. Tomasz Wierzbicki, president of the Coastal Dockworkers Union Local 19, which represents about 450 workers at the terminal, said the union learned of the plan from a press release.

“Management made this plan in a room with no workers in it,” Wierzbicki said. “Now they want us to make it work with half the cranes.”

Varga said she had met union leaders on Tuesday and would meet them again on Friday. Wierzbicki said Tuesday's meeting lasted 20 minutes and covered only safety.

Timeline: The storm struck late Saturday night, with gusts of up to 90 mph. Power at the terminal was restored on Wednesday.

Shipping lines have begun diverting cargo to Portland and Halifax. A spokesperson for Nordvik Line, one of the port's largest customers, said the company would send two ships to Gellerport next week “if the terminal is really open.”

RELATED: Fisheries minister: Quota cuts 'not on the table' for Gulf boats
'''
SPEAKERS = {
    "varga": {"name": "Ines Varga", "aliases": ["Varga", "Port director", "the port's director"]},
    "union": {"name": "Coastal Dockworkers Union Local 19", "aliases": ["Dockworkers' union", "the union", "Local 19"]},
    "wierzbicki": {"name": "Tomasz Wierzbicki", "aliases": ["Wierzbicki"]},
    "nordvik": {"name": "A spokesperson for Nordvik Line", "aliases": ["Nordvik Line"]},
    "minister": {"name": "Fisheries minister", "aliases": []},
}
QUOTES = [
    {
        "content": "Gellerport terminal will reopen Monday",
        "speaker": "varga",
        "mention": "Port director",
        "cue": "Port director[[:]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": [
            "The container terminal at the Port of Gellerport will reopen on Monday, five days after a winter storm tore through the harbor",
            "although it will handle fewer ships for at least a month",
        ],
        "speaker": "varga",
        "mention": "the port's director",
        "cue": "director [[said]] Thursday",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the storm damaged two of the terminal's four cranes beyond quick repair",
        "speaker": "varga",
        "mention": "Ines Varga",
        "cue": "2017, [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "We will be open Monday at 6 a.m., with reduced capacity, and we will stay open",
        "speaker": "varga",
        "mention": "[[Varga]] said at a news",
        "cue": "Varga [[said]] at a news",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "Nobody asked us",
        "speaker": "union",
        "mention": "Dockworkers' union",
        "cue": "Dockworkers' union[[:]]",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "the union learned of the plan from a press release",
        "speaker": "wierzbicki",
        "mention": "Tomasz Wierzbicki",
        "cue": "terminal, [[said]] the union",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["Management made this plan in a room with no workers in it", "Now they want us to make it work with half the cranes."],
        "speaker": "wierzbicki",
        "mention": "[[Wierzbicki]] said. “Now",
        "cue": "Wierzbicki [[said]]. “Now",
        "type": "direct",
        "stance": ("the reopening plan", "against"),
    },
    {
        "content": "she had met union leaders on Tuesday and would meet them again on Friday",
        "speaker": "varga",
        "mention": "[[Varga]] said she had met",
        "cue": "Varga [[said]] she had met",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "Tuesday's meeting lasted 20 minutes and covered only safety",
        "speaker": "wierzbicki",
        "mention": "[[Wierzbicki]] said Tuesday's",
        "cue": "Wierzbicki [[said]] Tuesday's",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the company would send two ships to Gellerport next week “if the terminal is really open.”",
        "speaker": "nordvik",
        "mention": "A spokesperson for Nordvik Line",
        "cue": "customers, [[said]]",
        "type": "mixed",
        "stance": None,
    },
    {
        "content": "Quota cuts 'not on the table' for Gulf boats",
        "speaker": "minister",
        "mention": "Fisheries minister",
        "cue": "Fisheries minister[[:]]",
        "type": "mixed",
        "stance": ("quota cuts for Gulf boats", "against"),
    },
]
