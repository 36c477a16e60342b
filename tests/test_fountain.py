"""Each Fountain element becomes what a reader of the screenplay expects."""
import pytest
from videogen.script import parse_script
from videogen.words import looks, read_scene

def fountain(text, **kw):
    return parse_script(text, "fountain", **kw)

def test_title_page_sets_title_and_is_not_content():
    sb = fountain("Title: Big Fish\nAuthor: A. Writer\nContact:\n    1 Main St\n    Town\n\nINT. HOUSE - DAY\n\nA house.\n")
    assert sb.title == "Big Fish"
    assert sb.source["title_page"] == {"title": "Big Fish", "author": "A. Writer", "contact": "1 Main St Town"}
    assert [s.heading for s in sb.scenes] == ["INT. HOUSE - DAY"]

def test_title_page_values_lose_their_emphasis_marks():
    sb = fountain("Title: _The_ **Big** *Day*\nCredit: *written by*\nAuthor:\n    **A. Writer**\n    \\*and friend\\*\n\nINT. HOUSE - DAY\n\nA house.\n")
    assert sb.title == "The Big Day"
    assert sb.source["title_page"] == {"title": "The Big Day", "credit": "written by", "author": "A. Writer *and friend*"}

@pytest.mark.parametrize("heading,setting,location,time", [
    ("INT. HOUSE - DAY", "INT", "HOUSE", "DAY"),
    ("EXT. BEACH - NIGHT", "EXT", "BEACH", "NIGHT"),
    ("INT./EXT. CAR - DUSK", "INT/EXT", "CAR", "DUSK"),
    ("I/E CAR - MORNING", "INT/EXT", "CAR", "MORNING"),
    ("EST. CITY - DAWN", "EXT", "CITY", "DAWN"),
    ("int. lower case kitchen - night", "INT", "LOWER CASE KITCHEN", "NIGHT"),
    (".SNOWY FIELD", None, "SNOWY FIELD", None),
])
def test_scene_headings(heading, setting, location, time):
    sc = fountain(f"{heading}\n\nSomething happens.\n").scenes[0]
    assert (sc.setting, sc.location, sc.time_of_day) == (setting, location, time)

def test_scene_numbers_are_dropped_from_headings():
    assert fountain("INT. HOUSE - DAY #1A#\n\nA house.\n").scenes[0].heading == "INT. HOUSE - DAY"

def test_one_scene_per_heading_plus_one_leading_scene():
    sb = fountain("FADE IN:\n\nA cold open.\n\nINT. A - DAY\n\nOne.\n\nEXT. B - DAY\n\nTwo.\n")
    assert [s.id for s in sb.scenes] == ["opening", "int-a-day", "ext-b-day"]
    assert sb.scenes[0].action == "A cold open."
    only_fade_in = fountain("FADE IN:\n\nINT. A - DAY\n\nOne.\n")
    assert [s.id for s in only_fade_in.scenes] == ["int-a-day"]

def test_repeated_headings_get_distinct_stable_ids():
    sb = fountain("INT. A - DAY\n\nOne.\n\nINT. A - DAY\n\nTwo.\n")
    assert [s.id for s in sb.scenes] == ["int-a-day", "int-a-day-2"]
    assert sb.scenes[0].seed == sb.scenes[1].seed # the same place, the same set; by night too, another place not
    other = fountain("INT. A - DAY\n\nOne.\n\nINT. B - DAY\n\nTwo.\n\nINT. A - NIGHT\n\nThree.\n")
    assert other.scenes[0].seed == other.scenes[2].seed != other.scenes[1].seed

def test_action_paragraphs_and_forced_action():
    sb = fountain("INT. A - DAY\n\nFirst paragraph\nsame paragraph.\n\n!LOUD FORCED ACTION\n")
    assert sb.scenes[0].action == "First paragraph\nsame paragraph.\n\nLOUD FORCED ACTION"
    assert sb.characters == []

@pytest.mark.parametrize("cue,ext", [("BOB", None), ("BOB (V.O.)", "V.O."), ("BOB (O.S.)", "O.S."),
                                     ("BOB (CONT'D)", None), ("BOB (O.S.) (CONT'D)", "O.S."), ("@bob", None)])
def test_character_extensions_fold_to_one_character(cue, ext):
    sb = fountain(f"INT. A - DAY\n\nBOB\nHello.\n\n{cue}\nAgain.\n")
    assert [c.id for c in sb.characters] == ["bob"]
    assert [l.extension for l in sb.scenes[0].lines] == [None, ext]

def test_offscreen_speakers_are_not_in_frame():
    sb = fountain("INT. A - DAY\n\nANN\nHi.\n\nBOB (O.S.)\nHello from the hall.\n")
    assert sb.scenes[0].characters == ["ann"]

def test_parentheticals_and_emotion():
    sb = fountain("INT. A - DAY\n\nANN\n(angrily)\nGet out.\n(beat)\nNow.\n")
    ls = sb.scenes[0].lines
    assert [(l.text, l.parenthetical, l.emotion) for l in ls] == [("Get out.", "angrily", "angry"), ("Now.", "beat", None)]

def test_dual_dialogue():
    sb = fountain("INT. A - DAY\n\nANN\nStop!\n\nBOB ^\nStop!\n")
    assert [(l.character, l.dual) for l in sb.scenes[0].lines] == [("ann", False), ("bob", True)]

@pytest.mark.parametrize("line,kind,duration", [("CUT TO:", "cut", 0.0), ("DISSOLVE TO:", "dissolve", 1.0),
                                                ("SMASH CUT TO:", "cut", 0.0), ("FADE TO:", "fade", 1.0),
                                                ("> WIPE TO:", "wipe", 0.75), ("FADE OUT.", "fade", 1.0)])
def test_transitions_end_the_scene_they_follow(line, kind, duration):
    sb = fountain(f"INT. A - DAY\n\nOne.\n\n{line}\n\nINT. B - DAY\n\nTwo.\n")
    assert (sb.scenes[0].transition.kind, sb.scenes[0].transition.duration) == (kind, duration)
    assert sb.scenes[0].action == "One."

def test_notes_boneyard_sections_synopses_and_page_breaks_are_not_content():
    text = ("# ACT ONE\n\n= The setup.\n\nINT. A - DAY\n\n= Synopsis of the scene.\n\nKept [[a note]] text.\n\n"
            "[[A note\n\nspanning paragraphs]]\n\n/* a whole\n\nCUT SCENE\n\nBOB\nGone. */\n\n===\n\nANN\nStill here.\n")
    sb = fountain(text)
    assert [s.heading for s in sb.scenes] == ["INT. A - DAY"]
    assert sb.scenes[0].action == "Kept  text."
    assert [(l.character, l.text) for l in sb.scenes[0].lines] == [("ann", "Still here.")]
    assert [c.id for c in sb.characters] == ["ann"]

def test_line_numbers_survive_boneyard_and_notes():
    sb = fountain("/* one\ntwo\nthree */\n\n[[x\ny]]\n\nINT. A - DAY\n\nBOB\nHi.\n")
    assert sb.scenes[0].source_line == 8

def test_centered_text_is_a_card():
    sc = fountain("INT. A - DAY\n\nA room.\n\n> THE END <\n").scenes[0]
    assert (sc.action, [(s.kind, s.text) for s in sc.supers]) == ("A room.", [("card", "THE END")])

def test_emphasis_markup_is_removed():
    sb = fountain("INT. A - DAY\n\nShe is *very* **angry** and _late_.\n")
    assert sb.scenes[0].action == "She is very angry and late."

def test_character_description_from_introduction():
    sb = fountain("INT. A - DAY\n\nA room. ANN WEST (40s, red scarf) paces.\n\nANN\nWell?\n")
    assert sb.character("ann").description == "ANN WEST (40s, red scarf) paces."
    assert "Ann (40s, red scarf)" in sb.scenes[0].image_prompt

def test_styles_change_prompts():
    from videogen.core import RenderSettings
    base = fountain("INT. A - DAY\n\nA room.\n")
    noir = fountain("INT. A - DAY\n\nA room.\n", settings=RenderSettings(style="noir"))
    assert noir.scenes[0].image_prompt.startswith("film noir still") and noir.scenes[0].image_prompt != base.scenes[0].image_prompt
    from videogen.models import scene_prompt
    assert "color" in scene_prompt(noir.scenes[0], noir, "noir")[1] and not noir.scenes[0].negative_prompt

def test_windows_line_endings_and_bom_parse():
    text = "\ufeffINT. A - DAY\r\n\r\nANN\r\nHi.\r\n".encode("utf-8")
    sb = parse_script(text)
    assert sb.source["format"] == "fountain" and sb.scenes[0].lines[0].text == "Hi."

def test_a_heading_with_its_action_right_under_it_is_a_heading():
    sb = fountain("EXT. STREET - DAY\n\nA car.\n\nINT. HOUSE - DAY\nA room. Ann sits.\n\nANN\nHi.\n\nFLASHBACK - EXT. PARK - DAY\nRay laughs.\n")
    assert [(s.heading, s.action, s.source_line) for s in sb.scenes] == [
        ("EXT. STREET - DAY", "A car.", 1), ("INT. HOUSE - DAY", "A room. Ann sits.", 5), ("FLASHBACK - EXT. PARK - DAY", "Ray laughs.", 11)]
    assert [c.name for c in sb.characters] == ["Ann"] # the heading is no one


def test_lyrics_are_sung_and_not_their_marks():
    "Fountain's `~` lyrics: under a cue, the character sings them; alone, they are what is heard, written without their marks."
    sb = parse_script("INT. BAR - NIGHT\n\nThe band plays.\n\nMAYA\n~Fly me to the moon\n~Let me play among the stars\n\nTHEO\nBravo.\n\n"
                      "~And let me see what spring is like\n")
    assert [(l.character, l.text, l.parenthetical) for l in sb.scenes[0].lines] == [
        ("maya", "Fly me to the moon Let me play among the stars", "singing"), ("theo", "Bravo.", None)]
    assert sb.scenes[0].action == "The band plays.\n\nAnd let me see what spring is like"

def test_someone_brought_in_who_never_speaks_is_drawn_where_they_are():
    "`JO (30s) sleeps`, `A bride, NORA, walks`: in the cast and in the scenes that name them, as those who speak are; not the phone, the sirens, nor a speaker named in full; and never at the cost of one who speaks when the cast is full."
    from videogen.core import Limits
    text = ("INT. CAR - NIGHT\n\nRain. SAM drives; JO (30s) sleeps in the passenger seat. The PHONE buzzes. SIRENS wail.\n\nSAM\nAlmost home.\n\n"
            "EXT. CHURCH - DAY\n\nA bride, NORA, walks up the steps. MAYA REYES smiles at her.\n\nMAYA\nWait!\n\nINT. CAR - LATER\n\nJo wakes.\n\nSAM\nHome.\n")
    sb = fountain(text)
    assert [c.id for c in sb.characters] == ["jo", "sam", "nora", "maya"]
    assert [s.characters for s in sb.scenes] == [["sam", "jo"], ["maya", "nora"], ["sam", "jo"]]
    assert next(c for c in sb.characters if c.id == "jo").traits.age == 35
    full = fountain(text, limits=Limits(max_characters=3))
    assert [c.id for c in full.characters] == ["jo", "sam", "maya"] # the speakers first, then the first of the silent while there is room

def test_a_name_inside_a_longer_name_is_not_its_mention():
    "Who a scene shows is who its action names: `Mary-Jane` names Mary-Jane, not Mary; `Mary` names Mary (and `MAYA` of `MAYA REYES` names her)."
    text = ("INT. KITCHEN - DAY\n\nMary-Jane waves from the door.\n\nANN\nHi.\n\n"
            "INT. HALL - DAY\n\nMary waits, and Maya with her.\n\nANN\nHi again.\n\n"
            "INT. ROOF - NIGHT\n\nNobody.\n\nMARY\nHello.\n\nMARY-JANE\nHey.\n\nMAYA REYES\nYo.\n")
    sb = fountain(text)
    seen = {s.heading.split(" - ")[0]: set(s.characters) for s in sb.scenes}
    assert seen["INT. KITCHEN"] == {"ann", "mary-jane"}
    assert seen["INT. HALL"] == {"ann", "mary", "maya-reyes"}

def test_she_doing_something_in_a_clause_brings_her_in():
    "A scene that names no one but says `and she pours two cups` shows the last one seen who is she; `the wall she painted` and `as he said` bring no one."
    sb = fountain("INT. HALL - DAY\n\nANNA waits. She smiles. TOM sits. He yawns.\n\nANNA\nHello.\n\nTOM\nHi.\n\n"
                  "INT. KITCHEN - DAY\n\nThe kettle boils, and she pours two cups.\n\n"
                  "INT. GARDEN - DAY\n\nThe rain falls on the wall she painted.\n\n"
                  "EXT. ROOF - DAY\n\nBirds. As he said, the view is fine.\n")
    assert [s.characters for s in sb.scenes] == [["anna", "tom"], ["anna"], [], []]

def test_a_name_that_is_also_a_word_is_named_only_as_a_name():
    "WILL, MARK and ROSE are seen where the action names them, not where it says `will`, `to mark` or `a rose`; `the waitress` and `the thin red fox` still name theirs, and a script typed all in lower case names in lower case."
    text = ("INT. KITCHEN - DAY\n\nWILL and MARK argue. ROSE reads. A WAITRESS pours.\n\nWILL\nNo.\n\nMARK\nYes.\n\nROSE\nStop.\n\nWAITRESS\nMore?\n\n"
            "INT. GARDEN - DAY\n\nThe gardener will mark each bed. A rose blooms, and the wind will not stop.\n\n"
            "INT. HALL - DAY\n\nThe waitress waits with Mark.\n")
    sb = fountain(text)
    assert [set(s.characters) for s in sb.scenes] == [{"will", "mark", "rose", "waitress"}, set(), {"waitress", "mark"}]
    story = parse_script('Will and Mark had argued all morning.\n\n"You never listen," Will said.\n\n"I do," said Mark.\n\n'
                         "Later, in the garden, the old gardener began to mark each bed. It will rain soon.\n")
    assert [s.characters for s in story.scenes] == [["will", "mark"], []]
    lower = parse_script("int. hall - day\n\nwill waits by the door.\n\nwill: hello.\nann: hi.\n\nint. roof - night\n\nwill looks out.\n")
    assert [s.characters for s in lower.scenes] == [["will", "ann"], ["will"]]

def test_a_title_or_an_initial_ends_no_sentence():
    "`DR. O'BRIEN (50s) leans in.` introduces Dr. O'Brien whole, and the prompt's first two sentences are two sentences, not `DR.` and half of one."
    sb = fountain("INT. LAB - NIGHT\n\nDR. O'BRIEN (50s, tired) leans over a desk. J. R. HOLT waits. A radio hums.\n\n"
                  "DR. O'BRIEN\nWell?\n\nJ. R. HOLT\nNothing.\n")
    assert sb.character("dr-o-brien").description == "DR. O'BRIEN (50s, tired) leans over a desk."
    assert sb.character("j-r-holt").description == "J. R. HOLT waits."
    assert "leans over a desk. J. R. HOLT waits., " in sb.scenes[0].image_prompt

def test_an_intercut_shows_each_speaker_where_they_are():
    "A phone call `INTERCUT - LENA / MARCUS`: each line is seen where its speaker was last, cut to the other's place and back; action naming one of them goes where they are; a new heading ends it."
    sb = fountain("INT. APARTMENT - NIGHT\n\nLENA (30s) paces, phone to her ear.\n\nLENA\nPick up.\n\n"
                  "INT. OFFICE - NIGHT\n\nMARCUS (40s) answers his phone.\n\nMARCUS\nLena? It's two in the morning.\n\n"
                  "INTERCUT - LENA / MARCUS\n\nLENA\nI found the letter.\n\nMARCUS\n(quiet)\nWhich letter?\n\nLENA\nYou know which one.\n\n"
                  "She hangs up. Marcus slumps back in his chair.\n\nEXT. STREET - DAWN\n\nLENA\nDone.\n")
    assert [(s.location, s.characters, [l.text for l in s.lines]) for s in sb.scenes] == [
        ("APARTMENT", ["lena"], ["Pick up."]), ("OFFICE", ["marcus"], ["Lena? It's two in the morning."]),
        ("APARTMENT", ["lena"], ["I found the letter."]), ("OFFICE", ["marcus"], ["Which letter?"]),
        ("APARTMENT", ["lena"], ["You know which one."]), ("OFFICE", ["marcus"], []), ("STREET", ["lena"], ["Done."])]
    assert [s.transition.kind for s in sb.scenes[1:6]] == ["cut"] * 5 and sb.scenes[5].action == "Marcus slumps back in his chair."
    assert len({s.id for s in sb.scenes}) == 7 # each shot its own scene, but a place come back to is painted as it was
    assert sb.scenes[2].image_prompt == sb.scenes[4].image_prompt == sb.scenes[0].image_prompt and sb.scenes[3].image_prompt == sb.scenes[1].image_prompt
    assert len({s.seed for s in sb.scenes[:6]}) == 2

def test_lines_said_together_are_each_ones_at_once():
    "`TOM AND ANNA`, `BOTH` and `ALL` say their line together (each one's line, the others `dual`, at the same moment), and no one called Both is drawn; `MR. & MRS. SMITH` is one."
    sb = fountain("INT. LIVING ROOM - NIGHT\n\nTOM and ANNA jump out. JO watches.\n\nTOM\nReady?\n\nANNA\nReady.\n\nJO\nGo.\n\n"
                  "TOM AND ANNA\nSurprise!\n\nBOTH\nHappy birthday!\n\nALL\nHooray!\n\nMR. & MRS. SMITH\nThank you!\n")
    said = [(l.character, l.text, l.dual) for l in sb.scenes[0].lines]
    assert said[3:] == [("tom", "Surprise!", False), ("anna", "Surprise!", True), ("anna", "Happy birthday!", False), ("tom", "Happy birthday!", True),
                        ("tom", "Hooray!", False), ("anna", "Hooray!", True), ("jo", "Hooray!", True), ("mr-mrs-smith", "Thank you!", False)], said
    assert [c.id for c in sb.characters] == ["tom", "anna", "jo", "mr-mrs-smith"]
    from videogen.lipsync import line_times
    times = line_times(sb.scenes[0])
    assert times[3][0] == times[4][0] and times[7][0] == times[8][0] == times[9][0] # at the same moment
    chat = parse_script("Tom: Ready?\nAnna: Ready.\nTom & Anna: Surprise!\n")
    assert [(l.character, l.dual) for l in chat.scenes[0].lines] == [("tom", False), ("anna", False), ("tom", False), ("anna", True)]

def test_a_sentence_about_two_is_neither_ones_look():
    "`GUARD #1 (40s) and GUARD #2 (20s) stand by the door.`: each guard looks their own age; `TOM and ANNA jump out.` is neither's look, so the prompt does not say it twice."
    from videogen.words import looks
    sb = fountain("INT. HALL - DAY\n\nGUARD #1 (40s) and GUARD #2 (20s) stand by the door. TOM and ANNA jump out.\n\n"
                  "GUARD #1\nHalt.\n\nGUARD #2\nWho goes?\n\nTOM\nUs.\n\nANNA\nHi.\n")
    assert [looks(c) for c in sb.characters] == ["40s", "20s", "male", "female"] # a sentence about two: their traits, here what their names say
    assert sb.scenes[0].image_prompt.count("jump out") == 1, sb.scenes[0].image_prompt
    kid = fountain("EXT. BEACH - DAY\n\nNORA (60s) digs. Her grandson ELI (9) watches.\n\nELI\nWhat is it?\n\nNORA\nWait.\n")
    assert [looks(c) for c in kid.characters] == ["9 years old", "60s"] # a child's age alone is his look, not the sentence


def test_an_insert_is_a_cut_to_what_it_shows_and_back():
    "`INSERT - JESS'S PHONE`: a shot of the phone in the scene's place, what it says in quotes on screen, a voice over heard over it; `BACK TO SCENE`, or the next paragraph or someone seen speaking, cuts back to the scene as it was."
    sb = fountain("INT. HOUSE - NIGHT\n\nJESS (20s) creeps forward.\n\nJESS\nMark?\n\nINSERT - JESS'S PHONE\n\n"
                  'A text from MARK: "dont come up"\n\nMARK (V.O.)\nDont.\n\nBACK TO SCENE\n\nJess freezes.\n\n'
                  "INSERT - THE NOTE\n\n\"RUN\"\n\nJess runs.\n\nJESS\nMark!\n")
    shots = [(s.heading, s.characters, [l.text for l in s.lines], [x.text for x in s.supers], s.transition.kind) for s in sb.scenes]
    assert shots == [("INT. HOUSE - NIGHT", ["jess"], ["Mark?"], [], "cut"),
                     ("INT. HOUSE - NIGHT", [], ["Dont."], ["dont come up"], "cut"), # the phone, and the voice over it
                     ("INT. HOUSE - NIGHT", ["jess"], [], [], "cut"),
                     ("INT. HOUSE - NIGHT", [], [], ["RUN"], "cut"),
                     ("INT. HOUSE - NIGHT", ["jess"], ["Mark!"], [], shots[-1][4])], shots # no BACK TO SCENE: the next paragraph is back
    assert "phone" in sb.scenes[1].image_prompt and "jess's" in sb.scenes[1].image_prompt # her phone, not her
    assert [s.source_line for s in sb.scenes] == [1, 8, 15, 19, 23]
    assert len({s.seed for s in sb.scenes}) == 1 # one place, one set
    close = fountain("INT. HOUSE - NIGHT\n\nJESS (20s) waits.\n\nJESS\nHello?\n\nCLOSE ON JESS\n\nHer eyes widen.\n\nJESS\nNo.\n")
    assert [s.characters for s in close.scenes] == [["jess"], ["jess"], ["jess"]] # a close-up of someone shows them


def test_someone_introduced_by_full_name_and_what_they_are_looks_so():
    "`BRICK BRADDOCK, retired police detective,`: the words after the full name, with no article, are how Brick looks."
    sb = parse_script("EXT. BRICK'S PATIO - DAY\n\nThe sun is shining. But BRICK BRADDOCK, retired police detective, is sitting quietly.\n\n"
                      "The SCREEN DOOR slides open and DICK STEEL, his former partner, emerges with two cold beers.\n\n"
                      "STEEL\nBeer's ready!\n\nBRICK\nAre they cold?\n", "fountain")
    assert {c.id: looks(c) for c in sb.characters} == {"brick": "retired police detective", "steel": "his former partner"}
    assert "Brick (retired police detective)" in sb.scenes[0].image_prompt
    r = read_scene(sb.scenes[0], sb.characters)
    assert r.weather == ["clear"] and set(r.sitting) == {"brick"}, r.summary()


def test_a_line_in_capitals_over_a_blank_line_and_someone_brought_in_is_no_cue():
    "`INSIDE THE VAN`, a blank line, `DEX (40s, …) checks his watch.`: a place within the scene and an action, not a speaker called Inside The Van saying it; common words said in lower case elsewhere (`steps inside`) make no name sure."
    sb = fountain("EXT. BANK - NIGHT\n\nA black van idles at the curb.\n\nINSIDE THE VAN\n\n"
                  "DEX (40s, scarred knuckles) checks his watch. PRIYA (20s) types.\n\nDEX\nHow long?\n\nPRIYA\nNinety seconds.\n\n"
                  "INT. BANK - VAULT - LATER\n\nDex steps inside and stops.\n")
    assert [c.id for c in sb.characters] == ["dex", "priya"]
    assert [(c.traits.age, c.description) for c in sb.characters][0] == (45, "DEX (40s, scarred knuckles) checks his watch.")
    assert [(s.heading, s.time_of_day, [l.text for l in s.lines]) for s in sb.scenes[:2]] == [
        ("EXT. BANK - NIGHT", "NIGHT", []), ("INSIDE THE VAN", "NIGHT", ["How long?", "Ninety seconds."])]
    assert read_scene(sb.scenes[1], sb.characters).place == "car"


def test_a_place_in_capitals_alone_is_a_heading_within_the_scene():
    "`KITCHEN`, `BACK AT THE HOUSE`, `HALLWAY - CONTINUOUS` alone in an action: a new picture at the scene's time; `THE HOUSE EXPLODES`, `SILENCE`, `CLOSE ON THE DOOR` are not."
    sb = fountain("INT. FARMHOUSE - DAWN\n\nThe family sleeps.\n\nKITCHEN\n\nMA fries eggs.\n\nMA\nUp!\n\nTHE HOUSE EXPLODES\n\n"
                  "SILENCE\n\nCLOSE ON THE DOOR\n\nHALLWAY - CONTINUOUS\n\nPA stumbles out.\n")
    assert [s.heading for s in sb.scenes] == ["INT. FARMHOUSE - DAWN", "KITCHEN", "KITCHEN", "HALLWAY - CONTINUOUS"] # the close shot: in the kitchen
    assert {s.time_of_day for s in sb.scenes} == {"DAWN"} and "THE HOUSE EXPLODES\n\nSILENCE" in sb.scenes[1].action
    assert [read_scene(s, sb.characters).place for s in sb.scenes][1:] == ["kitchen", "kitchen", "hallway"]
    tight = fountain("EXT. BANK - NIGHT\n\nA van idles.\n\nINSIDE THE VAN\nDEX checks his watch.\n\nDEX\nHow long?\n") # no blank line under it
    assert [(s.heading, s.action, [l.text for l in s.lines]) for s in tight.scenes] == [
        ("EXT. BANK - NIGHT", "A van idles.", []), ("INSIDE THE VAN", "DEX checks his watch.", ["How long?"])]
    house = fountain("INT. HOSPITAL - DAY\n\nCUDDY waits.\n\nHOUSE\nIt is never lupus.\n\nCUDDY\nFine.\n") # a cue named for a place still speaks
    assert [(l.character, l.text) for l in house.scenes[0].lines] == [("house", "It is never lupus."), ("cuddy", "Fine.")]


def test_a_look_in_the_sentence_after_someone_is_brought_in_is_theirs():
    "`MAYA enters. She is in her thirties, tall, with red hair.`, `TOM sits at his desk. Early 50s, rumpled suit.`: their looks; `He is tall.` after MARY is someone else's."
    sb = fountain("INT. OFFICE - DAY\n\nMAYA enters. She is in her thirties, tall, with red hair and a green coat.\n\n"
                  "TOM sits at his desk. Early 50s, grey beard, rumpled suit.\n\nMARY waits. He is tall.\n\nMAYA\nHi.\n\nTOM\nWhat?\n\nMARY\nWell?\n")
    maya, tom, mary = (sb.character(c).traits for c in ("maya", "tom", "mary"))
    assert (maya.age, maya.build, maya.hair, maya.clothes) == (35, "tall", "red", ["green coat"])
    assert (tom.age, tom.clothes) == (55, ["suit"]) and (mary.build, sb.character("mary").description) == (None, "MARY waits.")


def test_an_age_set_off_before_what_someone_is_is_their_look_not_the_sentence():
    "`MAYA, 30s, a nurse in blue scrubs, hurries past …`: her look is `30s, a nurse in blue scrubs`; `ELI, 8, runs.`: 8 years old; not the whole sentence."
    from videogen.words import looks
    sb = fountain("INT. ER - NIGHT\n\nMAYA, 30s, a nurse in blue scrubs, hurries past the desk where an exhausted doctor signs charts.\n\n"
                  "ELI, 8, runs after her.\n\nMAYA\nBed four!\n\nELI\nWait!\n")
    assert [(looks(c), c.traits.age) for c in sb.characters] == [("30s, a nurse in blue scrubs", 35), ("8 years old", 8)]
    assert "Maya (30s, a nurse in blue scrubs)" in sb.scenes[0].image_prompt

def test_one_person_cued_by_a_shorter_name_is_one_character():
    "NURSE KELLY, then KELLY in an intercut; REYES and ANA of the DETECTIVE ANA REYES the action brings in: one person each, with their looks. Not YOUNG JOHN and JOHN, SMITH of two Smiths, MAN of OLD MAN, JACK JR. of JACK, nor two names that talk to each other."
    sb = fountain("INT. HOSPITAL - NIGHT\n\nNURSE KELLY (40s, tired) pushes a cart. DETECTIVE ANA REYES (30s) waits.\n\nNURSE KELLY\nRoom twelve?\n\n"
                  "REYES\nRoom twelve.\n\nINTERCUT - PHONE CONVERSATION\n\nKELLY\nHe asks for his wife.\n\nANA\nShe died in March.\n")
    assert [(c.id, c.traits.age, c.traits.gender) for c in sb.characters] == [("nurse-kelly", 45, None), ("ana-reyes", 35, "female")]
    assert [l.character for l in sb.scenes[0].lines] == ["nurse-kelly", "ana-reyes", "nurse-kelly", "ana-reyes"]
    apart = fountain("INT. HOUSE - DAY\n\nJOHN SMITH (40s) and MARY SMITH (40s) sit. An OLD MAN sleeps.\n\nYOUNG JOHN\nDad?\n\nJOHN\nHere.\n\n"
                     "SMITH\nWho asks?\n\nOLD MAN\nQuiet.\n\nMAN\nSorry.\n\nJACK\nHi.\n\nJACK JR.\nHi, Dad.\n\n"
                     "INT. CAFE - DAY\n\nLISA MORENO sits.\n\nLISA\nMs. Moreno?\n\nLISA MORENO\nThat is me, Lisa.\n")
    assert {"young-john", "john", "smith", "old-man", "man", "jack", "jack-jr", "lisa", "lisa-moreno"} <= {c.id for c in apart.characters}

def test_someone_brought_in_at_a_lines_start_and_wrapped_is_action_not_a_cue():
    "`RAY DOYLE (50s, unshaven) grips the wheel. Beside him,` over `his daughter SAM (16) clutches a bag.`: a screenplay's action as a PDF wraps it, not Ray saying the next line; `SAM (CONT'D) (into phone)` is still a cue."
    sb = fountain("INT. PICKUP TRUCK - NIGHT\n\nRAY DOYLE (50s, unshaven) grips the wheel. Beside him,\nhis daughter SAM (16) clutches a bag.\n\n"
                  "SAM\nYou said Tulsa.\n\nRAY\nI said a lot of things.\n\nSAM (CONT'D) (into phone)\nMom? It's me.\n")
    assert [(l.character, l.text) for l in sb.scenes[0].lines] == [("sam", "You said Tulsa."), ("ray", "I said a lot of things."), ("sam", "Mom? It's me.")]
    assert {c.id: (c.traits.age, c.traits.gender) for c in sb.characters} == {"sam": (16, "female"), "ray": (55, "male")}
    assert "grips the wheel" in sb.scenes[0].action
