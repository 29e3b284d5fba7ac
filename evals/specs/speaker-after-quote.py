ID = "speaker-after-quote"
NOTES = (
    "Hard case: the quote comes before its speaker is named. The article opens with a quote "
    "whose attribution is in the NEXT paragraph ('That was how Coach Bernadette Quaye summed "
    "up ...': cue 'summed up', speaker span in the next paragraph); inverted attributions "
    "('said Dr. Omar Haddad, the team physician'); a speaker known only by a first name "
    "('a woman in a red coat who gave only her first name, Marisol': the fullest name is "
    "'Marisol', the description an alias); a description at the attribution ('said the senior') "
    "resolved to the name given two sentences earlier (Jalen Brooks). The account of the game "
    "and the score are the reporter's, not quotes."
)
KEY_FACTS = [
    "The Harwick High girls' basketball team lost the state final to Crestmoor 58-55.",
    "It was Harwick's first trip to the final since 1994.",
    "Coach Bernadette Quaye will return next season.",
]
TEXT = '''Harwick falls short in state final, but a town comes home proud

“We didn't lose that game. We ran out of time to win it.”

That was how Coach Bernadette Quaye summed up Harwick High's 58-55 loss to Crestmoor in the Class 3A girls' basketball final on Saturday night, the school's first appearance in a state final since 1994.

Harwick trailed by 14 points at halftime and took the lead with two minutes left on a three-pointer by sophomore Keisha Moore, before Crestmoor scored the last five points.

“I looked up at the clock and there were nine seconds left and nobody was guarding me,” said Moore, who finished with 21 points. “So I shot it. It just didn't go in.”

The team's captain, senior Jalen Brooks, played the second half with a heavily taped ankle. “She should not have been on the floor,” said Dr. Omar Haddad, the team physician, who cleared her to play after a sideline examination. “But she was going to be on the floor whether I liked it or not.”

Brooks laughed when asked about the ankle. “It's fine,” said the senior. “Ask me again on Monday.”

More than 600 people from Harwick, a town of about 4,000, made the three-hour drive to the arena in Lansford. Several dozen waited outside the team hotel after midnight.

“These girls gave this town something to talk about besides the plant closing,” said a woman in a red coat who gave only her first name, Marisol. “That's worth more than a trophy.”

Quaye, who has coached at Harwick for 11 seasons, said she would be back next year. All but two of her players are returning.

“Crestmoor was the better team tonight,” she said. “Next year we intend to be the better team for a whole game.”
'''
SPEAKERS = {
    "quaye": {"name": "Bernadette Quaye", "aliases": ["Quaye", "Coach Bernadette Quaye", "Coach Quaye"]},
    "moore": {"name": "Keisha Moore", "aliases": ["Moore"]},
    "haddad": {"name": "Omar Haddad", "aliases": ["Dr. Omar Haddad", "Haddad", "Dr. Haddad", "the team physician"]},
    "brooks": {"name": "Jalen Brooks", "aliases": ["Brooks", "the senior", "The team's captain"]},
    "marisol": {"name": "Marisol", "aliases": ["a woman in a red coat"]},
}
QUOTES = [
    {
        "content": "We didn't lose that game. We ran out of time to win it.",
        "speaker": "quaye",
        "mention": "Coach Bernadette Quaye",
        "cue": "summed up",
        "type": "direct",
        "stance": None,
    },
    {
        "content": ["I looked up at the clock and there were nine seconds left and nobody was guarding me", "So I shot it. It just didn't go in."],
        "speaker": "moore",
        "mention": "said [[Moore]], who finished",
        "cue": "[[said]] Moore, who finished",
        "type": "direct",
        "stance": None,
    },
    {
        "content": ["She should not have been on the floor", "But she was going to be on the floor whether I liked it or not."],
        "speaker": "haddad",
        "mention": "Dr. Omar Haddad",
        "cue": "[[said]] Dr. Omar Haddad",
        "type": "direct",
        "stance": None,
    },
    {
        "content": ["It's fine", "Ask me again on Monday."],
        "speaker": "brooks",
        "mention": "said [[the senior]]",
        "cue": "[[said]] the senior",
        "type": "direct",
        "stance": None,
    },
    {
        "content": ["These girls gave this town something to talk about besides the plant closing", "That's worth more than a trophy."],
        "speaker": "marisol",
        "mention": "a woman in a red coat who gave only her first name, Marisol",
        "cue": "[[said]] a woman in a red coat",
        "type": "direct",
        "stance": None,
    },
    {
        "content": "she would be back next year",
        "speaker": "quaye",
        "mention": "[[Quaye]], who has coached",
        "cue": "seasons, [[said]] she",
        "type": "indirect",
        "stance": None,
    },
    {
        "content": ["Crestmoor was the better team tonight", "Next year we intend to be the better team for a whole game."],
        "speaker": "quaye",
        "mention": "[[she]] said. “Next",
        "cue": "she [[said]]. “Next",
        "type": "direct",
        "stance": None,
    },
]
