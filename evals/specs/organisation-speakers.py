ID = "organisation-speakers"
NOTES = (
    "Hard case: organisations and unnamed representatives as speakers. 'a spokesperson for "
    "Halvorsen Foods' is the speaker as the article gives it (the company is an accepted "
    "alias: the spokesperson speaks for it); 'the company said in a statement' resolves to "
    "Halvorsen Foods; the pronoun 'it' resolves to the Food Safety Authority ('the agency'); "
    "Brightmart Group speaks 'on its website'. 'Halvorsen declined to comment on ...' and "
    "'did not immediately respond' have no content and are not quotes. The named person "
    "Dr. Ingrid Solheim speaks for herself. The agency's recall notice is a document with the "
    "agency as its source; what it 'lists' is the reporter's summary, not a quote."
)
KEY_FACTS = [
    "Halvorsen Foods recalled about 180,000 jars of pesto after possible listeria contamination.",
    "No illnesses have been confirmed.",
    "Brightmart Group pulled the product from its 340 stores and is offering refunds.",
]
TEXT = '''Pesto maker recalls 180,000 jars over listeria risk

OSLOVIK, Minn. — Halvorsen Foods is recalling about 180,000 jars of its basil pesto sold in 11 Midwestern states after routine testing at its Oslovik plant found possible listeria contamination, the state's Food Safety Authority said Friday.

The recall covers 6-ounce jars with “best by” dates from March 3 through April 18. The agency's notice lists the lot numbers, which are printed on the lid.

No illnesses had been confirmed as of Friday afternoon, the agency said. It warned that listeria infections can take up to 10 weeks to cause symptoms and urged anyone who became ill after eating the pesto to contact a doctor.

A spokesperson for Halvorsen Foods said the contamination was found in a single production line, which has been shut down and is being cleaned.

“We are taking this step out of an abundance of caution and because our customers deserve nothing less,” the company said in a statement. Halvorsen declined to comment on how many workers had been sent home.

The company, founded in 1948 by Norwegian immigrants, employs about 520 people in Oslovik and is the town's largest private employer.

Brightmart Group, which owns the Brightmart and FreshWay supermarket chains, said on its website that it had pulled the pesto from all 340 of its stores and would refund customers who returned jars, with or without a receipt.

Dr. Ingrid Solheim, an infectious disease specialist at Lake Country Medical Center, said pregnant women, older adults and people with weakened immune systems faced the greatest risk.

“For most healthy adults, listeria means a bad few days,” Solheim said. “For a pregnant woman, it can mean losing the baby. That's why these recalls matter.”

The Food Safety Authority said it would inspect the Oslovik plant again next week before allowing the line to restart. A second pesto maker that buys basil from the same supplier did not immediately respond to a request for comment.
'''
SPEAKERS = {
    "fsa": {"name": "Food Safety Authority", "aliases": ["the agency", "the state's Food Safety Authority"]},
    "spokesperson": {"name": "A spokesperson for Halvorsen Foods", "aliases": ["Halvorsen Foods", "Halvorsen"]},
    "halvorsen": {"name": "Halvorsen Foods", "aliases": ["the company", "Halvorsen", "A spokesperson for Halvorsen Foods"]},
    "brightmart": {"name": "Brightmart Group", "aliases": ["Brightmart"]},
    "solheim": {"name": "Ingrid Solheim", "aliases": ["Solheim", "Dr. Ingrid Solheim", "Dr. Solheim"]},
}
QUOTES = [
    {
        "content": "Halvorsen Foods is recalling about 180,000 jars of its basil pesto sold in 11 Midwestern states after routine testing at its Oslovik plant found possible listeria contamination",
        "speaker": "fsa",
        "mention": "the state's Food Safety Authority",
        "cue": "Authority [[said]] Friday",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "No illnesses had been confirmed as of Friday afternoon",
        "speaker": "fsa",
        "mention": "[[the agency]] said. It",
        "cue": "the agency [[said]]. It",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "listeria infections can take up to 10 weeks to cause symptoms",
        "speaker": "fsa",
        "mention": "[[It]] warned",
        "cue": "warned",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "anyone who became ill after eating the pesto to contact a doctor",
        "speaker": "fsa",
        "mention": "[[It]] warned",
        "cue": "urged",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "the contamination was found in a single production line, which has been shut down and is being cleaned",
        "speaker": "spokesperson",
        "mention": "A spokesperson for Halvorsen Foods",
        "cue": "Foods [[said]] the contamination",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "We are taking this step out of an abundance of caution and because our customers deserve nothing less",
        "speaker": "halvorsen",
        "mention": "[[the company]] said in a statement",
        "cue": "company [[said in a statement]]",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "it had pulled the pesto from all 340 of its stores and would refund customers who returned jars, with or without a receipt",
        "speaker": "brightmart",
        "mention": "[[Brightmart Group]], which owns",
        "cue": "said on its website",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "pregnant women, older adults and people with weakened immune systems faced the greatest risk",
        "speaker": "solheim",
        "mention": "Dr. Ingrid Solheim",
        "cue": "Center, [[said]] pregnant",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["For most healthy adults, listeria means a bad few days", "For a pregnant woman, it can mean losing the baby. That's why these recalls matter."],
        "speaker": "solheim",
        "mention": "[[Solheim]] said. “For a",
        "cue": "Solheim [[said]]. “For a",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "it would inspect the Oslovik plant again next week before allowing the line to restart",
        "speaker": "fsa",
        "mention": "[[The Food Safety Authority]] said it would",
        "cue": "Authority [[said]] it would",
        "type": "indirect",
        "stance": None,
    },
]
