ID = "guillemets-translated"
NOTES = (
    "Hard case: a translated piece that keeps the quotation marks of its source languages: "
    "French guillemets «…» with no-break spaces (U+00A0) inside the marks, and German "
    "„…“ (low-9 opening, “ as the CLOSING mark), plus single guillemets ‹…› nested inside «…». "
    "The content span excludes the marks and the no-break spaces next to them. The nested "
    "‹…› is itself a gold quote (the mayor quoting the cantonal engineers), as in the "
    "nested-quotes case. 'Favre-Bonvin said the engineers' advice had been blunt: «…»' gives two "
    "quotes: the indirect clause (cue 'said') and the direct quotation after the colon, same "
    "speaker, whose cue is the colon. 'The canton plans to build ...' is an attributed intention (DESIGN: statements, "
    "beliefs and intentions), annotated as in the beliefs-and-intentions case. The "
    "translator's note and the dateline are not quotes. "
    "Stances: Favre-Bonvin favors the protection gallery; Zürcher is against the "
    "evacuation order."
)
KEY_FACTS = [
    "About 140 residents of the Swiss hamlet of Sornaz have been evacuated because a mountainside above it is moving.",
    "The canton plans to build a protective gallery over the valley road, at a cost of about 28 million francs.",
    "Some residents, including hotelier Hans-Peter Zürcher, oppose the evacuation order.",
]
TEXT = '''Swiss hamlet evacuated as mountainside moves

This article was translated from the French-language edition of the Rhône Valley Courier. Quotations from German-speaking residents were translated from German.

SION, Switzerland — The roughly 140 residents of Sornaz, a hamlet at the head of the Val Sorn, were ordered out of their homes on Tuesday after the slope above the village began moving almost a meter a day.

«LQWe are not talking about a risk any more, we are talking about a certainty,RQ» said the mayor of the Val Sorn municipality, Élodie Favre-Bonvin, at a news conference in the valley town of Vernaz. «LQThe only question is when.RQ»

The canton's engineers had warned in the spring that part of the Pointe de Sorn, a limestone peak above the hamlet, was unstable. Favre-Bonvin said the engineers' advice had been blunt: «LQThey told us, ‹LQNobody sleeps under that slope this winter.RQ› We listened.RQ»

The canton plans to build a concrete gallery over the only road into the upper valley so that it can reopen even if rock keeps falling. The project would cost about 28 million francs, according to the cantonal roads office.

«LQThe gallery is the right answer, and we will fight for every franc of it in Sion,RQ» Favre-Bonvin said.

Not all residents agree with the order. Hans-Peter Zürcher, whose family has run the Hotel Sornazhorn since 1921, refused to leave until police returned on Wednesday morning.

„This village has survived three rockslides“, Zürcher told reporters on the hotel terrace. „The evacuation is a mistake, and I will say so to anyone in Bern who listens.“

„My grandfather stayed in 1939 and nothing happened“, Zürcher said. „They measure in millimeters and panic in meters.“

Ana Brügger, a geologist with the cantonal natural hazards service, said the monitoring data left no room for doubt. The slope moved 94 centimeters in the 24 hours to Wednesday noon, she said.

«LQWe understand how painful this is for the families,RQ» Brügger said. «LQBut the mountain does not negotiate.RQ»

Residents will be allowed back for one hour on Saturday, under escort, to collect belongings.
'''
TEXT = TEXT.replace("LQ", "\u00a0").replace("RQ", "\u00a0")
SPEAKERS = {
    "favre": {"name": "Élodie Favre-Bonvin", "aliases": ["Favre-Bonvin", "the mayor of the Val Sorn municipality"]},
    "engineers": {"name": "The canton's engineers", "aliases": ["the engineers", "the cantonal engineers"]},
    "canton": {"name": "The canton", "aliases": ["the canton"]},
    "roads": {"name": "the cantonal roads office", "aliases": ["cantonal roads office"]},
    "zurcher": {"name": "Hans-Peter Zürcher", "aliases": ["Zürcher", "Zurcher", "Hans-Peter Zurcher"]},
    "brugger": {"name": "Ana Brügger", "aliases": ["Brügger", "Brugger"]},
}
QUOTES = [
    {
        "content": ["We are not talking about a risk any more, we are talking about a certainty", "The only question is when."],
        "speaker": "favre",
        "mention": "Élodie Favre-Bonvin",
        "cue": "certainty,\u00a0» [[said]]",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "part of the Pointe de Sorn, a limestone peak above the hamlet, was unstable",
        "speaker": "engineers",
        "mention": "The canton's engineers",
        "cue": "had warned",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the engineers' advice had been blunt",
        "speaker": "favre",
        "mention": "[[Favre-Bonvin]] said the engineers'",
        "cue": "Favre-Bonvin [[said]] the engineers'",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "They told us, ‹\u00a0Nobody sleeps under that slope this winter.\u00a0› We listened.",
        "speaker": "favre",
        "mention": "[[Favre-Bonvin]] said the engineers'",
        "cue": "blunt[[:]]",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "Nobody sleeps under that slope this winter.",
        "speaker": "engineers",
        "mention": "[[They]] told us",
        "cue": "They [[told us]]",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "to build a concrete gallery over the only road into the upper valley so that it can reopen even if rock keeps falling",
        "speaker": "canton",
        "mention": "[[The canton]] plans",
        "cue": "The canton [[plans]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "The project would cost about 28 million francs",
        "speaker": "roads",
        "mention": "the cantonal roads office",
        "cue": "according to",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "The gallery is the right answer, and we will fight for every franc of it in Sion",
        "speaker": "favre",
        "mention": "[[Favre-Bonvin]] said.\n",
        "cue": "Favre-Bonvin [[said]].\n",
        "type": "direct",
        "stance": ("the protective road gallery", "favor"),
    },
    {
        "content": ["This village has survived three rockslides", "The evacuation is a mistake, and I will say so to anyone in Bern who listens."],
        "speaker": "zurcher",
        "mention": "[[Zürcher]] told reporters",
        "cue": "told reporters",
        "type": "direct",
        "stance": ("the evacuation order", "against"),
    },
    {
        "content": ["My grandfather stayed in 1939 and nothing happened", "They measure in millimeters and panic in meters."],
        "speaker": "zurcher",
        "mention": "[[Zürcher]] said.",
        "cue": "Zürcher [[said]].",
        "type": "direct",
        "stance": ("the evacuation order", "against"),
    },
    {
        "content": "the monitoring data left no room for doubt",
        "speaker": "brugger",
        "mention": "Ana Brügger",
        "cue": "service, [[said]] the monitoring",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "The slope moved 94 centimeters in the 24 hours to Wednesday noon",
        "speaker": "brugger",
        "mention": "noon, [[she]] said",
        "cue": "noon, she [[said]]",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["We understand how painful this is for the families", "But the mountain does not negotiate."],
        "speaker": "brugger",
        "mention": "[[Brügger]] said.",
        "cue": "Brügger [[said]].",
        "type": "direct",
        "stance": None,
    },
]
