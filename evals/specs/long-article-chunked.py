ID = "long-article-chunked"
LONG = True
NOTES = (
    "Hard case: a long article (about 3,100 words, 17,900 characters, some 4,300 tokens by "
    "the cl100k estimate) that a model with a small context (a 4,096-token window, or a "
    "small chunk budget) cannot take in one request: it must be split into chunks and the "
    "results merged. Speakers introduced early are referred to much "
    "later by surname, pronoun or description ('The former engineer' near the end is Lucía "
    "Ferreira-Banks, introduced in the second paragraph), so attribution must survive the "
    "chunk boundaries. It also mixes most other hard cases: a headline quote ('Former "
    "engineer tells ... her warnings went unheeded': speaker resolved from the body), split "
    "quotes, a three-paragraph quote (Molyneux's opening statement: repeated opening mark, "
    "no close at paragraph end), 'according to' with a person, a timeline and records, "
    "documents as sources ('Records ... show', 'The lawsuit ... alleges'), nested "
    "attributions to a different source (the unnamed vice president inside Ferreira-Banks's "
    "account; the company's call inside Tillery's), organisation speakers and an unnamed "
    "lawyer. Not annotated: attributions with no content clause ('That claim was disputed', "
    "'has denied the allegations', 'declined to say whether ...'), and a speaker's own past "
    "thoughts inside her statement ('feared it would end her career': part of her quote, not "
    "a separate one), and passives with no source ('she was told the repairs would have to "
    "wait', 'I was told to keep watching', 'is expected to testify'). 87 gold quotes."
)
KEY_FACTS = [
    "A former Tamsen Valley Power engineer, Lucía Ferreira-Banks, testified that she warned four times in three years that the Corbin Dam spillway could fail.",
    "The April 9 collapse killed seven people and destroyed or badly damaged about 300 homes in Alder Flats.",
    "Chief executive Victor Anand says he never saw the memos; the company calls the storm a 500-year event, which an independent hydrologist disputes.",
    "The county's flood sirens failed, and 92 minutes passed between operators seeing water through the cracks and the county being told.",
]
TEXT = '''Former engineer tells Corbin Dam inquiry her warnings went unheeded

FORT MERRILL, Idaho — A former safety engineer at the company that ran the Corbin Dam told a state inquiry on Wednesday that she warned her superiors at least four times over three years that the dam's spillway could fail in a major flood, and that each time she was told the repairs would have to wait.

Lucía Ferreira-Banks, who spent nine years as a dam safety engineer at Tamsen Valley Power before resigning in 2022, was the first witness on the third day of public hearings into the April 9 collapse, which sent a wall of water down the Tamsen River and through the town of Alder Flats. Seven people died. About 300 homes were destroyed or damaged beyond repair.

"I put it in writing. I put it in writing four times," Ferreira-Banks said, her voice breaking. "I don't know what else an engineer is supposed to do."

The inquiry, led by retired state Supreme Court Justice Harriet Molyneux, was set up by Gov. Miriam Stahl two weeks after the disaster. It has the power to compel testimony and documents but cannot bring criminal charges. Its final report is due in December.

In her opening statement on Monday, Molyneux told a packed hearing room in the state Capitol annex that the inquiry would not be "a search for a villain."

"Our task is to find out what happened at the Corbin Dam, why it happened, and what must change so that it never happens again," she said. "We will follow the evidence wherever it leads. If it leads to people, we will name them. If it leads to institutions, we will name those too.

"But I ask everyone in this room to remember that we are not a court. We are here for the truth, not for a verdict.

"The families of Alder Flats have waited long enough for answers. They will not wait on us."

A dam built for another century

The Corbin Dam, a 140-foot concrete and earth structure about nine miles upstream of Alder Flats, was completed in 1962 to generate electricity and to hold back the spring floods that had swept the Tamsen valley every few years since the first homesteads. For most of its life it was owned by the state. Tamsen Valley Power, a private utility based in Boise, bought it in 1998, along with two smaller dams farther up the river.

The reservoir behind it, Corbin Lake, became a popular spot for fishing and summer cabins. By this spring, about 1,900 people lived in Alder Flats, many of them in houses built on the old floodplain in the decades after the dam made the valley floor seem safe.

The spillway, the concrete channel that carries excess water around a dam when the reservoir is full, is at the center of the inquiry. When it broke apart on the night of April 9, water began cutting into the earthen embankment beside it. Within an hour, a section of the embankment about 200 feet wide had washed away.

A preliminary forensic report commissioned by the inquiry and released in July concluded that water flowing through cracks in the spillway had been eroding the soil beneath its concrete slabs for years before the collapse. When the April storm filled the reservoir to the brim, the slabs had almost nothing left to rest on.

The warnings

Ferreira-Banks told the inquiry that the concrete spillway had developed cracks large enough to see daylight through from the inspection gallery beneath it. She said she first raised the problem in a memo in March 2019, after a routine inspection, and recommended that the company lower the reservoir by 12 feet until the spillway could be rebuilt.

"Lowering the reservoir would have cost the company money. Less water, less power," she said. "I understood that. I also understood what a failed spillway does."

The memo was one of about 4,000 pages of company documents the inquiry has obtained. According to the inquiry's counsel, Bernard Achterberg, the company's board was never shown any of Ferreira-Banks's four memos.

In her second memo, in January 2020, Ferreira-Banks wrote that the spillway was "in the worst condition of any structure I have inspected in my career." A third memo, in the fall of 2020, included photographs of water seeping through the cracks after a week of rain.

Her fourth and final memo, written in May 2022, was addressed directly to Tamsen Valley Power's chief executive, Victor Anand. It ended with a sentence that Achterberg read aloud to the hearing room. "If this spillway fails during a flood," she wrote, "people downstream will die, and we will have known."

Ferreira-Banks said she received no written reply to any of the four memos. She said a vice president, whom she did not name, told her in a hallway conversation a few weeks later that the spillway was "on the list" and that she should "stop writing memos."

"I took that to mean: stop, or you won't be here much longer," she said. She resigned in September 2022 and now works for an engineering consulting firm in Oregon.

Under questioning by Rosalind Greaves, a lawyer who represents 43 families from Alder Flats, Ferreira-Banks said she had considered going to state regulators but feared it would end her career in the industry.

"I should have gone," she said. "I will regret that I didn't for the rest of my life."

Greaves told reporters afterward that the collapse was "not a natural disaster but a corporate decision."

The company's defense

Victor Anand, who has led Tamsen Valley Power since 2016, testified on Tuesday, the day before Ferreira-Banks. He said he had never seen her memos and learned of them only after the collapse, when the company's lawyers began collecting documents for the inquiry.

"If I had seen those memos, that reservoir would have been lowered the same day," Anand said. "I have asked myself every day since April how they did not reach me."

Anand said the company had spent $31 million on maintenance at the Corbin Dam over the previous decade and that the spillway had passed every state inspection, the most recent in 2021.

That claim was disputed on Wednesday. According to records from the Idaho Department of Water Resources, the 2021 inspection rated the spillway "poor" and gave the company until 2024 to submit a repair plan. The department's dam safety chief, Theodore Nakashima, testified that the company had asked for, and received, two extensions of that deadline.

"We do not have the staff to stand over every dam owner's shoulder," Nakashima said. "We have four engineers for 600 dams. The system relies on owners telling us the truth."

Near the end of his testimony, Nakashima paused for several seconds before answering the question every witness has been asked, whether his own agency bore any of the responsibility. "Yes," he said. "We should have said no to the second extension."

Tamsen Valley Power's lawyer, Gordon Lisle, said in a brief statement outside the hearing room that the company "accepts that mistakes were made" but that the April storm was "a once-in-500-years event that no spillway in this state was designed to survive."

That argument drew a sharp response from Dr. Kwame Asante, a hydrologist at Western Plains University who has studied the Tamsen basin for two decades and was called by the inquiry as an independent expert.

Asante testified that the storm, while severe, was closer to a 1-in-80-year event, and that a spillway in good condition should have handled the flow with room to spare. The rain gauges in the upper basin recorded 6.1 inches in 30 hours, he said, compared with 7.4 inches in the flood of 1964, which the dam survived without damage.

"Calling this a 500-year storm is not science. It's a legal position," Asante said.

Tamsen Valley Power said in a statement on Wednesday evening that it "respects the inquiry's process" and would not comment on individual testimony while the hearings continue.

The night of April 9

Residents of Alder Flats described that night in testimony on Monday, the first day of hearings. Many were in bed when the first emergency alert reached their phones at 11:52 p.m. The water arrived about 25 minutes later, according to the inquiry's timeline.

Earl Pettibone, 71, a retired school bus driver, said he woke to the sound of his neighbor's car horn.

"Ray Dudek sat on that horn until every light on the street came on," Pettibone said. "He saved I don't know how many of us. He didn't save himself."

Dudek, 58, was one of the seven people who died. His body was found two days later, a mile and a half downstream.

Pettibone told the inquiry he carried his wife, who uses a wheelchair, up the stairs to the attic and then through a window onto the roof, where they waited four hours to be rescued by a boat from the county sheriff's office.

"I'm 71 years old. I don't know how I did it," he said. "I think about it every night, and I still don't know."

Hannah Voss, 34, a nurse at the county hospital, testified that the town's flood sirens never sounded.

"I've lived in Alder Flats my whole life. I've heard those sirens tested on the first Wednesday of every month since I was a little girl," she said. "On the one night we needed them, nothing."

Sheriff's Deputy Carla Moreno, who piloted one of the county's two rescue boats, told the inquiry that she and her partner pulled 31 people from rooftops and trees between 1 a.m. and dawn. The current on Main Street, she said, was faster than anything she had seen on the river itself.

"You could hear people calling from every direction, and you had to choose," Moreno said. "I still hear them."

The warning sirens

Why the sirens failed is one of the central questions before the inquiry.

Owen Tillery, the director of the Tamsen County Office of Emergency Management, testified on Tuesday that the sirens were controlled by a radio system that lost power when a substation flooded at about 11:30 p.m., more than 20 minutes before the dam gave way. A backup battery at the control station, he said, had been removed for replacement a week earlier and had not yet been put back.

"That is on me. That is on my office," Tillery said. "I will not sit here and pretend otherwise."

Tillery said his office had sent the phone alert as soon as the company called to report that the spillway was failing, at 11:47 p.m. Records from the company's control room show that operators first saw water coming through the spillway cracks at 10:15 p.m.

That gap of 92 minutes has become the focus of the families' anger. Greaves called it "the hour and a half that killed seven people."

Anand said on Tuesday that the control-room operators had followed the company's emergency plan, which required them to confirm a failure before calling the county. He said the plan had been approved by the state.

Nakashima, recalled briefly on Wednesday afternoon, said the state had approved the plan in 2014 and had not reviewed it since.

Inside the control room

The operator on duty at the dam that night, Wesley Harrower, testified on Tuesday afternoon, his first public comments since the collapse. Harrower, 29, had worked at the Corbin Dam for three years.

He said he noticed water "where water shouldn't be" on a camera trained on the spillway at about 10:15 p.m. and called his supervisor at home, as the emergency plan required.

"I was told to keep watching and to call back if it got worse," Harrower said. "So I kept watching. It got worse."

The supervisor, Glen Oberholtzer, drove to the dam from his home in Alder Flats and arrived at about 11:20 p.m., according to the company's records. Oberholtzer, who has not spoken publicly since April, is expected to testify in September.

Harrower said he asked Oberholtzer twice whether they should call the county. Both times, he said, the answer was to wait until they had seen the spillway with their own eyes.

"By the time we could see it, we could hear it," Harrower said. "It sounded like a freight train that never ended."

Harrower said he had never seen Ferreira-Banks's memos and had not known that anyone considered the spillway a risk until he read about the memos in a newspaper in June.

"Nobody told the people in the control room anything," he said. "We were the last to know, and we were the ones sitting on top of it."

Grief and anger in Alder Flats

At a vigil in Alder Flats on Sunday, the Rev. Samuel Tuck of First Methodist Church read the names of the seven dead: Raymond Dudek, Lillian and Ernest Haugen, Tomás Beltrán, Grace Okoro, Patricia Wendt and Michael Strand. Grace Okoro was 9.

"This town has buried more people in one week than in the rest of the year combined," Tuck told the crowd of about 400. "We are not asking for revenge. We are asking for the truth, and then we are asking that it never happen again."

The Haugens, both in their 80s, had lived in the same house on River Road for 56 years. Their daughter, Karin Haugen-Lisowski, flew in from Minneapolis for the hearings.

"My parents trusted that dam the way you trust the sun to come up," she said outside the hearing room on Monday. "Somebody knew it was broken. I want to know who, and I want to know why they kept quiet."

She said she had not decided whether to join the families' lawsuit against Tamsen Valley Power.

The lawsuit, filed in June in Tamsen County District Court, alleges that the company was grossly negligent in maintaining the dam and seeks unspecified damages. Tamsen Valley Power has denied the allegations in court filings.

Much of Alder Flats is still empty. Of the 300 destroyed or badly damaged homes, fewer than 40 have been cleared for repair. The elementary school, which took in four feet of water, will hold classes this fall in portable buildings on the grounds of a church on higher ground. Main Street's only grocery store has not reopened.

Alder Flats' mayor, Gil Sandoval, said the town had received about $11 million in state and federal aid so far, far short of the roughly $140 million it needs to rebuild roads, water lines and public buildings.

"People are living in campers in their driveways, in their cousins' basements, in motels two counties away," Sandoval said. "Every week that goes by, a few more families decide not to come back."

The Federal Emergency Management Agency has approved individual assistance for 612 households, according to Lena Castillo, a spokeswoman for the agency's regional office in Bothell, Washington. She said the average grant was about $9,400 and that more applications were still being reviewed.

Dominga Reyes-Tate, who has run Reyes Hardware on Main Street since 2004, reopened in August in a rented warehouse out on the highway. She said business was about a third of what it had been before the flood, but that she had no plans to leave.

"My father opened that store. My kids grew up behind that counter," she said. "The water took the building. It doesn't get the store."

Political fallout

Gov. Miriam Stahl, a Republican in her second term, has faced criticism from Democrats in the legislature over the size of the state's dam safety staff, which has shrunk from nine engineers in 2010 to four today.

State Sen. Arturo Villanueva, a Democrat whose district includes Alder Flats, said he would introduce a bill in January to double the dam safety staff and require owners to report spillway defects to the state within 30 days.

"Four engineers for 600 dams is not a dam safety program. It's a prayer," Villanueva said.

A spokesman for Stahl, Cody Brennaman, said the governor would "look seriously at any recommendation the inquiry makes." He noted that she had proposed adding two engineers in this year's budget, before the collapse, and that the legislature had cut the request to one.

The governor's office declined to say whether Stahl would support Villanueva's bill.

The future of the dam

What remains of the Corbin Dam has been drained, and its power plant has been idle since April. Anand told the inquiry that the company intends to rebuild the dam, with a new spillway, within five years.

"The valley needs the flood control and the state needs the power," he said. "Walking away from the Corbin Dam would be the easy choice, not the right one."

That plan has little support in Alder Flats. Pete Lindgren, a retired machinist who helped found the Alder Flats Recovery Coalition, said most of the group's 700 members would rather see the dam removed and the river restored.

"Nobody in this town wants a wall of water hanging over their heads again, no matter who builds it," Lindgren said. "Tamsen Valley Power had its chance."

Nakashima said any new dam would need a new state permit, with public hearings, and that his office would not consider an application until the inquiry had issued its final report.

Removing what is left of the dam would cost an estimated $60 million, according to a study by Western Plains University that Asante helped write. The river, he said, would return to something close to its natural course within a decade.

What comes next

Molyneux said at the close of Wednesday's session that the inquiry would hold two more weeks of hearings in September, when the company's former vice president of operations, Dwight Carrow, and three members of the company's board are scheduled to testify.

Carrow, who left the company in June, has been subpoenaed. His lawyer said Carrow would testify and "answer every question honestly."

Greaves said the families would ask the inquiry to send its findings to the state attorney general, who has the power to bring criminal charges.

"Seven people are dead because somebody decided a memo could wait," Greaves said. "That is not an accident. That is a choice, and choices have consequences."

Ferreira-Banks said after her testimony that she had not spoken to Carrow since she resigned.

The former engineer said she had come back to Idaho for the hearings because she owed it to the people of Alder Flats.

"I didn't know any of them. I know all their names now," she said. "I'll know them for the rest of my life."
'''
SPEAKERS = {
    "fb": {"name": "Lucía Ferreira-Banks", "aliases": ["Ferreira-Banks", "Former engineer", "The former engineer", "Lucia Ferreira-Banks"]},
    "molyneux": {"name": "Harriet Molyneux", "aliases": ["Molyneux", "Justice Harriet Molyneux", "retired state Supreme Court Justice Harriet Molyneux"]},
    "achterberg": {"name": "Bernard Achterberg", "aliases": ["Achterberg", "the inquiry's counsel"]},
    "vp": {"name": "a vice president, whom she did not name", "aliases": ["a vice president"]},
    "greaves": {"name": "Rosalind Greaves", "aliases": ["Greaves"]},
    "anand": {"name": "Victor Anand", "aliases": ["Anand"]},
    "records_idwr": {"name": "records from the Idaho Department of Water Resources", "aliases": ["Idaho Department of Water Resources"]},
    "nakashima": {"name": "Theodore Nakashima", "aliases": ["Nakashima"]},
    "lisle": {"name": "Gordon Lisle", "aliases": ["Lisle", "Tamsen Valley Power's lawyer"]},
    "asante": {"name": "Kwame Asante", "aliases": ["Asante", "Dr. Kwame Asante", "Dr. Asante"]},
    "tvp": {"name": "Tamsen Valley Power", "aliases": ["the company"]},
    "timeline": {"name": "the inquiry's timeline", "aliases": ["the inquiry"]},
    "pettibone": {"name": "Earl Pettibone", "aliases": ["Pettibone"]},
    "voss": {"name": "Hannah Voss", "aliases": ["Voss"]},
    "moreno": {"name": "Carla Moreno", "aliases": ["Moreno", "Sheriff's Deputy Carla Moreno", "Deputy Moreno"]},
    "tillery": {"name": "Owen Tillery", "aliases": ["Tillery"]},
    "records_cr": {"name": "Records from the company's control room", "aliases": ["Records", "control room records"]},
    "tuck": {"name": "Samuel Tuck", "aliases": ["Tuck", "the Rev. Samuel Tuck"]},
    "karin": {"name": "Karin Haugen-Lisowski", "aliases": ["Haugen-Lisowski"]},
    "lawsuit": {"name": "The lawsuit", "aliases": ["the families' lawsuit"]},
    "villanueva": {"name": "Arturo Villanueva", "aliases": ["Villanueva", "State Sen. Arturo Villanueva", "Sen. Villanueva"]},
    "brennaman": {"name": "Cody Brennaman", "aliases": ["Brennaman", "A spokesman for Stahl"]},
    "harrower": {"name": "Wesley Harrower", "aliases": ["Harrower"]},
    "records_co": {"name": "the company's records", "aliases": ["Tamsen Valley Power's records"]},
    "report": {"name": "A preliminary forensic report commissioned by the inquiry", "aliases": ["the forensic report", "a preliminary forensic report"]},
    "sandoval": {"name": "Gil Sandoval", "aliases": ["Sandoval", "Alder Flats' mayor"]},
    "castillo": {"name": "Lena Castillo", "aliases": ["Castillo"]},
    "reyes": {"name": "Dominga Reyes-Tate", "aliases": ["Reyes-Tate"]},
    "lindgren": {"name": "Pete Lindgren", "aliases": ["Lindgren"]},
    "study": {"name": "a study by Western Plains University", "aliases": ["Western Plains University"]},
    "carrowlawyer": {"name": "Dwight Carrow's lawyer", "aliases": ["His lawyer", "Carrow's lawyer"]},
}
Q = []
def q(content, speaker, mention, cue, type_, stance=None):
    Q.append({"content": content, "speaker": speaker, "mention": mention, "cue": cue, "type": type_, "stance": stance})

q("her warnings went unheeded", "fb", "Former engineer", "[[tells]] Corbin Dam inquiry", "indirect")
q("she warned her superiors at least four times over three years that the dam's spillway could fail in a major flood, and that each time she was told the repairs would have to wait",
  "fb", "A former safety engineer at the company that ran the Corbin Dam", "told a state inquiry", "indirect")
q(["I put it in writing. I put it in writing four times", "I don't know what else an engineer is supposed to do."],
  "fb", "[[Ferreira-Banks]] said, her voice", "Ferreira-Banks [[said]], her voice", "direct")
q("the inquiry would not be \"a search for a villain.\"", "molyneux", "[[Molyneux]] told a packed", "told a packed hearing room", "mixed")
q(["Our task is to find out what happened at the Corbin Dam, why it happened, and what must change so that it never happens again",
   "We will follow the evidence wherever it leads. If it leads to people, we will name them. If it leads to institutions, we will name those too.",
   "But I ask everyone in this room to remember that we are not a court. We are here for the truth, not for a verdict.",
   "The families of Alder Flats have waited long enough for answers. They will not wait on us."],
  "molyneux", "again,\" [[she]] said", "again,\" she [[said]]", "direct")
q("the concrete spillway had developed cracks large enough to see daylight through from the inspection gallery beneath it",
  "fb", "[[Ferreira-Banks]] told the inquiry that the concrete", "[[told the inquiry]] that the concrete", "indirect")
q("she first raised the problem in a memo in March 2019, after a routine inspection, and recommended that the company lower the reservoir by 12 feet until the spillway could be rebuilt",
  "fb", "[[She]] said she first", "She [[said]] she first", "indirect")
q(["Lowering the reservoir would have cost the company money. Less water, less power", "I understood that. I also understood what a failed spillway does."],
  "fb", "power,\" [[she]] said", "power,\" she [[said]]", "direct")
q("the company's board was never shown any of Ferreira-Banks's four memos", "achterberg", "the inquiry's counsel, Bernard Achterberg", "According to", "indirect")
q("the spillway was \"in the worst condition of any structure I have inspected in my career.\"", "fb", "2020, [[Ferreira-Banks]] wrote", "2020, Ferreira-Banks [[wrote]]", "mixed")
q(["If this spillway fails during a flood", "people downstream will die, and we will have known."], "fb", "[[she]] wrote, \"people", "she [[wrote]], \"people", "direct")
q("she received no written reply to any of the four memos", "fb", "[[Ferreira-Banks]] said she received", "Ferreira-Banks [[said]] she received", "indirect")
q("a vice president, whom she did not name, told her in a hallway conversation a few weeks later that the spillway was \"on the list\" and that she should \"stop writing memos.\"",
  "fb", "[[She]] said a vice president", "She [[said]] a vice president", "mixed")
q("the spillway was \"on the list\" and that she should \"stop writing memos.\"", "vp", "a vice president, whom she did not name", "[[told her]] in a hallway", "mixed")
q("I took that to mean: stop, or you won't be here much longer", "fb", "longer,\" [[she]] said", "longer,\" she [[said]]", "direct")
q("she had considered going to state regulators but feared it would end her career in the industry", "fb", "Alder Flats, [[Ferreira-Banks]] said", "Alder Flats, Ferreira-Banks [[said]]", "indirect")
q(["I should have gone", "I will regret that I didn't for the rest of my life."], "fb", "gone,\" [[she]] said", "gone,\" she [[said]]", "direct")
q("the collapse was \"not a natural disaster but a corporate decision.\"", "greaves", "[[Greaves]] told reporters afterward", "told reporters afterward", "mixed",
  ("Tamsen Valley Power", "against"))
q("he had never seen her memos and learned of them only after the collapse, when the company's lawyers began collecting documents for the inquiry",
  "anand", "[[He]] said he had never seen", "He [[said]] he had never seen", "indirect")
q(["If I had seen those memos, that reservoir would have been lowered the same day", "I have asked myself every day since April how they did not reach me."],
  "anand", "day,\" [[Anand]] said", "day,\" Anand [[said]]", "direct")
q("the company had spent $31 million on maintenance at the Corbin Dam over the previous decade and that the spillway had passed every state inspection, the most recent in 2021",
  "anand", "[[Anand]] said the company had spent", "Anand [[said]] the company had spent", "indirect")
q("the 2021 inspection rated the spillway \"poor\" and gave the company until 2024 to submit a repair plan", "records_idwr", "records from the Idaho Department of Water Resources",
  "[[According to]] records from the Idaho", "mixed")
q("the company had asked for, and received, two extensions of that deadline", "nakashima", "The department's dam safety chief, Theodore Nakashima", "Nakashima, [[testified]]", "indirect")
q(["We do not have the staff to stand over every dam owner's shoulder", "We have four engineers for 600 dams. The system relies on owners telling us the truth."],
  "nakashima", "shoulder,\" [[Nakashima]] said", "shoulder,\" Nakashima [[said]]", "direct")
q(["Yes", "We should have said no to the second extension."], "nakashima", "\"Yes,\" [[he]] said", "\"Yes,\" he [[said]]", "direct")
q("the company \"accepts that mistakes were made\" but that the April storm was \"a once-in-500-years event that no spillway in this state was designed to survive.\"",
  "lisle", "Tamsen Valley Power's lawyer, Gordon Lisle", "said in a brief statement", "mixed")
q("the storm, while severe, was closer to a 1-in-80-year event, and that a spillway in good condition should have handled the flow with room to spare",
  "asante", "[[Asante]] testified", "Asante [[testified]]", "indirect")
q(["The rain gauges in the upper basin recorded 6.1 inches in 30 hours", "compared with 7.4 inches in the flood of 1964, which the dam survived without damage"],
  "asante", "hours, [[he]] said", "hours, he [[said]]", "indirect")
q("Calling this a 500-year storm is not science. It's a legal position", "asante", "position,\" [[Asante]] said", "position,\" Asante [[said]]", "direct",
  ("the company's claim of a 500-year storm", "against"))
q("it \"respects the inquiry's process\" and would not comment on individual testimony while the hearings continue", "tvp",
  "[[Tamsen Valley Power]] said in a statement on Wednesday evening", "Tamsen Valley Power [[said in a statement]] on Wednesday evening", "mixed")
q("The water arrived about 25 minutes later", "timeline", "the inquiry's timeline", "later, [[according to]] the inquiry's", "indirect")
q("he woke to the sound of his neighbor's car horn", "pettibone", "Earl Pettibone", "driver, [[said]] he woke", "indirect")
q(["Ray Dudek sat on that horn until every light on the street came on", "He saved I don't know how many of us. He didn't save himself."],
  "pettibone", "on,\" [[Pettibone]] said", "on,\" Pettibone [[said]]", "direct")
q("he carried his wife, who uses a wheelchair, up the stairs to the attic and then through a window onto the roof, where they waited four hours to be rescued by a boat from the county sheriff's office",
  "pettibone", "[[Pettibone]] told the inquiry he carried", "Pettibone [[told the inquiry]] he carried", "indirect")
q(["I'm 71 years old. I don't know how I did it", "I think about it every night, and I still don't know."], "pettibone", "it,\" [[he]] said", "it,\" he [[said]]", "direct")
q("the town's flood sirens never sounded", "voss", "Hannah Voss", "hospital, [[testified]]", "indirect")
q(["I've lived in Alder Flats my whole life. I've heard those sirens tested on the first Wednesday of every month since I was a little girl", "On the one night we needed them, nothing."],
  "voss", "girl,\" [[she]] said", "girl,\" she [[said]]", "direct")
q("she and her partner pulled 31 people from rooftops and trees between 1 a.m. and dawn", "moreno", "Sheriff's Deputy Carla Moreno", "boats, [[told the inquiry]]", "indirect")
q(["The current on Main Street", "was faster than anything she had seen on the river itself"], "moreno", "Street, [[she]] said", "Street, she [[said]]", "indirect")
q(["You could hear people calling from every direction, and you had to choose", "I still hear them."], "moreno", "choose,\" [[Moreno]] said", "choose,\" Moreno [[said]]", "direct")
q("the sirens were controlled by a radio system that lost power when a substation flooded at about 11:30 p.m., more than 20 minutes before the dam gave way",
  "tillery", "Owen Tillery", "[[testified]] on Tuesday that the sirens", "indirect")
q(["A backup battery at the control station", "had been removed for replacement a week earlier and had not yet been put back"], "tillery", "station, [[he]] said", "station, he [[said]]", "indirect")
q(["That is on me. That is on my office", "I will not sit here and pretend otherwise."], "tillery", "office,\" [[Tillery]] said", "office,\" Tillery [[said]]", "direct")
q("his office had sent the phone alert as soon as the company called to report that the spillway was failing, at 11:47 p.m.", "tillery",
  "[[Tillery]] said his office", "Tillery [[said]] his office", "indirect")
q("the spillway was failing", "tvp", "as soon as [[the company]] called", "[[called to report]] that the spillway", "indirect")
q("operators first saw water coming through the spillway cracks at 10:15 p.m.", "records_cr", "Records from the company's control room", "room [[show]] that", "indirect")
q("the hour and a half that killed seven people", "greaves", "[[Greaves]] called it", "Greaves [[called]] it", "direct", ("Tamsen Valley Power", "against"))
q("he noticed water \"where water shouldn't be\" on a camera trained on the spillway at about 10:15 p.m. and called his supervisor at home, as the emergency plan required",
  "harrower", "[[He]] said he noticed", "He [[said]] he noticed", "mixed")
q(["I was told to keep watching and to call back if it got worse", "So I kept watching. It got worse."], "harrower", "worse,\" [[Harrower]] said", "worse,\" Harrower [[said]]", "direct")
q("The supervisor, Glen Oberholtzer, drove to the dam from his home in Alder Flats and arrived at about 11:20 p.m.", "records_co", "the company's records", "p.m., [[according to]] the company's records", "indirect")
q("he asked Oberholtzer twice whether they should call the county", "harrower", "[[Harrower]] said he asked", "Harrower [[said]] he asked", "indirect")
q(["Both times", "the answer was to wait until they had seen the spillway with their own eyes"], "harrower", "times, [[he]] said", "times, he [[said]]", "indirect")
q(["By the time we could see it, we could hear it", "It sounded like a freight train that never ended."], "harrower", "hear it,\" [[Harrower]] said", "hear it,\" Harrower [[said]]", "direct")
q("he had never seen Ferreira-Banks's memos and had not known that anyone considered the spillway a risk until he read about the memos in a newspaper in June",
  "harrower", "[[Harrower]] said he had never seen", "Harrower [[said]] he had never seen", "indirect")
q(["Nobody told the people in the control room anything", "We were the last to know, and we were the ones sitting on top of it."], "harrower", "anything,\" [[he]] said", "anything,\" he [[said]]", "direct")
q("the control-room operators had followed the company's emergency plan, which required them to confirm a failure before calling the county", "anand",
  "[[Anand]] said on Tuesday that the control-room", "Anand [[said]] on Tuesday that the control-room", "indirect")
q("the plan had been approved by the state", "anand", "[[He]] said the plan had been approved", "He [[said]] the plan had been approved", "indirect")
q("the state had approved the plan in 2014 and had not reviewed it since", "nakashima", "[[Nakashima]], recalled briefly", "afternoon, [[said]] the state", "indirect")
q(["This town has buried more people in one week than in the rest of the year combined", "We are not asking for revenge. We are asking for the truth, and then we are asking that it never happen again."],
  "tuck", "combined,\" [[Tuck]] told the crowd", "Tuck [[told the crowd]]", "direct")
q(["My parents trusted that dam the way you trust the sun to come up", "Somebody knew it was broken. I want to know who, and I want to know why they kept quiet."],
  "karin", "up,\" [[she]] said outside", "up,\" she [[said]] outside", "direct")
q("she had not decided whether to join the families' lawsuit against Tamsen Valley Power", "karin", "[[She]] said she had not decided", "She [[said]] she had not decided", "indirect")
q("the company was grossly negligent in maintaining the dam and seeks unspecified damages", "lawsuit", "[[The lawsuit]], filed in June", "Court, [[alleges]]", "indirect")
q("water flowing through cracks in the spillway had been eroding the soil beneath its concrete slabs for years before the collapse", "report",
  "A preliminary forensic report commissioned by the inquiry", "concluded", "indirect")
q("the town had received about $11 million in state and federal aid so far, far short of the roughly $140 million it needs to rebuild roads, water lines and public buildings",
  "sandoval", "Alder Flats' mayor, Gil Sandoval", "Sandoval, [[said]] the town", "indirect")
q(["People are living in campers in their driveways, in their cousins' basements, in motels two counties away", "Every week that goes by, a few more families decide not to come back."],
  "sandoval", "away,\" [[Sandoval]] said", "away,\" Sandoval [[said]]", "direct")
q("The Federal Emergency Management Agency has approved individual assistance for 612 households", "castillo",
  "Lena Castillo, a spokeswoman for the agency's regional office in Bothell, Washington", "households, [[according to]] Lena", "indirect")
q("the average grant was about $9,400 and that more applications were still being reviewed", "castillo", "[[She]] said the average", "She [[said]] the average", "indirect")
q("business was about a third of what it had been before the flood, but that she had no plans to leave", "reyes", "[[She]] said business", "She [[said]] business", "indirect")
q(["My father opened that store. My kids grew up behind that counter", "The water took the building. It doesn't get the store."], "reyes",
  "counter,\" [[she]] said", "counter,\" she [[said]]", "direct")
q("he would introduce a bill in January to double the dam safety staff and require owners to report spillway defects to the state within 30 days", "villanueva",
  "State Sen. Arturo Villanueva", "Flats, [[said]] he would introduce", "indirect")
q("Four engineers for 600 dams is not a dam safety program. It's a prayer", "villanueva", "prayer,\" [[Villanueva]] said", "prayer,\" Villanueva [[said]]", "direct",
  ("the state's dam safety program", "against"))
q("the governor would \"look seriously at any recommendation the inquiry makes.\"", "brennaman", "A spokesman for Stahl, Cody Brennaman", "Brennaman, [[said]] the governor", "mixed")
q("she had proposed adding two engineers in this year's budget, before the collapse, and that the legislature had cut the request to one", "brennaman", "[[He]] noted", "noted", "indirect")
q("the company intends to rebuild the dam, with a new spillway, within five years", "anand", "[[Anand]] told the inquiry that the company intends",
  "Anand [[told the inquiry]] that the company intends", "indirect", ("rebuilding the Corbin Dam", "favor"))
q(["The valley needs the flood control and the state needs the power", "Walking away from the Corbin Dam would be the easy choice, not the right one."], "anand",
  "power,\" [[he]] said", "power,\" he [[said]]", "direct", ("rebuilding the Corbin Dam", "favor"))
q("most of the group's 700 members would rather see the dam removed and the river restored", "lindgren", "Pete Lindgren", "Coalition, [[said]] most", "indirect",
  ("rebuilding the Corbin Dam", "against"))
q(["Nobody in this town wants a wall of water hanging over their heads again, no matter who builds it", "Tamsen Valley Power had its chance."], "lindgren",
  "it,\" [[Lindgren]] said", "it,\" Lindgren [[said]]", "direct", ("rebuilding the Corbin Dam", "against"))
q("any new dam would need a new state permit, with public hearings, and that his office would not consider an application until the inquiry had issued its final report",
  "nakashima", "[[Nakashima]] said any new dam", "Nakashima [[said]] any new dam", "indirect")
q("Removing what is left of the dam would cost an estimated $60 million", "study", "a study by Western Plains University that Asante helped write",
  "[[according to]] a study by Western", "indirect")
q(["The river", "would return to something close to its natural course within a decade"], "asante", "river, [[he]] said", "river, he [[said]]", "indirect")
q("the inquiry would hold two more weeks of hearings in September, when the company's former vice president of operations, Dwight Carrow, and three members of the company's board are scheduled to testify",
  "molyneux", "[[Molyneux]] said at the close", "Molyneux [[said]] at the close", "indirect")
q("Carrow would testify and \"answer every question honestly.\"", "carrowlawyer", "[[His lawyer]] said Carrow", "His lawyer [[said]] Carrow", "mixed")
q("the families would ask the inquiry to send its findings to the state attorney general, who has the power to bring criminal charges", "greaves",
  "[[Greaves]] said the families", "Greaves [[said]] the families", "indirect")
q(["Seven people are dead because somebody decided a memo could wait", "That is not an accident. That is a choice, and choices have consequences."], "greaves",
  "wait,\" [[Greaves]] said", "wait,\" Greaves [[said]]", "direct", ("Tamsen Valley Power", "against"))
q("she had not spoken to Carrow since she resigned", "fb", "[[Ferreira-Banks]] said after her testimony", "Ferreira-Banks [[said]] after her testimony", "indirect")
q("she had come back to Idaho for the hearings because she owed it to the people of Alder Flats", "fb", "The former engineer", "engineer [[said]] she had come back", "indirect")
q(["I didn't know any of them. I know all their names now", "I'll know them for the rest of my life."], "fb", "now,\" [[she]] said", "now,\" she [[said]]", "direct")
QUOTES = Q
