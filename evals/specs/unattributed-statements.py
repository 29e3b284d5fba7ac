ID = "unattributed-statements"
NOTES = (
    "Hard case: quotation marks and quote-like sentences that are NOT attributed statements "
    "and have no gold quote: scare quotes (the “smart” meters, the “temporary” fence), a "
    "nickname (“the Toaster”), titles of works (the documentary “Wires in the Walls”, the "
    "report “Metering the Future”, the song \"Blue Ridge Morning\"), a word cited as a word "
    "(the word “opt-out”), a rhetorical question and the reporter's own factual claims and "
    "characterisations ('privacy worries' in the headline is the reporter's framing, not an "
    "attributed statement). Only the four real attributions are gold: the utility "
    "spokesman's direct quote and his indirect follow-up, the resident's indirect and direct "
    "quotes. The contract's terms are described by the reporter, not attributed."
)
KEY_FACTS = [
    "Ridgefield Municipal Utilities has begun replacing 18,000 household electricity meters with digital ones.",
    "Residents can opt out for a monthly fee of $12.",
    "The utility says the meters record only total hourly use.",
]
TEXT = '''Ridgefield utility begins meter swap amid privacy worries

RIDGEFIELD, N.C. — Crews from Ridgefield Municipal Utilities began replacing the city's 18,000 household electricity meters this week with digital models that report usage every hour, the first change to the city's metering since 1987.

The new “smart” meters send readings over a radio network to the utility's offices on Foundry Street, a squat brick building known around town as “the Toaster.” They replace dial meters that a worker had to read in person once a month.

The swap has been contentious. Last spring a local filmmaker released the documentary “Wires in the Walls,” which has been shown twice at the public library, and a petition against the meters gathered about 1,100 signatures. The utility's own 40-page report on the project, titled “Metering the Future,” does not mention privacy at all.

Customers who do not want a digital meter can keep their old one for a monthly fee of $12. The word “opt-out” appears 14 times in the contract the city council approved in January, but nowhere on the notice mailed to customers in March.

Who will see the hourly data? The contract gives the utility ownership of the readings and allows it to share them with contractors.

“The meters record how much electricity a household uses each hour, and nothing else,” said Jerome Addington, a spokesman for the utility. He said the data would be kept for two years and would never be sold.

Near the utility's new equipment yard, behind a “temporary” chain-link fence that has stood since 2015, a bluegrass band rehearsed "Blue Ridge Morning" on Tuesday afternoon as crews loaded meters into vans.

Marjorie Tull, a retired schoolteacher who signed the petition, said she would pay the fee.

“Twelve dollars a month is a lot of money to be left alone,” she said. “But I'd rather pay it than wonder.”

Installation is scheduled to finish by October.
'''
SPEAKERS = {
    "addington": {"name": "Jerome Addington", "aliases": ["Addington"]},
    "tull": {"name": "Marjorie Tull", "aliases": ["Tull"]},
}
QUOTES = [
    {
        "content": "The meters record how much electricity a household uses each hour, and nothing else",
        "speaker": "addington",
        "mention": "Jerome Addington",
        "cue": "[[said]] Jerome Addington",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "the data would be kept for two years and would never be sold",
        "speaker": "addington",
        "mention": "[[He]] said the data",
        "cue": "He [[said]] the data",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": "she would pay the fee",
        "speaker": "tull",
        "mention": "Marjorie Tull",
        "cue": "petition, [[said]] she",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["Twelve dollars a month is a lot of money to be left alone", "But I'd rather pay it than wonder."],
        "speaker": "tull",
        "mention": "[[she]] said. “But",
        "cue": "she [[said]]. “But",
        "type": "direct",
        "stance": None,
    },
]
