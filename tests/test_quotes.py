"""The claimx_quotes component on press-release style examples written for these tests."""
from __future__ import annotations

import pytest
import spacy

from claimx.patterns import default_patterns_dir
from claimx.quotes import QuoteFinder

QUOTE_MARKS = "“”„«»\"‘’‹›'"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_quotes")
    return nlp


def quotes(nlp, text):
    doc = nlp(text)
    return [(text[f.start:f.end], f.fields["speaker"]) for f in doc._.claimx_found if f.kind == "quote"]


def found(nlp, text):
    return [f for f in nlp(text)._.claimx_found if f.kind == "quote"]


CASES = [
    pytest.param(
        "Ports to get new cranes\n\n“These cranes will cut waiting times at every berth,” said Harbour Minister "
        "Priya Lawson.\n",
        [("These cranes will cut waiting times at every berth,", "Priya Lawson")], id="curly-said-after"),
    pytest.param(
        'Grants announced\n\nRegional Director Tom Okafor said: "We have funded 40 new projects this year."\n',
        [("We have funded 40 new projects this year.", "Tom Okafor")], id="straight-said-colon"),
    pytest.param(
        "Libraries reopen\n\n‘We are delighted to open our doors again,’ said Councillor Ruth Ames.\n",
        [("We are delighted to open our doors again,", "Ruth Ames")], id="uk-single-marks"),
    pytest.param(
        "Budget statement\n\nAnna Kowalski, Secretary for Finance, said: “This budget protects the services "
        "people rely on.\n\n“It also keeps borrowing on a falling path.”\n\nThe budget takes effect in April.\n",
        [("This budget protects the services people rely on.", "Anna Kowalski"),
         ("It also keeps borrowing on a falling path.", "Anna Kowalski")], id="multi-paragraph"),
    pytest.param(
        "Rail upgrade\n\n“The new timetable adds 300 trains a week,” Transport Secretary Lee Brandt said today. "
        "“Passengers will notice the difference from Monday.”\n",
        [("The new timetable adds 300 trains a week,", "Lee Brandt"),
         ("Passengers will notice the difference from Monday.", "Lee Brandt")], id="broken-by-attribution"),
    pytest.param(
        "Hospital funding\n\nHealth Minister Sara Quint said:\n\nThis money will pay for 200 new beds across the "
        "region.\n\nWe will keep investing until every patient is seen on time.\n\nThe funding covers the next "
        "two years.\n",
        [("This money will pay for 200 new beds across the region.", "Sara Quint"),
         ("We will keep investing until every patient is seen on time.", "Sara Quint")], id="said-colon-block"),
    pytest.param(
        "Flood defences\n\nProfessor Dana Whitfield leads the review panel.\n\n“Our rivers need room to spread,” "
        "Professor Whitfield said.\n",
        [("Our rivers need room to spread,", "Dana Whitfield")], id="title-surname-resolved"),
    pytest.param(
        "Skills plan\n\nThe plan was launched by the Education Secretary, Maria Chen, on Monday.\n\n"
        "The Education Secretary said: “Every young person deserves a good apprenticeship.”\n",
        [("Every young person deserves a good apprenticeship.", "Maria Chen")], id="role-resolved"),
    pytest.param(
        "Energy bills\n\nMinister Joe Harlow opened the new wind farm.\n\n“It will power 80,000 homes,” he "
        "said.\n",
        [("It will power 80,000 homes,", "Joe Harlow")], id="pronoun-resolved"),
    pytest.param(
        "Passport delays\n\n“We are processing applications as quickly as we can,” a Home Office spokesperson "
        "said.\n",
        [("We are processing applications as quickly as we can,", "a Home Office spokesperson")],
        id="unnamed-speaker"),
    pytest.param(
        "Water quality\n\nThe regulator Aquawatch said the results were “deeply disappointing” for bathers.\n",
        [("deeply disappointing", "Aquawatch")], id="partial-quotation"),
    pytest.param(
        "School results\n\n98% of pupils rated their school ‘Excellent’ and the scheme, known as “Bright "
        "Futures”, will grow.\n",
        [], id="scare-quotes-and-names-not-reported"),
    pytest.param(
        "Exports\n\nExports Minister Ann Lee has praised the country’s ‘world-class’ exporters.\n",
        [], id="scare-quote-before-a-noun"),
    pytest.param(
        "Trade figures\n\nExports rose by 4%, according to Chief Economist Helen Marsh, who added: “The rise "
        "is broad-based and likely to last into next year.”\n",
        [("The rise is broad-based and likely to last into next year.", "Helen Marsh")],
        id="added-after-relative-clause"),
    pytest.param(
        "Harbour works\n\nIt’s the council’s busiest year since the 1990s’ boom.\n\n“Work starts in May,” said "
        "Mayor Ben Ode.\n",
        [("Work starts in May,", "Ben Ode")], id="apostrophes-are-not-marks"),
    pytest.param(
        "Census\n\n“The census tells us who we are and how we live,” she said. “Thank you to everyone who "
        "took part.\n\nThe next census is due in 2031.\n",
        [("The census tells us who we are and how we live,", None),
         ("Thank you to everyone who took part.", None)], id="unclosed-last-quote-ends-at-paragraph"),
    pytest.param(
        "Depot opens\n\nIn a statement, the company said: “We are pleased to be part of this scheme.”\n",
        [("We are pleased to be part of this scheme.", "the company")], id="unnamed-lowercase-subject"),
    pytest.param(
        "Depot opens\n\nDeputy Leader Tom Reyes opened the depot.\n\nMr Reyes told the Gazette: “The work "
        "starts in May.”\n",
        [("The work starts in May.", "Tom Reyes")], id="told-the-listener"),
    pytest.param(
        "Depot opens\n\nJane Moore, chief executive of Acme Builders, welcomed the decision.\n\n“This is a "
        "great day for the town and for everyone who has campaigned for a better high street.”\n",
        [("This is a great day for the town and for everyone who has campaigned for a better high street.",
          "Jane Moore")], id="uncued-quote-after-a-named-person"),
    pytest.param(
        "Apprenticeships\n\nProfessor Helen Ward, who chaired the review, said:\n\nThe evidence is clear.\n\n"
        "The review was published in January. It found that completion rates had risen.\n\nFurther "
        "information\n",
        [("The evidence is clear.", "Helen Ward")], id="block-stops-at-third-person-narration"),
    pytest.param(
        "Research\n\nDr Priya Nair, from the University of Leeds, said: “This research will help families.”\n",
        [("This research will help families.", "Priya Nair")], id="aside-between-speaker-and-verb"),
    pytest.param(
        "Research\n\n“It is a good start,” says Amal Haddad of Acme Trust.\n",
        [("It is a good start,", "Amal Haddad")], id="name-of-organisation"),
    pytest.param(
        "Visas\n\n“We will study the plan carefully,” a spokesperson for the Home Office said.\n",
        [("We will study the plan carefully,", "a spokesperson for the Home Office")], id="spokesperson-for"),
    pytest.param(
        "Partnership\n\nSir Alan Price:\n\nWe are delighted with the outcome. It shows what partnership can "
        "do.\n\nNotes to editors\n\nThe scheme was launched in 2019.\n",
        [("We are delighted with the outcome. It shows what partnership can do.", "Alan Price")],
        id="name-colon-block"),
    pytest.param(
        "Buses\n\nBuses Minister Tom Fenwick said the cap had “put money back in people’s pockets” this "
        "year, and that the scheme known as “Fare Deal” would continue.\n",
        [("put money back in people’s pockets", "Tom Fenwick")], id="reported-partial-but-not-a-name"),
    pytest.param(
        "Care review\n\nMinister for Care Ola Banks welcomed the review, calling it ‘an important piece of "
        "work’.\n",
        [("an important piece of work", "Ola Banks")], id="participle-takes-the-main-subject"),
    pytest.param(
        "Trail\n\n‘He told me “never give up”, and I never did,’ said Ruth Kemp.\n",
        [("He told me “never give up”, and I never did,", "Ruth Kemp")], id="nested-quote-stays-inside"),
    pytest.param(
        "Trail\n\n“The trail has changed how we use the river.” – Ahmed Khan, trail volunteer\n",
        [("The trail has changed how we use the river.", "Ahmed Khan")], id="dash-signature"),
    pytest.param(
        "Trust results\n\n“We have had our best year yet,” said Jane Doe, chief executive of Acme Trust.\n\n"
        "The chief executive said: “Our staff made this possible.”\n",
        [("We have had our best year yet,", "Jane Doe"), ("Our staff made this possible.", "Jane Doe")],
        id="lowercase-role-resolved"),
    pytest.param(
        "Pay deal\n\nUnion leader Kate Moss called the offer “fair” and “long overdue” for nurses. The loan "
        "scheme called “Help to Buy” will close.\n",
        [("fair", "Kate Moss"), ("long overdue", "Kate Moss")], id="two-partials-one-sentence-not-a-scheme-name"),
    pytest.param(
        "Pay deal\n\nHealth Secretary Tom Reid told journalists:\n\nWe have listened to nurses and we will pay "
        "them properly.\n\nThe deal takes effect in April.\n",
        [("We have listened to nurses and we will pay them properly.", "Tom Reid")], id="told-journalists-block"),
    pytest.param(
        "Green homes\n\nHousing Minister Jo Bright said:\n\nFamilies told us ‘we need warmer homes now, not "
        "later’ in every survey we ran.\n\nThe scheme opens in May.\n",
        [("Families told us ‘we need warmer homes now, not later’ in every survey we ran.", "Jo Bright")],
        id="quote-inside-unmarked-speech-stays-inside"),
    pytest.param(
        "Grants\n\nBackground Information:\n\nThe scheme was set up in 2010 and we have funded 300 "
        "projects.\n",
        [], id="heading-with-colon-is-not-a-speaker"),
    pytest.param(
        "Transition\n\nCommerce Secretary Carl M. Gomez issued the following statement on the handover: “We "
        "look forward to working with the new team.” More details are online.\n",
        [("We look forward to working with the new team.", "Carl M. Gomez")], id="issued-the-following-statement"),
    pytest.param(
        "Jobs\n\nMinister for Employment Rosa Vane visited a jobcentre in Leeds today.\n\nThe Minister said: "
        "“Every job created is a family with more security.”\n",
        [("Every job created is a family with more security.", "Rosa Vane")], id="role-with-portfolio-resolved"),
    pytest.param(
        "Ferries\n\nThe timetable changes in May. Olga Brandt, Minister of Transport and Chair of the Harbour "
        "Board: “Island crossings will run every hour from the spring.”\n",
        [("Island crossings will run every hour from the spring.", "Olga Brandt")], id="name-and-role-colon-mid-paragraph"),
    pytest.param(
        "Clinics\n\nQuotes\n\n“Rural families should not drive two hours to see a nurse.”\n\n— The Honourable "
        "Lena Fairweather, Minister of Rural Health\n\n“Our nurses are ready to staff the new clinics.”\n\n"
        "— Omar Haddad, President, Prairie Nurses Union\n",
        [("Rural families should not drive two hours to see a nurse.", "Lena Fairweather"),
         ("Our nurses are ready to staff the new clinics.", "Omar Haddad")], id="dash-signature-paragraph"),
    pytest.param(
        "Depot\n\nResidents packed the hall. Their councillor, Cllr Mabel Oduya, said the depot had grown "
        "every year since it opened: “We are not against jobs. We are against lorries outside a primary "
        "school.”\n",
        [("We are not against jobs. We are against lorries outside a primary school.", "Mabel Oduya")],
        id="said-clause-then-colon"),
    pytest.param(
        "Rail\n\nA spokesperson for the Freight Users Group said members would study the timetable. “Each "
        "week a line stays closed costs our members dearly.”\n",
        [("Each week a line stays closed costs our members dearly.", "a spokesperson for the Freight Users Group")],
        id="quote-after-a-sentence-of-reported-speech"),
    pytest.param(
        "Harbour\n\n“The harbour will be dredged by spring,” said Minister Ana Ruiz.\n\nLocal skipper Colm "
        "Devlin welcomed the news. “We have waited ten years for this,” he said. “Good to hear.”\n",
        [("The harbour will be dredged by spring,", "Ana Ruiz"), ("We have waited ten years for this,", "Colm Devlin"),
         ("Good to hear.", "Colm Devlin")], id="pronoun-takes-the-person-named-since-the-last-quotation"),
    pytest.param(
        "Harbour\n\n“The harbour will be dredged by spring,” said Minister Ana Ruiz.\n\nReferring to the Coastal "
        "Renewal Plan, she said: “It is the best plan we have had in a generation of planning.”\n",
        [("The harbour will be dredged by spring,", "Ana Ruiz"),
         ("It is the best plan we have had in a generation of planning.", "Ana Ruiz")],
        id="a-name-after-a-preposition-is-not-the-pronoun"),
    pytest.param(
        "Hearing\n\nThe chair of the panel, Dame Iris Kohl, questioned Piet Anker, director of Delta Water.\n\n"
        "Q31 Chair: When will the reservoir be finished?\n\nPiet Anker: I expect it to open next summer.\n\n"
        "Piet Anker: Costs have risen since then.\n",
        [("When will the reservoir be finished?", "Iris Kohl"), ("I expect it to open next summer.", "Piet Anker"),
         ("Costs have risen since then.", "Piet Anker")], id="transcript-turns"),
    pytest.param(
        "Regions\n\nThe North East and the South West were compared.\n\nNorth East: Employment fell to 70.3%.\n\n"
        "South West: Employment rose to 79.1% after the North East fell.\n",
        [], id="labelled-lines-without-speech-are-not-a-transcript"),
    pytest.param(
        "Award\n\nThe prize went to Piet Anker of Delta Water.\n\nPiet Anker: I am thrilled.\n",
        [], id="one-labelled-line-is-a-caption"),
    pytest.param(
        "Trains\n\nMorwenna Hale, director of the rail users group Trenau Ni, said the plan was “long "
        "overdue”.\n",
        [("long overdue", "Morwenna Hale")], id="role-aside-with-a-lowercase-noun-is-skipped"),
    pytest.param(
        "Clinic\n\nThe new clinic opens on Monday.\n\nNurse consultant Grace Mbeki answered readers' "
        "questions.\n\nQ: How long will I wait?\n\nA: Most people are seen within a week.\n\n"
        "Q: Can I bring my children?\n\nA: Yes, there is a play area by reception.\n",
        [("Most people are seen within a week.", "Grace Mbeki"),
         ("Yes, there is a play area by reception.", "Grace Mbeki")], id="qa-answers-are-the-introduced-person"),
    pytest.param(
        "Guide\n\nHow to apply for the grant.\n\nQ: Who can apply?\n\nA: Any registered charity.\n",
        [], id="qa-without-a-named-person-is-not-speech"),
    pytest.param(
        "Skills\n\nThe Hon. Ruth Calloway MP\nMinister for Skills\n\nMinister Calloway said completion rates "
        "mattered most.\n\n“Only a third of trainees finish, and that has to change,” she said.\n",
        [("Only a third of trainees finish, and that has to change,", "Ruth Calloway")],
        id="pronoun-after-a-titled-surname"),
    pytest.param(
        "Loans\n\n“Costs are the barrier,” said Minister Omar Reyes.\n\nMr Reyes said the fund would grow.\n\n"
        "Ms Ivy Tran, who runs a bakery, said her oven was old. “With the loan we can replace it,” she said.\n",
        [("Costs are the barrier,", "Omar Reyes"), ("With the loan we can replace it,", "Ivy Tran")],
        id="pronoun-prefers-the-person-named-in-its-own-paragraph"),
    pytest.param(
        "Rail\n\nThe report said the timetable was clear. “Fast Track” is its name.\n",
        [], id="title-after-reported-speech-is-not-a-quote"),
    pytest.param(
        "Ports\n\nDr Ines Varga said the big ports had already raised their sea walls but that the smaller "
        "harbours further down the coast were falling behind: “The fishing towns have no engineers.”\n",
        [("The fishing towns have no engineers.", "Ines Varga")], id="colon-after-a-long-reported-clause"),
    pytest.param(
        "Pharmacies\n\nSenator Ray Dunmore, the ranking member of the subcommittee, said the issue crossed party "
        "lines: “Both parties represent those towns.”\n",
        [("Both parties represent those towns.", "Ray Dunmore")], id="determiner-aside-between-name-and-verb"),
    pytest.param(
        "Models\n\nThe Baltic Flood Research Institute said it would share its models.\n\n“Nobody should build "
        "these from scratch,” the institute said in a statement.\n",
        [("Nobody should build these from scratch,", "Baltic Flood Research Institute")],
        id="the-institute-is-the-institute-named-before"),
    pytest.param(
        "Pumps\n\nAccording to Chief Engineer Amina Noor, each pump will serve about 2,000 people and is designed "
        "“to run for twenty years on the sun alone”.\n",
        [("to run for twenty years on the sun alone", "Amina Noor")], id="partial-quote-in-an-according-to-sentence"),
    pytest.param(
        "Review\n\n“Costs fell,” said Hon. Ama Mensah.\n\nProf. Kim Min-jun of Seoul National University, who "
        "chaired the review, said the figures were robust: “We checked every number twice.”\n",
        [("Costs fell,", "Ama Mensah"), ("We checked every number twice.", "Kim Min-jun")],
        id="titled-name-of-an-organisation"),
    pytest.param(
        "Payments\n\n“Farmers have waited long enough,” a spokesperson for the department said.\n",
        [("Farmers have waited long enough,", "a spokesperson for the department")],
        id="unnamed-speaker-of-a-lower-case-organisation"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_quotes_and_speakers(nlp, text, expected):
    assert quotes(nlp, text) == expected


def test_paragraphs_of_one_quotation_share_its_id(nlp):
    text = ("Jo Park said: “First part of the statement is here.\n\n“Second part is here.\n\n"
            "“Third part ends it.”\n")
    items = found(nlp, text)
    assert len(items) == 3
    assert len({f.fields["quote_id"] for f in items}) == 1
    assert all(f.fields["cue"] == "said" for f in items)


def test_role_after_the_name_is_kept(nlp):
    text = "Grant\n\n\"We are thrilled,\" said Maria Lopez, CEO of Riverside Partners.\n"
    (item,) = found(nlp, text)
    assert (item.fields["speaker"], item.fields["speaker_role"]) == ("Maria Lopez", "CEO of Riverside Partners")


def test_a_long_role_after_the_name_is_read_to_the_sentence_end(nlp):
    role = "Executive Vice President for Government Affairs and Rural Health Policy at the National Grocers Association"
    text = f"Grocers\n\n\"Small shops keep towns alive,\" said Dr. Ana Ruiz, PharmD, {role}. \"We back it.\"\n"
    items = found(nlp, text)
    assert [(f.fields["speaker"], f.fields["speaker_role"]) for f in items] == [("Ana Ruiz", role)] * 2


def test_a_surname_written_first_is_not_split_off_into_the_role(nlp):
    text = ("Loans\n\nMinister of State for Trade Goh Mei Xin said: “Small firms need the credit now.”\n\n"
            "Ms Goh said the scheme would open in May.\n")
    (item,) = found(nlp, text)
    assert (item.fields["speaker"], item.fields["speaker_role"]) == ("Goh Mei Xin", "Minister of State for Trade")


def test_role_and_org_are_split_from_the_speaker(nlp):
    text = "Grants\n\n“We welcome the bids,” said Wildlife Trust Director Ian Moss.\n"
    (item,) = found(nlp, text)
    assert item.fields["speaker"] == "Ian Moss"
    assert item.fields["speaker_role"] == "Director"
    assert item.fields["speaker_org"] == "Wildlife Trust"
    assert item.rule.startswith("quote.")


@pytest.mark.parametrize("text", [
    "Stray “ mark here.\n\nJane Doe said: “We are ready.”",
    "Closing first” then “opening last",
    "“\n\n”\n\n“",
    "'''\"\"\"‘’‘’",
    "said:",
    "",
    "Jane Doe said:\n\n",
])
def test_unbalanced_marks_never_raise(nlp, text):
    for f in found(nlp, text):
        assert 0 <= f.start < f.end <= len(text)


def test_unbalanced_mark_keeps_the_rest_of_the_document(nlp):
    text = "A stray “ opens here and never closes.\n\nJane Doe said: “We are ready for winter.”\n"
    assert ("We are ready for winter.", "Jane Doe") in quotes(nlp, text)


def test_to_disk_and_from_disk_round_trip(nlp, tmp_path):
    finder = nlp.get_pipe("claimx_quotes")
    finder.to_disk(tmp_path)
    fresh = QuoteFinder(nlp).from_disk(tmp_path)
    assert fresh.extractor.lexicon.words == finder.extractor.lexicon.words
    shipped = default_patterns_dir() / "quotes" / "people.json"
    assert (tmp_path / "quotes" / "people.json").read_bytes() == shipped.read_bytes()


def test_a_saved_pipeline_loads_with_its_word_lists(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = "Intro\n\n“We are ready for winter,” said Jane Doe.\n"
    assert quotes(loaded, text) == quotes(nlp, text) == [("We are ready for winter,", "Jane Doe")]
