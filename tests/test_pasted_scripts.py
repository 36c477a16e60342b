"""Scripts as people paste them: Markdown from a chat assistant, chat-log exports, dialogue with a title line, directions
inside speech, a screenplay as its PDF, Final Draft, Fade In, Word or OpenDocument file or a saved web page or copied out of
a PDF viewer, a play as an e-book library gives it or as a playwright lays it out, a comic's panels, a sitcom's, a news
script, a video's timed sections, a novel's speech without *said*, tables of lines and spreadsheets, transcripts, emoji,
and scripts in Chinese, Japanese, Korean, Arabic, Hebrew, Hindi and Russian. Each reads as the writer meant: who says
what, how, and in which scene, with nothing of the markup spoken."""
import json
from pathlib import Path

import pytest

from videogen.script import parse_file, parse_script
from videogen.words import read_scene

ASSISTANT = """# The Last Train

**Setting:** A small station, late at night.

---

### **Scene 1 – INT. TRAIN STATION – NIGHT**

*The platform is empty. A clock ticks above the departure board.*

**MARA:** Is this the *last* one?

**CONDUCTOR:** It is, miss. *(checks his watch)* Two minutes.

**MARA** (whispering): Then I'll wait.

*She sits on the bench.*

*The train pulls in.*

### Scene 2: EXT. BRIDGE — DAWN

1. **MARA:** We made it.
2. **CONDUCTOR:** [laughs] Barely.
3. **MARA:** (softly) Thank you.

**CONDUCTOR:** *(tips his cap)*
"""


def lines(sb):
    return [(l.character, l.text, l.parenthetical, l.extension) for s in sb.scenes for l in s.lines]


def test_an_assistants_markdown_script_reads_as_dialogue():
    sb = parse_script(ASSISTANT)
    assert sb.source["format"] == "dialogue"
    assert sb.title == "The Last Train"
    assert [(s.setting, s.location, s.time_of_day) for s in sb.scenes] == [(None, "", "NIGHT"), ("INT", "TRAIN STATION", "NIGHT"),
                                                                           ("EXT", "BRIDGE", "DAWN")]
    assert [c.name for c in sb.characters] == ["Mara", "Conductor"]
    assert lines(sb) == [("mara", "Is this the last one?", None, None),
                         ("conductor", "It is, miss. Two minutes.", "checks his watch", None),
                         ("mara", "Then I'll wait.", "whispering", None),
                         ("mara", "We made it.", None, None),
                         ("conductor", "Barely.", "laughs", None),
                         ("mara", "Thank you.", "softly", None)]
    assert sb.scenes[0].action == "A small station, late at night." # what is seen, without its label
    assert sb.scenes[1].action.startswith("The platform is empty. A clock ticks")
    assert "CONDUCTOR tips his cap" in sb.scenes[2].action
    said = " ".join(l.text for s in sb.scenes for l in s.lines) + " ".join(s.action for s in sb.scenes)
    assert not set("*#_[]") & set(said), said


def test_chat_exports_drop_their_times():
    sb = parse_script("[12/31/24, 10:30:01 PM] Alice: Are you up?\n[12/31/24, 10:30:15 PM] Bob: It's 10:30, of course.\n"
                      "12/31/24, 10:31 - Alice: Good.\n")
    assert lines(sb) == [("alice", "Are you up?", None, None), ("bob", "It's 10:30, of course.", None, None),
                         ("alice", "Good.", None, None)]


def test_a_title_line_and_title_page_are_not_speakers():
    sb = parse_script("Title: Coffee\nAuthor: Sam\n\nJOHN: Morning.\nMARY: Morning. Coffee?\n")
    assert (sb.title, sb.source["title_page"]) == ("Coffee", {"title": "Coffee", "author": "Sam"})
    assert [c.name for c in sb.characters] == ["John", "Mary"]
    prose = parse_script("Title: The Keeper\n\nThe old keeper climbed the stairs.\n\nA storm came.\n")
    assert (prose.title, len(prose.scenes)) == ("The Keeper", 2)


def test_a_direction_in_a_cue_is_how_the_line_is_said_and_the_speaker_is_still_seen():
    fountain = parse_script("INT. ROOM - DAY\n\nMARA (whispering)\nThen I'll wait.\n\nMARA (O.S.)\nAnd then?\n", "fountain")
    assert lines(fountain) == [("mara", "Then I'll wait.", "whispering", None), ("mara", "And then?", None, "O.S.")]
    assert fountain.scenes[0].lines[0].emotion == "whisper"
    dialogue = parse_script("MARA (whispering): Then I'll wait.\nTHEO (V.O.): And then?\n")
    assert lines(dialogue) == [("mara", "Then I'll wait.", "whispering", None), ("theo", "And then?", None, "V.O.")]


def test_fountain_keeps_its_own_marks():
    sb = parse_script("Title: Marks\n\n# ACT ONE\n\nINT. ROOM - DAY\n\n> CENTERED <\n\nANN\nA *fine* word.\n")
    assert sb.source["format"] == "fountain"
    assert [(s.heading, s.action) for s in sb.scenes] == [("INT. ROOM - DAY", "")] # a section is no scene
    assert [(s.kind, s.text) for s in sb.scenes[0].supers] == [("title", "Marks"), ("card", "CENTERED")] # `>…<` centres: a card
    assert lines(sb) == [("ann", "A fine word.", None, None)]


PDF_PAGES = "\n".join([
    "                                                                      1.",
    "          FADE IN:",
    "          ",
    "     1    INT. DINER - NIGHT                                          1",
    "          ",
    "          A waitress pours coffee. MARA (30s) sits at the counter.    *",
    "          ",
    "                                    MARA",
    "                          (quietly)",
    "                    Is this the last one? I was going",
    "                    to say something else.",
    "                                    (MORE)",
    "          ",
    "                                                                      2.",
    "          CONTINUED:",
    "                                    MARA (CONT'D)",
    "                    But I forgot.",
    "          ",
    "                                    THEO",
    "                    It is.",
    "          ",
    "                                                          DISSOLVE TO:",
    "          ",
    "     2    EXT. STREET - CONTINUOUS                                    2",
    "          ",
    "          Rain.",
    "          ",
    "                                    THEO (V.O.)",
    "                    Goodbye.",
])


def test_a_screenplay_as_a_pdf_lays_it_out_reads_as_its_fountain():
    sb = parse_script(PDF_PAGES)
    assert sb.source["format"] == "fountain"
    assert [(s.heading, s.transition.kind) for s in sb.scenes] == [("INT. DINER - NIGHT", "dissolve"), ("EXT. STREET - CONTINUOUS", "cut")]
    assert sb.scenes[0].action == "A waitress pours coffee. MARA (30s) sits at the counter."
    assert lines(sb) == [("mara", "Is this the last one? I was going to say something else. But I forgot.", "quietly", None),
                         ("theo", "It is.", None, None), ("theo", "Goodbye.", None, "V.O.")]
    assert [s.source_line for s in sb.scenes] == [4, 24]


PLAY = """ACT I

SCENE I. Elsinore. A platform before the Castle.

Enter Francisco and Barnardo, two sentinels.

BARNARDO.
Who’s there?

FRANCISCO.
Nay, answer me. Stand and unfold yourself.

 [_Exit._]

SCENE II. Elsinore. A room of state in the Castle.

HAMLET.
[_Aside._] A little more than kin, and less than kind.
"""


def test_a_play_reads_with_its_scenes_speakers_and_asides():
    sb = parse_script(PLAY)
    assert [s.heading for s in sb.scenes] == ["SCENE I. ELSINORE. A PLATFORM BEFORE THE CASTLE.", "SCENE II. ELSINORE. A ROOM OF STATE IN THE CASTLE."]
    assert [c.name for c in sb.characters] == ["Barnardo", "Francisco", "Hamlet"]
    assert lines(sb) == [("barnardo", "Who’s there?", None, None), ("francisco", "Nay, answer me. Stand and unfold yourself.", None, None),
                         ("hamlet", "A little more than kin, and less than kind.", "Aside", None)]
    inline = parse_script("MARA. Is this the last one?\nTHEO (gently). It is, miss.\nMARA. Then I will wait.\n")
    assert inline.source["format"] == "dialogue"
    assert lines(inline) == [("mara", "Is this the last one?", None, None), ("theo", "It is, miss.", "gently", None),
                             ("mara", "Then I will wait.", None, None)]


def test_characters_speak_the_language_their_lines_are_written_in():
    fr = parse_script("ANNA: Où étais-tu hier soir ? Je te l'ai déjà demandé deux fois.\nBOB: Nulle part. Je suis resté à la maison.\n")
    assert fr.source["language"] == "fr" and [c.voice.language for c in fr.characters] == ["fr", "fr"]
    mixed = parse_script("ANNA: Hi there.\nBOB: Hello. How are you today, my dear old friend?\nLI LEI: 你好，世界！\nANNA: Okay.\n")
    assert mixed.source["language"] == "en"
    assert {c.id: c.voice.language for c in mixed.characters} == {"anna": "en", "bob": "en", "li-lei": "zh"}
    zh = parse_script("INT. 厨房 - DAY\n\n@妈妈\n吃早饭吧。\n\n@孩子\n我不饿。\n", "fountain") # a cue without capitals is forced
    assert [c.voice.language for c in zh.characters] == ["zh", "zh"]
    short = parse_script("ANNA: Ciao.\nBOB: Hi.\n") # too few words to say: English
    assert [c.voice.language for c in short.characters] == ["en", "en"]


def test_screenplay_files_from_writing_tools_read_as_their_fountain(tmp_path):
    import io
    from screenplain.export.pdf import to_pdf
    from screenplain.parsers import fountain
    from videogen.script import parse_file
    source = (Path(__file__).parent.parent / "examples" / "last_train.fountain").read_text()
    pdf = tmp_path / "the last train.pdf"
    with open(pdf, "wb") as f: to_pdf(fountain.parse(io.StringIO(source)), f)
    printed, written = parse_file(pdf), parse_script(source, "fountain")
    assert printed.source["file"] == "the last train.pdf" and printed.title == "The Last Train"
    assert lines(printed) == lines(written) and [s.heading for s in printed.scenes] == [s.heading for s in written.scenes]
    assert [s.action for s in printed.scenes] == [s.action for s in written.scenes] # the page's wrapped paragraphs joined again
    named_otherwise = tmp_path / "script.txt" # known by its bytes, not its name
    named_otherwise.write_bytes(pdf.read_bytes())
    assert lines(parse_file(named_otherwise)) == lines(written)


def test_a_storys_speech_is_spoken_by_whom_the_story_gives_it():
    story = parse_script(
        "The Lighthouse\n\nOld Tom had kept the light for forty years. His granddaughter Lily came every summer.\n\n"
        '"Grandpa, why do you still climb the stairs?" Lily asked.\n\n'
        '"Because the ships still need the light," he said. "Even the ones we never see."\n\n'
        'She thought about that for a long while. "Will I keep it one day?" she whispered.\n\n'
        '"If you want to," said Tom, smiling. The sign on the door said "KEEPER" in faded paint.\n\n'
        'Lily muttered, "I want to."\n', "prose")
    assert [(l.character, l.text) for s in story.scenes for l in s.lines] == [
        ("lily", "Grandpa, why do you still climb the stairs?"), ("tom", "Because the ships still need the light"),
        ("tom", "Even the ones we never see."), ("lily", "Will I keep it one day?"), ("tom", "If you want to"), ("lily", "I want to.")]


def test_cues_a_blank_line_or_a_colon_keeps_from_their_speech():
    spaced = ("INT. KITCHEN - NIGHT\n\nMara waits by the window.\n\nMARA\n\n(quietly)\n\nIs he coming?\n\nTHEO\n\nNo.\n\n"
              "EXT. STREET - NIGHT\n\nBOOM!\n\nThunder rolls.\n\nTHEO\n\nRun.\n")
    sb = parse_script(spaced)
    assert sb.source["format"] == "fountain"
    assert lines(sb) == [("mara", "Is he coming?", "quietly", None), ("theo", "No.", None, None), ("theo", "Run.", None, None)]
    assert [s.action for s in sb.scenes] == ["Mara waits by the window.", "BOOM!\n\nThunder rolls."] # a shout of action is no cue
    assert [s.source_line for s in sb.scenes] == [1, 15] # every line number where the writer wrote it
    colon = parse_script("INT. KITCHEN - NIGHT\n\nMara waits.\n\nMARA:\nIs he coming?\n\nTHEO:\nNo.\n")
    assert lines(colon) == [("mara", "Is he coming?", None, None), ("theo", "No.", None, None)]
    under = parse_script("MARA:\nIs he coming?\nI waited all night.\n\nTHEO:\n(quietly)\nNo.\n")
    assert lines(under) == [("mara", "Is he coming? I waited all night.", None, None), ("theo", "No.", "quietly", None)]
    mc = parse_script("INT. TOWER - NIGHT\n\nMcCLANE crawls through a vent.\n\nMcCLANE\nYippee.\n\nMcDonald's is closed.\n")
    assert [(c.id, c.name) for c in mc.characters] == [("mcclane", "McClane")] and lines(mc) == [("mcclane", "Yippee.", None, None)]
    quoted = parse_script('MARA: "Is he coming?"\nTHEO: “No.”\nANN: "Yes," she said, "he is."\n')
    assert [l[1] for l in lines(quoted)] == ["Is he coming?", "No.", '"Yes," she said, "he is."'] # quote marks around a whole line go


AV = """# Brew Better

Client: Brew Better. Length: 30 s.

| Shot | Visual | Audio |
|:-:|---|---|
| 1 | Close-up of coffee beans falling into a grinder. | VO: Every great day starts with a great cup. |
| 2 | A woman pours coffee in a sunny kitchen. SUPER: Brew Better | MARA (warmly): It's so simple. SFX: pouring |
| 3 | Logo on a white background. | Brew Better.<br>Wake up to more. MUSIC: the guitar swells |
"""


def test_an_av_scripts_table_is_a_scene_a_row_with_the_narrator_heard_not_seen(tmp_path):
    import docx
    from videogen.script import parse_file
    sb = parse_script(AV)
    assert (sb.title, sb.source["format"]) == ("Brew Better", "av")
    assert [s.action for s in sb.scenes] == ["Close-up of coffee beans falling into a grinder.", "A woman pours coffee in a sunny kitchen.",
                                             "Logo on a white background."]
    assert lines(sb) == [("narrator", "Every great day starts with a great cup.", None, "V.O."), ("mara", "It's so simple.", "warmly", None),
                         ("narrator", "Brew Better. Wake up to more.", None, "V.O.")] # no sound effect or music is spoken
    assert [(w.kind, w.text) for w in sb.scenes[1].supers] == [("super", "Brew Better")]
    assert "narrator" not in sb.scenes[0].characters # heard, not drawn
    word = docx.Document() # the same script as a Word table
    word.add_paragraph("Brew Better", style="Title")
    t = word.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("VIDEO", "AUDIO"), ("Beans fall into a grinder.", "VO: Every great day starts with a great cup."),
                                ("Logo.", "ANNOUNCER: Brew Better.\nWake up to more.")]):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    word.save(tmp_path / "spot.docx")
    doc = parse_file(tmp_path / "spot.docx")
    assert (doc.title, doc.source["format"], [s.action for s in doc.scenes]) == ("Brew Better", "av", ["Beans fall into a grinder.", "Logo."])
    assert lines(doc) == [("narrator", "Every great day starts with a great cup.", None, "V.O."), ("announcer", "Brew Better. Wake up to more.", None, None)]


def test_a_voice_over_is_the_narrator_and_sounds_are_not_spoken():
    told = []
    sb = parse_script("VO: Welcome to the future of coffee.\nSFX: A kettle whistles.\nNARRATOR (V.O.): It began in a kitchen.\n"
                      "VOICEOVER: And it goes on.\n", on_event=lambda e: told.append(e.message))
    assert [(c.id, c.name) for c in sb.characters] == [("narrator", "Narrator")] # one voice, under every name it goes by
    assert {l[3] for l in lines(sb)} == {"V.O."} and sb.scenes[0].action == "" and sb.scenes[0].characters == []
    assert any("Line 2: SFX is a sound" in m for m in told)
    shots = parse_script("SHOT 1 - WIDE - City skyline at dawn.\nVO: Every city wakes up differently.\n\n"
                         "SHOT 2 - CLOSE UP - A cup of coffee steaming.\nVO: But every morning starts the same.\n")
    assert [(s.heading, s.action) for s in shots.scenes] == [("SHOT 1", "WIDE - City skyline at dawn."), ("SHOT 2", "CLOSE UP - A cup of coffee steaming.")]
    assert "cup of coffee" in shots.scenes[1].image_prompt and shots.scenes[0].time_of_day == "DAWN" # a shot's description is its picture


def test_speech_in_every_kind_of_quote_mark():
    uk = parse_script("Tom stood at the window of the lighthouse.\n\n‘Do you think they’ll come?’ asked Mary.\n\n"
                      "‘They always come,’ said Tom. ‘Sooner or later.’\n\nThe boys’ boat was gone. 'Look,' said Mary.\n", "prose")
    assert lines(uk) == [("mary", "Do you think they’ll come?", None, None), ("tom", "They always come", None, None),
                         ("tom", "Sooner or later.", None, None), ("mary", "Look", None, None)] # an apostrophe ends no quote
    fr = parse_script("Marie regardait la mer.\n\n« Tu crois qu'ils viendront ? » demanda Marie.\n\n« Ils viennent toujours », répondit Paul.\n", "prose")
    assert lines(fr) == [("marie", "Tu crois qu'ils viendront ?", None, None), ("paul", "Ils viennent toujours", None, None)]
    de = parse_script("Anna stand am Fenster.\n\n„Glaubst du, sie kommen?“, fragte Anna.\n\n»Sie kommen immer«, sagte José.\n", "prose")
    assert lines(de) == [("anna", "Glaubst du, sie kommen?", None, None), ("jose", "Sie kommen immer", None, None)]
    assert len(fr.scenes) == len(de.scenes) == 1 # a conversation stays in one scene, whatever marks its speech
    es = parse_script("Ana miraba la lluvia.\n\n— ¿Vienes? — preguntó Ana.\n\n— Ahora no — respondió Pablo.\n", "prose")
    ru = parse_script("Анна смотрела на дождь.\n\n— Ты придёшь? — спросила Анна.\n\n— Нет, — ответил Павел.\n", "prose")
    assert [l[1] for l in lines(es)] == ["¿Vienes?", "Ahora no"] and [c.name for c in es.characters] == ["Ana", "Pablo"] # a dash opens speech
    assert [l[1] for l in lines(ru)] == ["Ты придёшь?", "Нет"] and [c.name for c in ru.characters] == ["Анна", "Павел"]
    goes_on = parse_script("Ana miraba la lluvia.\n\n—¿Vienes? —preguntó Ana—. Te espero abajo.\n\n— Да, — сказал Иван. — Завтра.\n", "prose")
    assert [l[1] for l in lines(goes_on)] == ["¿Vienes? Te espero abajo.", "Да, Завтра."] # the speech after its attribution is the speaker's too
    ja = parse_script("雨が降っていた。\n\n「来ると思う？」とマリは聞いた。\n", "prose")
    assert [c.name for c in ja.characters] == ["マリ"] and lines(ja) == [(ja.characters[0].id, "来ると思う？", None, None)] # its attribution in Japanese


def test_a_subtitle_file_is_read_as_its_words_not_its_times():
    srt = ("1\n00:00:00,400 --> 00:00:01,668\nIs this the <i>last</i> one?\n\n2\n00:00:02,018 --> 00:00:03,900\nMARA: It is.\nI waited.\n\n"
           "3\n00:00:09,250 --> 00:00:10,132\n[door slams]\n- Go!\n- Now?\n")
    sb = parse_script(srt.encode())
    assert sb.source["format"] == "dialogue" and [s.action for s in sb.scenes] == ["", ""] # no number, time or sound is action
    assert [[(l.character, l.text) for l in s.lines] for s in sb.scenes] == [
        [("narrator", "Is this the last one?"), ("mara", "It is. I waited.")], [("narrator", "Go!"), ("narrator", "Now?")]] # a silence: a scene
    vtt = parse_script("WEBVTT - made by hand\n\nNOTE a note\n\n1\n00:01.000 --> 00:02.500 align:start\n<v Theo>Last train's gone.</v>\n\n"
                       "00:03.000 --> 00:04.000\n<v.loud Mara>Then we walk.\n")
    assert [(l.character, l.text, l.extension) for l in vtt.scenes[0].lines] == [("theo", "Last train's gone.", None), ("mara", "Then we walk.", None)]


def test_a_long_conversation_is_cut_into_scenes_a_voice_can_fill():
    talk = "".join(f"MARA: This is line number {i} of a very long conversation that goes on.\nTHEO: And this is my answer to number {i}.\n"
                   for i in range(150))
    sb = parse_script("INT. KITCHEN - NIGHT\n\nMara and Theo talk.\n\n" + talk + "SUPER: Dawn\n")
    assert len(sb.scenes) > 5 and all(s.duration <= 90 for s in sb.scenes)
    assert [l.text for s in sb.scenes for l in s.lines] == [l for i in range(150) for l in (
        f"This is line number {i} of a very long conversation that goes on.", f"And this is my answer to number {i}.")] # every line, in order
    first, rest = sb.scenes[0], sb.scenes[1:]
    assert all((s.heading, s.seed, s.image_prompt, s.action) == (first.heading, first.seed, first.image_prompt, "") for s in rest) # one place
    assert all(s.transition.kind == "cut" for s in sb.scenes[:-1])
    assert [(w.text, w.after_line) for w in sb.scenes[-1].supers] == [("Dawn", len(sb.scenes[-1].lines))] # after the last line still


def test_headings_in_other_languages_keep_their_place_and_time():
    de = parse_script("INNEN. KÜCHE - NACHT\n\nAnna wartet am Fenster auf ihren Bruder.\n\nANNA\nKommt er?\n\nAUSSEN. STRASSE - TAG\n\nPaul geht nach Hause.\n")
    assert de.source["format"] == "fountain" and [(s.setting, s.location, s.time_of_day) for s in de.scenes] == [
        ("INT", "KÜCHE", "NIGHT"), ("EXT", "STRASSE", "DAY")] # the painter reads its time in English
    assert lines(de) == [("anna", "Kommt er?", None, None)] and de.characters[0].voice.language == "de" # a short line: the script's language
    fr = parse_script("INT. MAISON - NUIT\n\nMarie attend près de la fenêtre.\n\nMARIE\nTu crois qu'il viendra ce soir ?\n\nEXT. PLAGE - JOUR\n\nLa mer.\n")
    assert [s.time_of_day for s in fr.scenes] == ["NIGHT", "DAY"] and fr.source["language"] == "fr"
    es = parse_script("EXT. CALLE - NOCHE\n\nAna camina sola bajo la lluvia.\n\nANA\n¿Dónde estás?\n")
    assert es.scenes[0].time_of_day == "NIGHT"


def test_emoji_and_links_are_not_spoken():
    from videogen.rendering import prepare_render
    sb = parse_script("[10:31] Alice: haha 😂😂 see https://example.com/a/long/link\n[10:32] Bob: 👍🏽\n[10:33] Alice: ok #done @bob :)\n")
    assert lines(sb) == [("alice", "haha 😂😂 see https://example.com/a/long/link", None, None), ("alice", "ok #done @bob :)", None, None)]
    assert sb.scenes[0].action == "Bob 👍🏽" # a reaction says nothing: it happens
    said = [s.params["text"] for s in prepare_render(sb).steps if s.kind == "voice"]
    assert [" ".join(t.split()) for t in said] == ["haha see", "ok done bob"]
    assert [len(t) for t in said] == [len(l[1]) for l in lines(sb)] # every word where it was, for the captions' timing


def test_labels_about_a_script_are_not_in_it():
    sb = parse_script("# The Call\n\n**Logline:** Two friends, one phone call.\n**Characters:** Anna, Ben\n**Setting:** A small café, morning.\n\n"
                      "Anna: Hi.\nBen: Hello.\n\nNote: keep it short.\n")
    assert (sb.title, sb.source["format"]) == ("The Call", "dialogue") # labels count neither as talk nor as prose
    assert [(s.action, s.time_of_day) for s in sb.scenes] == [("A small café, morning.", "MORNING")]
    assert lines(sb) == [("anna", "Hi.", None, None), ("ben", "Hello.", None, None)]


def test_an_assistants_bracketed_script_a_video_script_and_a_transcript():
    gpt = parse_script("**Title: The Call**\n\n**[SCENE 1: INT. COFFEE SHOP - MORNING]**\n\n*Anna sits alone, stirring her coffee.*\n\n"
                       "**ANNA:** (nervously) Where is he?\n\n**[CUT TO:]**\n\n**[SCENE 2: EXT. STREET - CONTINUOUS]**\n\n"
                       "*Ben runs, phone to his ear.*\n\n**BEN (V.O.):** I'm coming!\n\n**[FADE OUT]**\n")
    assert (gpt.title, gpt.source["format"]) == ("The Call", "dialogue")
    assert [(s.setting, s.location, s.time_of_day, s.transition.kind) for s in gpt.scenes] == [
        ("INT", "COFFEE SHOP", "MORNING", "cut"), ("EXT", "STREET", "MORNING", "fade")] # brackets hold no words; a transition is no speaker
    assert lines(gpt) == [("anna", "Where is he?", "nervously", None), ("ben", "I'm coming!", None, "V.O.")]
    video = parse_script("[INTRO]\nHOST: Welcome back to the channel!\n[B-ROLL: city timelapse at night]\nHOST: Today, coffee.\n"
                         "[OUTRO]\nHOST: Thanks for watching!\n")
    assert [(s.heading, s.action, len(s.lines)) for s in video.scenes] == [("INTRO", "city timelapse at night", 2), ("OUTRO", "", 1)]
    assert [c.id for c in video.characters] == ["host"] # B-roll is footage, not a speaker
    talk = parse_script("Speaker 1 (00:00:05): Welcome to the show.\nSpeaker 2 (00:00:10): Thanks for having me.\n")
    assert lines(talk) == [("speaker-1", "Welcome to the show.", None, None), ("speaker-2", "Thanks for having me.", None, None)]


def test_a_chat_assistants_whole_answer_is_read_as_the_script_it_holds():
    answer = ("Sure! Here's a short screenplay about a missed train:\n\n```fountain\nTitle: The Last Train\n\nINT. STATION - NIGHT\n\n"
              "Mara runs onto the empty platform.\n\nMARA\nWait!\n\nCONDUCTOR\nLast one left at eleven, miss.\n```\n\n"
              "Let me know if you'd like any changes!\n")
    sb = parse_script(answer)
    assert (sb.title, sb.source["format"], [s.heading for s in sb.scenes]) == ("The Last Train", "fountain", ["INT. STATION - NIGHT"])
    assert lines(sb) == [("mara", "Wait!", None, None), ("conductor", "Last one left at eleven, miss.", None, None)] # no fence spoken
    assert sb.scenes[0].source_line == 6 # the writer's line, in the answer as pasted
    plain = parse_script("Here is your script:\n\nMARA: Is this the last one?\nCONDUCTOR: It is, miss.\n\nI hope this helps! Want me to make it longer?\n")
    assert [c.id for c in plain.characters] == ["mara", "conductor"] and plain.scenes[0].action == ""


def test_a_script_saved_as_rich_text():
    rtf = (b"{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n\\f0\\fs24 \\cf0 "
           b"INT. CAF\\'c9 - NUIT\\\n\\\nMarie attend.\\\n\\\nMARIE\\\nO\\'f9 est-il ? \\u8212? Ici.\\\n}")
    sb = parse_script(rtf)
    assert [(s.heading, s.time_of_day, s.action) for s in sb.scenes] == [("INT. CAFÉ - NUIT", "NIGHT", "Marie attend.")]
    assert lines(sb) == [("marie", "Où est-il ? — Ici.", None, None)] # no control word is read, every letter is


EBOOK = """The e-book of A Doll's House, by Henrik Ibsen

This e-book is for the use of anyone anywhere at no cost and with almost
no restrictions whatsoever. You may copy it, give it away or re-use it
under the terms of the licence included with this e-book.

Title: A Doll's House
       a play

Author: Henrik Ibsen

Release date: August, 2001

Language: English

*** START OF THE PROJECT GUTENBERG EBOOK A DOLL'S HOUSE ***

A DOLL'S HOUSE

by Henrik Ibsen

DRAMATIS PERSONAE

Torvald Helmer.
Nora, his wife.
Doctor Rank.
Mrs Linde.
A Porter.

[The action takes place in Helmer's house.]

ACT I

(SCENE.--A room furnished comfortably and tastefully, but not
extravagantly. At the back, a door to the right leads to the
entrance-hall.)

Nora. Hide the Christmas Tree carefully, Helen. Be sure the children do
not see it till this evening, when it is dressed. (To the PORTER, taking
out her purse.) How much?

Porter. Sixpence.

Nora. There is a shilling. No, keep the change. (The PORTER thanks her,
and goes out. NORA shuts the door.) Yes, he is in.

Helmer (calls out from his room). Is that my little lark twittering out
there?

Nora (busy opening some of the parcels). Yes, it is!

Helmer. Is it my little squirrel bustling about?

Nora. Yes!

ACT II

(THE SAME SCENE.--The Christmas Tree is in the corner by the piano,
stripped of its ornaments.)

Nora (drops her cloak). Someone is coming now! No, there is no one
there.

Mrs Linde. I heard you were up asking for me.

*** END OF THE PROJECT GUTENBERG EBOOK A DOLL'S HOUSE ***

Updated editions will replace the previous one, and the old editions
will be renamed. Creating the works from print editions not protected
by copyright law means that no one owns a copyright in these works.

Section 1. General Terms of Use and Redistributing this e-book

By reading or using any part of this electronic work, you indicate that
you have read, understand, agree to and accept all the terms of this
licence and intellectual property (trademark/copyright) agreement.
"""


def test_a_play_as_a_public_domain_ebook_gives_it():
    "A play as an e-book library gives it: its licence left out, its speakers' names in mixed case before a full stop, its lines wrapped at 72."
    sb = parse_script(EBOOK)
    assert (sb.title, sb.source["format"]) == ("A Doll's House", "dialogue")
    assert [s.heading for s in sb.scenes] == ["", "ACT I", "ACT II"] # the first: where the play says it takes place, under its title
    assert (sb.scenes[0].action, sb.scenes[0].supers[0].text) == ("The action takes place in Helmer's house.", "A Doll's House")
    assert [c.name for c in sb.characters] == ["Nora", "Porter", "Helmer", "Mrs Linde"]
    assert lines(sb) == [
        ("nora", "Hide the Christmas Tree carefully, Helen. Be sure the children do not see it till this evening, when it is dressed. "
                 "How much?", "To the PORTER, taking out her purse", None),
        ("porter", "Sixpence.", None, None),
        ("nora", "There is a shilling. No, keep the change. Yes, he is in.", "The PORTER thanks her, and goes out. NORA shuts the door", None),
        ("helmer", "Is that my little lark twittering out there?", "calls out from his room", None),
        ("nora", "Yes, it is!", "busy opening some of the parcels", None),
        ("helmer", "Is it my little squirrel bustling about?", None, None),
        ("nora", "Yes!", None, None),
        ("nora", "Someone is coming now! No, there is no one there.", "drops her cloak", None),
        ("mrs-linde", "I heard you were up asking for me.", None, None)]
    assert sb.scenes[1].action.startswith("SCENE.--A room furnished comfortably and tastefully, but not extravagantly.")
    words = " ".join(s.action + " ".join(l.text for l in s.lines) for s in sb.scenes)
    for gone in ("licence", "e-book", "Henrik", "Release", "DRAMATIS", "Doctor Rank"): assert gone not in words
    # the cast list says who each is
    assert sb.character("nora").description == "his wife" and sb.character("helmer").description.startswith("Torvald Helmer")
    assert sb.character("nora").traits.gender == "female"
    # each line is where it was in the file
    at = EBOOK.split("\n")
    assert [at[s.source_line - 1] for s in sb.scenes[1:]] == ["ACT I", "ACT II"]


def test_a_play_wrapped_and_in_any_case_of_names():
    "Wrapped speech under a cue, `NAME [direction].`, ordinal acts, and a title with its author over a dialogue script."
    play = ("THE IMPORTANCE OF BEING EARNEST\n\nby Oscar Wilde\n\nFIRST ACT\n\nSCENE\n\nMorning-room in Algernon's flat in Half-Moon\n"
            "Street. The room is luxuriously and artistically furnished.\n\nALGERNON [inspecting them]. Did you hear what I was playing,\n"
            "Lane? I played it most beautifully and accurately indeed.\n\nLANE. I didn't think it polite to listen, sir.\n\n"
            "SECOND ACT\n\nALGERNON. How are you, my dear Ernest? What brings you up to town?\n")
    sb = parse_script(play)
    assert sb.title == "THE IMPORTANCE OF BEING EARNEST"
    assert [s.heading for s in sb.scenes] == ["FIRST ACT", "SECOND ACT"]
    assert sb.scenes[0].action.startswith("Morning-room in Algernon's flat in Half-Moon Street.")
    assert lines(sb)[0] == ("algernon", "Did you hear what I was playing, Lane? I played it most beautifully and accurately indeed.",
                            "inspecting them", None)
    # a speech goes on under its line only where the line stops mid-sentence: an action under a whole sentence is action
    chat = parse_script("ANNA: Hi.\nShe smiles.\n\nBEN: Hello, and\nwelcome.\n\nANNA: Thanks.\n")
    assert (lines(chat), chat.scenes[0].action) == ([("anna", "Hi.", None, None), ("ben", "Hello, and welcome.", None, None),
                                                     ("anna", "Thanks.", None, None)], "She smiles.")
    # mixed-case names only when they open speeches again and again: a story's `Yes. …` and `Later. …` are not speakers
    story = "Yes. I went there.\n\nLater. She came home.\n\nYes. It was late.\n\nLater. Nobody spoke.\n"
    assert parse_script(story).source["format"] == "prose"


HAMLET = """The Project Gutenberg eBook of Hamlet, Prince of Denmark

This ebook is for the use of anyone anywhere in the United States and
most other parts of the world at no cost and with almost no restrictions
whatsoever. You may copy it, give it away or re-use it under the terms
of the Project Gutenberg License included with this ebook or online
at www.gutenberg.org.

Title: Hamlet, Prince of Denmark

Author: William Shakespeare

Release date: November 1, 1998 [eBook #1524]

Language: English

*** START OF THE PROJECT GUTENBERG EBOOK HAMLET, PRINCE OF DENMARK ***




THE TRAGEDY OF HAMLET, PRINCE OF DENMARK


by William Shakespeare




Contents

ACT I
Scene I. Elsinore. A platform before the Castle.
Scene II. Elsinore. A room of state in the Castle.

ACT II
Scene I. A room in Polonius’s house.




Dramatis Personæ

HAMLET, Prince of Denmark.
CLAUDIUS, King of Denmark, Hamlet’s uncle.
The GHOST of the late king, Hamlet’s father.
GERTRUDE, the Queen, Hamlet’s mother, now wife of Claudius.
POLONIUS, Lord Chamberlain.
HORATIO, Friend to Hamlet.
BARNARDO, an Officer.
FRANCISCO, a Soldier.
Lords, Ladies, Officers, Soldiers, Sailors, Messengers, and Attendants.

SCENE. Elsinore.



ACT I

SCENE I. Elsinore. A platform before the Castle.

 Enter Francisco and Barnardo, two sentinels.

BARNARDO.
Who’s there?

FRANCISCO.
Nay, answer me. Stand and unfold yourself.

BARNARDO.
Long live the King!

 [_Exit Francisco._]

SCENE II. Elsinore. A room of state in the Castle.

 Enter Claudius, King of Denmark, Gertrude the Queen, Hamlet, Polonius.

KING.
Though yet of Hamlet our dear brother’s death
The memory be green, and that it us befitted
To bear our hearts in grief.

HAMLET.
[_Aside._] A little more than kin, and less than kind.

QUEEN.
Good Hamlet, cast thy nighted colour off.

 [_Exeunt._]

*** END OF THE PROJECT GUTENBERG EBOOK HAMLET, PRINCE OF DENMARK ***

Updated editions will replace the previous one--the old editions will
be renamed.
"""


def test_a_play_in_verse_as_an_ebook_with_its_contents_and_cast(tmp_path):
    "Cues on lines of their own (read as Fountain), a table of contents left out, the cast list's words about each speaker."
    p = tmp_path / "hamlet.txt"
    p.write_text(HAMLET)
    sb = parse_file(p)
    assert (sb.title, sb.source["title_page"]["author"]) == ("Hamlet, Prince of Denmark", "William Shakespeare")
    assert [s.heading for s in sb.scenes] == ["", "SCENE I. ELSINORE. A PLATFORM BEFORE THE CASTLE.", "SCENE II. ELSINORE. A ROOM OF STATE IN THE CASTLE."]
    assert sb.scenes[0].action == "SCENE. Elsinore." # where the play is set, under its title
    assert [c.name for c in sb.characters] == ["Barnardo", "Francisco", "King", "Hamlet", "Queen"]
    assert sb.character("barnardo").description.startswith("an Officer.") and sb.character("hamlet").description.startswith("Prince of Denmark.")
    said = [l.text for s in sb.scenes for l in s.lines]
    assert said[3] == "Though yet of Hamlet our dear brother’s death The memory be green, and that it us befitted To bear our hearts in grief."
    words = " ".join(s.action + " ".join(said) for s in sb.scenes)
    for gone in ("Contents", "Polonius’s house", "Dramatis", "Lords, Ladies", "ebook", "License", "by William"): assert gone not in words


def test_a_transcripts_times_are_not_its_words():
    "A transcript as transcription services export it (each speaker over a time), and a video's (times alone over its words)."
    otter = ("Jane Doe  0:00\nWelcome to the show. Today we talk about trains.\n\nJohn Smith  0:05\nThanks for having me.\nI love trains.\n\n"
             "Jane Doe  0:12\nSo tell me, why trains?\n\nJohn Smith  1:02:05\nBecause they run on time.\n")
    sb = parse_script(otter)
    assert [c.name for c in sb.characters] == ["Jane Doe", "John Smith"]
    assert lines(sb) == [("jane-doe", "Welcome to the show. Today we talk about trains.", None, None),
                         ("john-smith", "Thanks for having me. I love trains.", None, None), ("jane-doe", "So tell me, why trains?", None, None),
                         ("john-smith", "Because they run on time.", None, None)]
    video = "0:00\nwelcome back to the channel today we are\n0:03\nlooking at the best coffee grinders.\n0:06\nSo let us get started\n"
    sb = parse_script(video)
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == [
        ("narrator", "welcome back to the channel today we are looking at the best coffee grinders."), ("narrator", "So let us get started")]
    assert not sb.scenes[0].action
    # a short video's words are one sentence, the narrator's: still said, not painted as action
    sb = parse_script("0:00\nhey everyone welcome back\n0:03\ntoday we bake bread\n")
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == [("narrator", "hey everyone welcome back today we bake bread")]
    assert not sb.scenes[0].action
    # a time in a cue's place is not a colon after a name
    assert lines(parse_script("Speaker 1: Hello.\nSpeaker 2: Hi.\n")) == [("speaker-1", "Hello.", None, None), ("speaker-2", "Hi.", None, None)]


def test_cues_and_tables_copied_from_a_document():
    "A cue and its speech apart by a tab (a document's columns), and an A/V table copied from a document as rows of cells between tabs."
    assert lines(parse_script("ANNA\tWhere were you?\nBEN\t(quietly) Out.\nANNA\tOut where?\n")) == [
        ("anna", "Where were you?", None, None), ("ben", "Out.", "quietly", None), ("anna", "Out where?", None, None)]
    table = "Title: Brew\n\nVisual\tAudio\nClose-up of coffee beans.\tVO: Every cup starts here.\nA kettle boils.\tSFX: Whistle.\nMara smiles.\tMARA: Perfect.\n"
    sb = parse_script(table)
    assert sb.source["format"] == "av"
    assert [s.action for s in sb.scenes] == ["Close-up of coffee beans.", "A kettle boils.", "Mara smiles."]
    assert [[(l.character, l.text) for l in s.lines] for s in sb.scenes] == [[("narrator", "Every cup starts here.")], [], [("mara", "Perfect.")]]


def test_screenplays_as_chinese_japanese_and_korean_write_them():
    "Scene headings numbered or marked as each writes them, with their place and time; speech in corner brackets; directions in full-width parentheses."
    zh = parse_script("最后一班车\n\n第一场 内景 火车站 夜\n\n空荡荡的站台。\n\n玛拉：这是最后一班吗？\n列车员（低声）：是的，小姐。\n"
                      "玛拉：（看表）还有两分钟。\n\n1-2 桥上 黎明 外\n\n玛拉：我们做到了。\n")
    assert [(s.setting, s.location, s.time_of_day) for s in zh.scenes] == [("INT", "火车站", "NIGHT"), ("EXT", "桥上", "DAWN")]
    assert [(l.text, l.parenthetical) for s in zh.scenes for l in s.lines] == [
        ("这是最后一班吗？", None), ("是的，小姐。", "低声"), ("还有两分钟。", "看表"), ("我们做到了。", None)]
    assert [c.voice.language for c in zh.characters] == ["zh", "zh"]
    ja = parse_script("○駅のホーム（夜）\n\n誰もいないホーム。\n\nマラ「これが最終ですか？」\n車掌「（時計を見て）そうです」\n\n○橋の上（夜明け）\n\nマラ「間に合った」\n")
    assert [(s.location, s.time_of_day) for s in ja.scenes] == [("駅のホーム", "NIGHT"), ("橋の上", "DAWN")]
    assert [(l.text, l.parenthetical) for s in ja.scenes for l in s.lines] == [("これが最終ですか？", None), ("そうです", "時計を見て"), ("間に合った", None)]
    ko = parse_script("S#1. 카페 안 (밤)\n\n마라: 이게 마지막 기차예요?\n차장: 네.\n\nS#2. 다리 위 / 새벽\n\n마라: 해냈어.\n")
    assert [(s.location, s.time_of_day) for s in ko.scenes] == [("카페 안", "NIGHT"), ("다리 위", "DAWN")]
    # a numbered line that names no setting or time is not a heading
    assert [s.heading for s in parse_script("1. 我们在夜里见面。\n\n玛拉：你好。\n列车员：你好。\n").scenes] == [""]


def test_stories_in_chinese_japanese_and_korean_give_their_speech_to_whom_they_name():
    "Who speaks beside a quote, after it or before it, in each language's words; a sentence is not the story's title, and `她笑着说：` is no cue."
    zh = parse_script("雨夜，小春站在车站的站台上。\n\n“末班车已经走了。”站务员说。\n\n小春笑着回答：“我知道。我等的不是火车。”\n\n"
                      "然后小春说：“走吧。”\n")
    assert zh.title == "Untitled" and zh.source["format"] == "prose"
    assert [(c.name, c.voice.language) for c in zh.characters] == [("站务员", "zh"), ("小春", "zh")]
    assert [(l.character, l.text) for s in zh.scenes for l in s.lines] == [
        (zh.characters[0].id, "末班车已经走了。"), (zh.characters[1].id, "我知道。我等的不是火车。"), (zh.characters[1].id, "走吧。")]
    ja = parse_script("雨の夜、ハルは駅のホームに立っていた。\n\n「もう終電は出たよ」と駅員が言った。\n\n「知ってる」とハルは答えた。「待ってるのは電車じゃない」\n")
    assert [c.name for c in ja.characters] == ["駅員", "ハル"] and ja.title == "Untitled"
    assert [(l.character, l.text) for s in ja.scenes for l in s.lines] == [
        (ja.characters[0].id, "もう終電は出たよ"), (ja.characters[1].id, "知ってる"), (ja.characters[1].id, "待ってるのは電車じゃない")]
    ko = parse_script('비 오는 밤, 하루는 역 플랫폼에 서 있었다.\n\n"막차는 이미 떠났어요." 역무원이 말했다.\n\n하루가 대답했다. "알아요."\n')
    assert [c.name for c in ko.characters] == ["역무원", "하루"]
    assert [(l.character, l.text) for s in ko.scenes for l in s.lines] == [(ko.characters[0].id, "막차는 이미 떠났어요."), (ko.characters[1].id, "알아요.")]


def test_text_copied_from_a_web_page_or_a_word_processor():
    "Zero-width and no-break spaces (web pages), soft hyphens, and a word processor's manual line breaks: the same script as typed."
    sb = parse_script("MA\u200bRA:\u00a0Is this the last one?\x0bCON\u00adDUCTOR: It is.\u2028MARA: Then I'll wait.\n")
    assert lines(sb) == [("mara", "Is this the last one?", None, None), ("conductor", "It is.", None, None), ("mara", "Then I'll wait.", None, None)]


PAGE = b"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>The Last Train Script</title>
<style>b { color: red }</style><script>var seen = "INT. NOWHERE - DAY";</script></head>
<body><table><tr><td><a href="/">Home</a> | <a href="/genres">Genres</a></td></tr></table>
<pre>
<b>     INT. TRAIN STATION - NIGHT</b>

     The platform is empty. A clock ticks above the board.

<b>                         MARA</b>
               Is this the <i>last</i> one?

<b>                         CONDUCTOR</b>
                    (checks his watch)
               It is, miss &amp; there are two minutes.

<b>     EXT. BRIDGE - DAWN</b>

     The train crosses the river.
</pre>
<p>Writers: Someone<br>Genres: Drama</p></body></html>"""


def test_a_script_saved_from_a_web_page(tmp_path):
    "A screenplay site's page saved as it is: the script in its `<pre>` block, laid out as on the page; a page of paragraphs read by its words."
    p = tmp_path / "last_train.html"
    p.write_bytes(PAGE)
    sb = parse_file(p)
    assert [s.heading for s in sb.scenes] == ["INT. TRAIN STATION - NIGHT", "EXT. BRIDGE - DAWN"]
    assert lines(sb) == [("mara", "Is this the last one?", None, None), ("conductor", "It is, miss & there are two minutes.", "checks his watch", None)]
    words = " ".join(s.action for s in sb.scenes)
    for gone in ("Home", "Genres", "Writers", "NOWHERE", "color"): assert gone not in words
    blog = parse_script("<html><body><h1>Coffee</h1><p>ANNA: Hi.</p><p>BEN: Hey &mdash; coffee?</p><script>x()</script></body></html>".encode())
    assert (blog.title, lines(blog)) == ("Coffee", [("anna", "Hi.", None, None), ("ben", "Hey — coffee?", None, None)])


def _elements(source: str) -> list[tuple[str, str]]:
    "A Fountain script's elements as a writing tool names them (`Scene Heading`, `Character`…), each with its text."
    import io
    from screenplain import types as sp
    from screenplain.parsers import fountain
    from videogen.script import _plain
    out = []
    for el in fountain.parse(io.StringIO(source)).paragraphs:
        if isinstance(el, sp.Slug): out.append(("Scene Heading", _plain(el.line)))
        elif isinstance(el, sp.Action): out.append(("Action", " ".join(_plain(l) for l in el.lines)))
        elif isinstance(el, (sp.Dialog, sp.DualDialog)): # dual dialogue one speech after the other
            for d in (el.left, el.right) if isinstance(el, sp.DualDialog) else (el,):
                out.append(("Character", _plain(d.character)))
                out += [("Parenthetical" if paren else "Dialogue", _plain(text)) for paren, text in d.blocks]
        elif isinstance(el, sp.Transition): out.append(("Transition", _plain(el.line)))
    return out


def test_a_fade_in_script_and_a_writing_tools_web_page_read_as_their_fountain(tmp_path):
    "The last train written out as Fade In saves it (Open Screenplay Format in a zip) and as a writing tool exports a page (a class for each element)."
    import html, io, zipfile
    source = (Path(__file__).parent.parent / "examples" / "last_train.fountain").read_text()
    written, elements = parse_script(source, "fountain"), _elements(source)
    osf = ('<?xml version="1.0" encoding="UTF-8"?>\n<document type="Open Screenplay Format document" version="40">\n'
           '<titlepage><para><style basestyle="Action"/><text>The Last Train</text></para></titlepage>\n<paragraphs>\n'
           + "".join(f'<para><style basestyle="{k}"/><text>{html.escape(t)}</text></para>\n' for k, t in elements) + "</paragraphs>\n</document>")
    fadein = tmp_path / "last train.fadein"
    with zipfile.ZipFile(fadein, "w") as z: z.writestr("document.xml", osf)
    page = tmp_path / "last train.html"
    page.write_text("<html><head><title>The Last Train</title></head><body><div id='menu'>Export</div>"
                    + "".join(f'<p class="{k.lower().replace(" ", "")}">{html.escape(t)}</p>' for k, t in elements) + "</body></html>")
    for p in (fadein, page):
        sb = parse_file(p)
        assert sb.source["format"] == "fountain"
        assert lines(sb) == lines(written) and [s.heading for s in sb.scenes] == [s.heading for s in written.scenes]
        assert [s.transition.kind for s in sb.scenes] == [s.transition.kind for s in written.scenes]
    assert parse_file(fadein).title == "The Last Train"


def odt(body: str, styles: str = "") -> bytes:
    "An OpenDocument text holding this body (its office:text's XML) and these automatic styles."
    import io, zipfile
    ns = " ".join(f'xmlns:{k}="urn:oasis:names:tc:opendocument:xmlns:{k}:1.0"' for k in ("office", "text", "style", "table"))
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:automatic-styles>{styles}</office:automatic-styles>'
               f'<office:body><office:text>{body}</office:text></office:body></office:document-content>')
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text"); z.writestr("content.xml", content)
    return b.getvalue()


def test_an_opendocument_text_reads_as_a_word_document_does(tmp_path):
    "An .odt as LibreOffice saves one: screenplay styles (an automatic style by the one it is based on) as Fountain; else its title, headings and lines; an A/V table."
    import html
    source = (Path(__file__).parent.parent / "examples" / "last_train.fountain").read_text()
    written = parse_script(source, "fountain")
    names = {"Scene Heading": "Scene_20_Heading", "Character": "P1"} # a cue restyled by hand is an automatic style based on Character
    body = '<text:p text:style-name="Title">The Last Train</text:p>' + "".join(
        f'<text:p text:style-name="{names.get(k, k)}">{html.escape(t)}</text:p>' for k, t in _elements(source))
    p = tmp_path / "last train.odt"
    p.write_bytes(odt(body, '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Character"/>'))
    sb = parse_file(p)
    assert (sb.title, sb.source["format"]) == ("The Last Train", "fountain")
    assert lines(sb) == lines(written) and [s.heading for s in sb.scenes] == [s.heading for s in written.scenes]
    plain = parse_script(odt('<text:p text:style-name="Title">Coffee</text:p><text:h text:outline-level="1">Scene 1: INT. CAFÉ - DAY</text:h>'
                             '<text:list><text:list-item><text:p>ANNA: Hi<text:s/>there.</text:p></text:list-item></text:list>'
                             '<text:p>BEN: Hey.</text:p>'))
    assert (plain.title, [s.heading for s in plain.scenes], lines(plain)) == (
        "Coffee", ["Scene 1: INT. CAFÉ - DAY"], [("anna", "Hi there.", None, None), ("ben", "Hey.", None, None)])
    row = lambda *cells: "<table:table-row>" + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in cells) + "</table:table-row>"
    av = parse_script(odt("<table:table>" + row("Visual", "Audio") + row("Beans pour.", "VO: Every cup starts here.") + "</table:table>"))
    assert av.source["format"] == "av" and [(l.character, l.text) for s in av.scenes for l in s.lines] == [("narrator", "Every cup starts here.")]


def epub(title: str, author: str, chapters: list[str]) -> bytes:
    "An e-book (.epub) of these XHTML bodies, in this order, with this title and author."
    import io, zipfile
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                   '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
        items = "".join(f'<item id="c{k}" href="text/c{k}.xhtml" media-type="application/xhtml+xml"/>' for k in range(len(chapters)))
        spine = "".join(f'<itemref idref="c{k}"/>' for k in reversed(range(len(chapters)))) # read in the spine's order, not the files'
        z.writestr("OEBPS/content.opf", f'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                   f'<metadata><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator></metadata><manifest>{items}</manifest><spine>{spine}</spine></package>')
        for k, body in enumerate(chapters):
            z.writestr(f"OEBPS/text/c{len(chapters) - 1 - k}.xhtml", f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title>'
                       f'<style>p {{ margin: 0 }}</style></head><body>{body}</body></html>')
    return b.getvalue()


def test_a_play_as_an_epub(tmp_path):
    "An e-book of a play: its documents in reading order, each read as a web page's words; the library's licence left out; its title and author."
    book = epub("A Doll's House", "Henrik Ibsen", [
        "<p>*** START OF THE PROJECT GUTENBERG EBOOK A DOLL'S HOUSE ***</p><h1>A DOLL'S HOUSE</h1>",
        "<h2>ACT I</h2><p>(SCENE.--A room furnished comfortably.)</p><p>Nora. Hide the Christmas Tree carefully, Helen.</p>"
        "<p>Helmer (calls out from his room). Is that my little lark twittering out there?</p><p>Nora. Yes, it is!</p>"
        "<p>Helmer. Is it my little squirrel bustling about?</p>",
        "<p>*** END OF THE PROJECT GUTENBERG EBOOK A DOLL'S HOUSE ***</p><p>Section 1. General terms of use and the licence.</p>"])
    p = tmp_path / "dolls house.epub"
    p.write_bytes(book)
    sb = parse_file(p)
    assert (sb.title, sb.source["title_page"]["author"]) == ("A Doll's House", "Henrik Ibsen")
    assert [s.heading for s in sb.scenes] == ["ACT I"] and sb.scenes[0].action == "SCENE.--A room furnished comfortably."
    assert [(l.character, l.text) for l in sb.scenes[0].lines] == [
        ("nora", "Hide the Christmas Tree carefully, Helen."), ("helmer", "Is that my little lark twittering out there?"),
        ("nora", "Yes, it is!"), ("helmer", "Is it my little squirrel bustling about?")]
    assert "licence" not in " ".join(s.action for s in sb.scenes)


COMIC = """THE LIGHTHOUSE KEEPER
Issue #1 — Script by Dana Reyes

PAGE ONE (three panels)

PANEL 1
Wide establishing shot. A lighthouse on a black cliff, storm clouds rolling in.

1. CAPTION: Maine. 1952.

PANEL 2
ELSIE (60s, wiry, oilskin coat) climbs the spiral stairs with a lantern.

2. ELSIE: Every night the same hundred steps.

PANEL 3
Close on Elsie's hand on the rail.

3. ELSIE (small): Ninety-nine. One hundred.
4. SFX: KRAKOOM

PAGE TWO

Panel 1
The lamp room. A young man, TOM, soaked, stands by the lens.

5. TOM: I'm sorry. The door was open.
6. ELSIE: That door has been locked for forty years.
"""


def test_a_comic_script_is_a_scene_a_panel():
    sb = parse_script(COMIC)
    assert (sb.source["format"], sb.title) == ("dialogue", "THE LIGHTHOUSE KEEPER")
    assert [s.heading for s in sb.scenes] == ["PANEL 1", "PANEL 2", "PANEL 3", "Panel 1"] # a page holds panels: no scene of its own
    assert sb.scenes[0].action.startswith("Wide establishing shot. A lighthouse") and sb.scenes[3].action.startswith("The lamp room.")
    assert [u.text for u in sb.scenes[0].supers] == ["THE LIGHTHOUSE KEEPER", "Maine. 1952."] # the title, and a caption's words on screen
    assert [c.name for c in sb.characters] == ["Elsie", "Tom"] # nothing else speaks: not a panel, a page, a caption nor a sound
    assert lines(sb) == [("elsie", "Every night the same hundred steps.", None, None), ("elsie", "Ninety-nine. One hundred.", "small", None),
                         ("tom", "I'm sorry. The door was open.", None, None), ("elsie", "That door has been locked for forty years.", None, None)]
    said = " ".join(l.text for s in sb.scenes for l in s.lines) + " ".join(s.action for s in sb.scenes)
    assert "PAGE" not in said and "KRAKOOM" not in said
    # written as a screenplay: each panel over what it shows, cues over speeches
    fountain = parse_script("PAGE ONE\n\nPANEL 1\nA lighthouse in a storm.\n\nPANEL 2\nElsie on the stairs.\n\nELSIE\nEvery night.\n\n"
                            "ELSIE\nThe same hundred steps.\n")
    assert [(s.heading, s.action, [l.text for l in s.lines]) for s in fountain.scenes] == [
        ("PANEL 1", "A lighthouse in a storm.", []), ("PANEL 2", "Elsie on the stairs.", ["Every night.", "The same hundred steps."])]


def test_headings_numbered_spelt_out_or_stopped_keep_their_place_and_time():
    script = ("1. INT. KITCHEN. NIGHT.\n\nSam makes tea.\n\nSAM\nMilk?\n\n2. EXT. GARDEN — DAY\n\nRain on the roses.\n\n"
              "INTERIOR - HALLWAY - CONTINUOUS\n\nSam walks through.\n\n12A INT. CAR (NIGHT) 12A\n\nSAM\nNearly there.\n")
    sb = parse_script(script)
    assert sb.source["format"] == "fountain"
    want = [("INT", "KITCHEN", "NIGHT"), ("EXT", "GARDEN", "DAY"), ("INT", "HALLWAY", "DAY"), ("INT", "CAR", "NIGHT")]
    assert [(s.setting, s.location, s.time_of_day) for s in sb.scenes] == want # CONTINUOUS: the time before it goes on
    assert lines(sb) == [("sam", "Milk?", None, None), ("sam", "Nearly there.", None, None)]
    dialogue = parse_script("1. INT. KITCHEN. NIGHT.\nSam makes tea.\nSAM: Milk?\nJO: Please.\n\n2) EXTERIOR. GARDEN, DAY\nJO: Rain again.\n")
    assert dialogue.source["format"] == "dialogue"
    assert [(s.setting, s.location, s.time_of_day) for s in dialogue.scenes] == [("INT", "KITCHEN", "NIGHT"), ("EXT", "GARDEN", "DAY")]
    shooting = parse_script("12 INT. DINER - NIGHT 12\n\nMara waits.\n\n13 OMITTED 13\n\n14 EXT. STREET - NIGHT 14\n\nRain.\n\nSCENES 15-17 OMITTED\n")
    assert [(s.location, s.action) for s in shooting.scenes] == [("DINER", "Mara waits."), ("STREET", "Rain.")] # cut scenes are no action
    either = parse_script("INT. HOUSE - DAY\n\nRain.\n\nE/I BUS - NIGHT\n\nRain.\n\nEXT./INT. CAR - DAY\n\nJO\nDrive.\n")
    assert [(s.setting, s.location) for s in either.scenes] == [("INT", "HOUSE"), ("INT/EXT", "BUS"), ("INT/EXT", "CAR")] # either way round
    prose = parse_script("Interior designers came on Monday. They painted the kitchen.\n\nExterior walls came next.\n")
    assert prose.source["format"] == "prose" and all(s.setting is None for s in prose.scenes) # the words in a sentence open no scene


def test_voices_off_screen_in_other_languages_are_heard_not_seen():
    sb = parse_script("INT. CUISINE - NUIT\n\nMarie fait la vaisselle.\n\nPAUL (VOIX OFF)\nTu as vu mes clés ?\n\nMARIE\nSur la table.\n\n"
                      "PAUL (HORS CHAMP) (SUITE)\nElles n'y sont pas.\n\nEXT. JARDIN – JOUR\n\nHANS (AUS DEM OFF)\nKomm raus!\n\n"
                      "JUAN (VOZ EN OFF)\n¡Ya voy!\n\nMARIE (OVER RADIO)\nAllô ?\n")
    assert lines(sb) == [("paul", "Tu as vu mes clés ?", None, "VOIX OFF"), ("marie", "Sur la table.", None, None),
                         ("paul", "Elles n'y sont pas.", None, "HORS CHAMP"), ("hans", "Komm raus!", None, "AUS DEM OFF"),
                         ("juan", "¡Ya voy!", None, "VOZ EN OFF"), ("marie", "Allô ?", None, "OVER RADIO")] # no mouth moves for them
    east = parse_script("第一场 内景 公寓 夜\n\n马丽（画外音）：你回来了吗？\n李雷：回来了。\n")
    assert [(l.text, l.parenthetical, l.extension) for l in east.scenes[0].lines] == [("你回来了吗？", None, "画外音"), ("回来了。", None, None)]


def test_a_video_scripts_sections_with_their_times_and_titles():
    sb = parse_script("HOOK (0:00–0:15)\n[B-ROLL: drone shot over a foggy forest]\nVO: What if I told you this forest is older than the pyramids?\n\n"
                      "INTRO (0:15–0:45)\n[ON CAMERA]\nHOST: Hey everyone, welcome back to the channel.\n[ON-SCREEN TEXT: \"Pando, Utah\"]\n\n"
                      "SECTION 1: THE TREE THAT IS A FOREST\n[B-ROLL: aspen trunks in autumn]\nVO: Pando looks like forty thousand trees. It is one.\n\n"
                      "OUTRO - 4:30\nHOST: Thanks for watching.\n")
    assert [(s.heading, s.action) for s in sb.scenes] == [("HOOK", "drone shot over a foggy forest"), ("INTRO", ""),
                                                          ("SECTION 1: THE TREE THAT IS A FOREST", "aspen trunks in autumn"), ("OUTRO", "")]
    assert [c.name for c in sb.characters] == ["Narrator", "Host"] # a section is not a speaker
    assert [u.text for u in sb.scenes[1].supers] == ["Pando, Utah"]
    assert [(l.character, l.extension) for s in sb.scenes for l in s.lines] == [("narrator", "V.O."), ("host", None), ("narrator", "V.O."), ("host", None)]


def test_a_table_of_lines_as_markdown_a_documents_table_or_a_spreadsheet(tmp_path):
    "Who says what, a row a line, with how and what is seen where the table has them: as a chat assistant writes it, copied out of a document, or saved from a spreadsheet."
    md = parse_script("# The Call\n\n| Scene | Character | Dialogue | Tone | Action |\n|---|---|---|---|---|\n"
                      "| 1 | Anna | Where were you? | angry | A café at dawn. Anna waits by the window. |\n"
                      "| 1 | Ben | Stuck in traffic. (sighs) Sorry. | | A café at dawn. Anna waits by the window. |\n"
                      "| 2 | Narrator | Later that night. | | A rainy street. |\n| 2 | SFX | Thunder. | | |\n"
                      "| 2 | Anna (V.O.) | You always say that. | | |\n")
    assert (md.title, [(s.heading, s.action) for s in md.scenes]) == (
        "The Call", [("Scene 1", "A café at dawn. Anna waits by the window."), ("Scene 2", "A rainy street.")]) # a scene's picture once
    want = [("anna", "Where were you?", "angry", None), ("ben", "Stuck in traffic. Sorry.", "sighs", None),
            ("narrator", "Later that night.", None, "V.O."), ("anna", "You always say that.", None, "V.O.")]
    assert lines(md) == want and [c.name for c in md.characters] == ["Anna", "Ben", "Narrator"] # a sound is no one
    copied = parse_script("Character\tLine\nAnna\tWhere were you?\n\nBen\tStuck in traffic.\n")
    assert lines(copied) == [("anna", "Where were you?", None, None), ("ben", "Stuck in traffic.", None, None)]
    sheet = tmp_path / "the_call.csv" # semicolons, as a spreadsheet saves them where a comma is the decimal mark; a cell over two lines
    sheet.write_text('Location;Character;Line\nINT. CAFÉ - DAWN;Anna;Where were you?\nINT. CAFÉ - DAWN;Ben;"Stuck in traffic;\nsorry."\n'
                     'EXT. STREET - NIGHT;Anna;"You always say ""sorry""."\n')
    sb = parse_file(sheet)
    assert [(s.setting, s.location, s.time_of_day) for s in sb.scenes] == [("INT", "CAFÉ", "DAWN"), ("EXT", "STREET", "NIGHT")]
    assert lines(sb) == [("anna", "Where were you?", None, None), ("ben", "Stuck in traffic; sorry.", None, None),
                         ("anna", 'You always say "sorry".', None, None)]
    assert [s.source_line for s in sb.scenes] == [2, 5] # each record where it starts in the file
    prose = parse_script("Anna, who had waited an hour, looked up.\n\nBen came in, soaked.\n")
    assert prose.source["format"] == "prose" # commas in a story's first line make no table


MULTICAM = """                              ACT ONE

                              SCENE A

FADE IN:

INT. COFFEE HOUSE - DAY  (DAY 1)
(Monica, Joey, Chandler)

MONICA, JOEY AND CHANDLER SIT ON THE COUCH.

                    MONICA
          THERE'S NOTHING TO TELL! HE'S JUST
          SOME GUY I WORK WITH!

                    JOEY
          C'MON, YOU'RE GOING OUT WITH THE
          GUY! THERE'S GOTTA BE SOMETHING
          WRONG WITH HIM!

          (CHANDLER GETS UP)

                    CHANDLER
          ALL RIGHT JOEY, BE NICE.

                                             DISSOLVE TO:

                              SCENE B

INT. MONICA'S APARTMENT - NIGHT  (NIGHT 1)
(Monica, Rachel)

                    RACHEL
          HI.
"""


def test_a_multi_camera_sitcoms_lettered_scenes():
    "A sitcom's script: `SCENE A` over each scene's heading (structure, not a scene to paint), speech in capitals, directions in parentheses."
    sb = parse_script(MULTICAM)
    assert sb.source["format"] == "fountain"
    assert [(s.setting, s.location, s.time_of_day, s.transition.kind) for s in sb.scenes] == [
        ("INT", "COFFEE HOUSE", "DAY", "dissolve"), ("INT", "MONICA'S APARTMENT", "NIGHT", "cut")]
    assert [(l.character, l.text[:20]) for s in sb.scenes for l in s.lines] == [
        ("monica", "THERE'S NOTHING TO T"), ("joey", "C'MON, YOU'RE GOING "), ("chandler", "ALL RIGHT JOEY, BE N"), ("rachel", "HI.")]
    assert "CHANDLER GETS UP" in sb.scenes[0].action
    lettered = parse_script("SCENE A\n\nMONICA: Hi.\n\nSCENE B\n\nJOEY: Hey.\n")
    assert [(s.heading, [l.text for l in s.lines]) for s in lettered.scenes] == [("SCENE A", ["Hi."]), ("SCENE B", ["Hey."])]


def test_pictures_dressing_a_script_are_not_its_words():
    "A script as social media and chat apps dress it: emoji before the speakers and around the headings."
    sb = parse_script("🎬 Scene 1: The Coffee Shop ☕\n\n👩 Anna: Did you bring it?\n👨 Ben: Of course! 😄\n🎵 Music: upbeat lo-fi\n\n"
                      "🎬 Scene 2: The Park 🌳\n👩 Anna: Let's go.\n")
    assert [(s.heading, s.location) for s in sb.scenes] == [("Scene 1: The Coffee Shop", "The Coffee Shop"), ("Scene 2: The Park", "The Park")]
    assert lines(sb) == [("anna", "Did you bring it?", None, None), ("ben", "Of course! 😄", None, None), ("anna", "Let's go.", None, None)]


def test_a_screenplay_copied_out_of_a_pdf_viewer_or_typed_without_blank_lines(examples):
    "A PDF's text as a viewer copies it (no indents, no blank lines, lines wrapped at the page's columns, page numbers and `(MORE)`) reads as its Fountain; so does a script typed with no blank lines."
    import io
    import pypdf
    from screenplain.export.pdf import to_pdf
    from screenplain.parsers import fountain
    source = (examples / "last_train.fountain").read_text()
    buf = io.BytesIO()
    to_pdf(fountain.parse(io.StringIO(source)), buf)
    copied = "\n".join(p.extract_text() for p in pypdf.PdfReader(buf).pages) # the text alone, as a viewer's copy gives it
    assert "NIGHT\nRain hammers" in copied and "MAYA\n(breathless)\nNo. No, no, no." in copied # no blank line between elements
    sb, written = parse_script(copied), parse_script(source)
    assert (sb.source["format"], sb.title, sb.source["title_page"]["author"]) == ("fountain", "The Last Train", "Ines Marlow") # its first page
    same = lambda s: s.model_dump(exclude={"source_line", "lines"})
    assert [same(s) for s in sb.scenes] == [same(s) for s in written.scenes] # headings, paragraphs of action, transitions, prompts
    assert [(l.character, l.text, l.parenthetical, l.extension) for s in sb.scenes for l in s.lines] == \
        [(l.character, l.text, l.parenthetical, l.extension) for s in written.scenes for l in s.lines] # only dual dialogue's columns are lost
    assert sb.characters == written.characters
    lines_of = copied.split("\n")
    assert all(lines_of[s.source_line - 1].strip() == s.heading for s in sb.scenes) # each scene where the copy has it
    typed = parse_script("INT. KITCHEN - NIGHT\nSam makes tea.\nSAM\nMilk?\nJO\n(not looking up)\nPlease.\nSam pours. The kettle clicks off.\n"
                         "SAM\nYou're quiet tonight.\nCUT TO:\nEXT. GARDEN - NIGHT\nRain.\n")
    assert [(s.heading, s.action, s.transition.kind) for s in typed.scenes] == [
        ("INT. KITCHEN - NIGHT", "Sam makes tea.\n\nSam pours. The kettle clicks off.", "cut"), ("EXT. GARDEN - NIGHT", "Rain.", "cut")]
    assert lines(typed) == [("sam", "Milk?", None, None), ("jo", "Please.", "not looking up", None), ("sam", "You're quiet tonight.", None, None)]


NOVEL = """Chapter One

The rain had not stopped for three days when Elena finally opened the letter.

"You should read it," her brother said from the doorway.

"I know what it says." She turned it over in her hands. "He's not coming back, Marco."

Marco sat beside her. "Then we go to him."

"To Genoa? In this?"

"In this."

The sign by the door said "CLOSED" and she laughed.

Chapter Two

The train to Genoa was nearly empty.
"""


def test_a_novels_speech_without_said_goes_to_whom_the_story_gives_it():
    "A novel's dialogue as novels write it: someone described (`her brother said`), a sentence beside the quote about who speaks (`Marco sat beside her.`), and a conversation's quotes with no one named, in turn."
    sb = parse_script(NOVEL)
    assert sb.source["format"] == "prose"
    assert [(c.name, c.traits.gender) for c in sb.characters] == [("Elena", "female"), ("Brother", "male"), ("Marco", "male")] # nothing said of Marco but his name, a man's
    assert lines(sb) == [("brother", "You should read it", None, None), ("elena", "I know what it says.", None, None),
                         ("elena", "He's not coming back, Marco.", None, None), ("marco", "Then we go to him.", None, None),
                         ("elena", "To Genoa? In this?", None, None), ("marco", "In this.", None, None)] # a sign's word is not said
    assert [c.id for c in sb.characters if c.name == "Genoa"] == [] # a place after `to` is no one


def test_a_news_scripts_voice_over_clips_and_lower_thirds():
    "A television news script: `(VO)` has the anchor read the words under it over pictures, `(SOT)` a clip's speaker follows, `CG:` and `FONT:` are words on screen."
    sb = parse_script("ANCHOR (ON CAM): Good evening. A fire broke out downtown this afternoon.\n\n(VO)\n"
                      "Firefighters arrived within minutes and had the blaze under control by four.\n\nCG: DOWNTOWN FIRE / MAIN STREET\n\n"
                      "(SOT)\nWITNESS: I saw the smoke from my window and just ran.\nFONT: Dana Ruiz / Neighbour\n\nANCHOR (ON CAM): No one was hurt.\n")
    assert lines(sb) == [("anchor", "Good evening. A fire broke out downtown this afternoon.", None, None),
                         ("anchor", "Firefighters arrived within minutes and had the blaze under control by four.", None, "V.O."),
                         ("witness", "I saw the smoke from my window and just ran.", None, None), ("anchor", "No one was hurt.", None, None)]
    assert [(u.text, u.after_line) for u in sb.scenes[0].supers] == [("DOWNTOWN FIRE / MAIN STREET", 2), ("Dana Ruiz / Neighbour", 3)]
    assert [c.name for c in sb.characters] == ["Anchor", "Witness"]


def test_scenes_and_speakers_in_arabic_hebrew_hindi_and_russian():
    "A scene's marker in the script's own language names its place and time; a name whose letters take marks (Devanagari's vowel signs) is a speaker all through."
    cases = {"المشهد 1 - مقهى - ليل\n\nأحمد: هل رأيت القطار الأخير؟\nليلى: لا، لقد فاتني.\n": ("مقهى", "ar"),
             "סצנה 1 - תחנת רכבת - לילה\n\nדנה: זו הרכבת האחרונה?\nיוסי: כן, גברתי.\n": ("תחנת רכבת", "he"),
             "दृश्य 1 - रेलवे स्टेशन - रात\n\nमाया: क्या यह आखिरी ट्रेन है?\nथियो: हाँ, मैडम।\n": ("रेलवे स्टेशन", "hi"),
             "Сцена 1. Вокзал. Ночь.\n\nМАЙЯ: Это последний поезд?\nТЕО: Да, мадам.\n": ("Вокзал", "ru")}
    for script, (place, language) in cases.items():
        sb = parse_script(script)
        assert sb.title == "Untitled" and [(s.location, s.time_of_day) for s in sb.scenes] == [(place, "NIGHT")], script
        assert len(sb.characters) == 2 and len(sb.scenes[0].lines) == 2 and sb.characters[0].voice.language == language, script
    assert [c.name for c in parse_script(list(cases)[2]).characters] == ["माया", "थियो"]
    ru = parse_script("ИНТ. КВАРТИРА — НОЧЬ\n\nАнна ждёт у окна.\n\nАННА\nОн придёт?\n\nНАТ. УЛИЦА - ДЕНЬ\n\nДождь.\n")
    assert ru.source["format"] == "fountain" and [(s.setting, s.location, s.time_of_day) for s in ru.scenes] == [
        ("INT", "КВАРТИРА", "NIGHT"), ("EXT", "УЛИЦА", "DAY")]


STAGE_PLAY = """                         THE VISIT
                     A Play in One Act

CHARACTERS:
  ROSE, sixties
  DANIEL, her son, thirties

SETTING: A kitchen in a small house. Evening.

                         SCENE 1

          (Lights up. ROSE is at the sink. DANIEL enters with
          a suitcase.)

                         DANIEL
          Mum.

                         ROSE
          You're early.

                         DANIEL
          The train was on time for once.

          (She doesn't turn around.)

                         ROSE
          Put the kettle on, then.

                         END OF PLAY
"""


def test_a_stage_play_as_a_playwright_lays_it_out():
    "A one-act play as typed in a playwright's layout: its title over `A Play in One Act`, its characters and setting, a scene's marker, names centred over speeches and directions in parentheses."
    sb = parse_script(STAGE_PLAY)
    assert (sb.title, sb.source["format"]) == ("THE VISIT", "fountain")
    assert [c.name for c in sb.characters] == ["Daniel", "Rose"] and sb.characters[1].traits.gender == "female" # the cast list's `sixties`
    assert sb.scenes[0].action == "A kitchen in a small house. Evening." # the setting, without its label
    assert [(l.character, l.text) for l in sb.scenes[1].lines] == [("daniel", "Mum."), ("rose", "You're early."),
                                                                   ("daniel", "The train was on time for once."), ("rose", "Put the kettle on, then.")]


def test_speakers_set_off_by_a_dash_an_arrow_or_brackets():
    "`ANNA — …` as French and Russian plays and many typed scripts write it, `ANNA > …`, `[Anna] …`, and a chat log's `<anna> …`: each a line said."
    for sep in (" - ", " – ", " — ", " > ", " | "):
        sb = parse_script(f"ANNA{sep}Where were you?\nBEN (O.S.){sep}Stuck in traffic.\nANNA{sep}Again?\nSFX{sep}A horn.\n")
        assert lines(sb) == [("anna", "Where were you?", None, None), ("ben", "Stuck in traffic.", None, "O.S."), ("anna", "Again?", None, None)], sep
        assert sb.scenes[0].action == "", sep # a sound is not painted as action
    irc = parse_script("<anna> where were you?\n<ben> stuck in traffic\n<anna> again?\n")
    assert [(l.character, l.text) for s in irc.scenes for l in s.lines] == [("anna", "where were you?"), ("ben", "stuck in traffic"), ("anna", "again?")]
    prose = parse_script("PARIS - the city of light, she thought.\n\nShe had never been.\n")
    assert prose.characters == [] # one such line is no conversation


def test_a_picture_books_named_animals_with_their_titles():
    "`said Old Brown Owl`, `Mr. Fox laughed … he said`: names of more than a word, and a title's; a mouse called Millie is a mouse; a night under the moon is out of doors."
    from videogen.image import Look
    from videogen.sets import place_for
    from videogen.words import read_scene
    sb = parse_script("""Millie and the Moon

Once upon a time there was a little mouse called Millie who lived under the roots of an old oak tree.

One night Millie looked up at the moon. "I want to touch it," she whispered.

Old Brown Owl was sitting on a branch above her. "The moon is very far away, little one," said Old Brown Owl.

"Then I will climb the tallest hill," said Millie.

Mr. Fox laughed from the bushes. "A mouse on a hill is a mouse for my supper," he said.
""")
    said = [(l.character, l.text[:12]) for s in sb.scenes for l in s.lines]
    assert said == [("millie", "I want to to"), ("old-brown-owl", "The moon is "), ("millie", "Then I will "), ("mr-fox", "A mouse on a")], said
    assert [c.name for c in sb.characters] == ["Millie", "Old Brown Owl", "Mr. Fox"]
    assert {c.id: Look.of(c).animal for c in sb.characters} == {"millie": "mouse", "old-brown-owl": "owl", "mr-fox": "fox"}
    assert sb.character("old-brown-owl").traits.gender is None # "above her" is Millie
    assert sb.character("mr-fox").description == "Mr. Fox laughed from the bushes."
    night = sb.scenes[1]
    assert place_for(night, read_scene(night, sb.characters)).name == "outdoors"


CHATS = {
    "a podcast's transcript": "[00:00:00] Host: Welcome back. Today we're talking about lighthouses, and why they still matter.\n"
                              "[00:00:05] Guest: Thanks for having me. I've spent twenty years restoring them on this coast.\n"
                              "[00:00:12] Host: What got you started?\n[00:00:15] Guest: My grandfather kept one.\n",
    "WhatsApp on Android": "12/03/2024, 10:15 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.\n"
                           "12/03/2024, 10:15 - Anna: Are you still coming?\n12/03/2024, 10:16 - Ben: Running late\n"
                           "12/03/2024, 10:17 - Ben: <Media omitted>\n12/03/2024, 10:18 - Anna: Of course\n12/03/2024, 10:19 - Ben: Save me cake\n",
    "WhatsApp on iOS": "\u200e[12/03/2024, 10:15:02] Anna: Are you still coming?\n[12/03/2024, 10:16:40] Ben: Running late\n"
                       "[12/03/2024, 10:16:50] Ben: \u200eimage omitted\n[12/03/2024, 10:16:55] Anna: Of course\n"
                       "[12/03/2024, 10:17:00] \u200eAnna changed the group name to \"Cake\"\n[12/03/2024, 10:18:01] Ben: Save me cake\n",
    "Slack": "Anna  10:15 AM\nAre you still coming?\n\nBen  10:16 AM\nRunning late\n\nAnna  10:16 AM\nOf course\n\nBen  10:18 AM\nSave me cake\n",
    "Discord": "Anna — Today at 10:15 AM\nAre you still coming?\nBen — Today at 10:16 AM\nRunning late\n"
               "Anna — Today at 10:16 AM\nOf course\nBen — Yesterday at 9:02 PM\nSave me cake\n",
    "Telegram's JSON": json.dumps({"name": "Anna", "type": "personal_chat", "messages": [
        {"id": 1, "type": "message", "date": "2024-03-12T10:15:02", "from": "Anna", "text": "Are you still coming?"},
        {"id": 2, "type": "message", "date": "2024-03-12T10:16:40", "from": "Ben", "text": "Running late"},
        {"id": 3, "type": "service", "date": "2024-03-12T10:16:50", "actor": "Ben", "action": "pin_message", "text": ""},
        {"id": 4, "type": "message", "date": "2024-03-12T10:16:55", "from": "Anna", "text": ["Of ", {"type": "bold", "text": "course"}]},
        {"id": 5, "type": "message", "date": "2024-03-12T10:18:01", "from": "Ben", "text": "Save me cake"}]}),
    "Messenger's JSON, newest first": json.dumps({"participants": [{"name": "Anna"}, {"name": "Ben"}], "messages": [
        {"sender_name": "Ben", "timestamp_ms": 1710238681000, "content": "Save me cake"},
        {"sender_name": "Anna", "timestamp_ms": 1710238615000, "content": "Of course"},
        {"sender_name": "Ben", "timestamp_ms": 1710238600000, "content": "Running late"},
        {"sender_name": "Ben", "timestamp_ms": 1710238590000, "photos": [{"uri": "a.jpg"}]},
        {"sender_name": "Anna", "timestamp_ms": 1710238502000, "content": "Are you still coming?"}]}),
    "Microsoft Teams, copied": "Anna\n10:15 AM\nAre you still coming?\n\nBen\n10:16 AM\nRunning late\n\nAnna\n10:16 AM\nOf course\n\n"
                               "Ben\n10:18 AM\nSave me cake\n",
    "Zoom's chat": "10:15:02 From Anna to Everyone:\n\tAre you still coming?\n10:16:40 From Ben to Anna (Privately):\n\tRunning late\n"
                   "10:16:55 From Anna to Everyone:\n\tOf course\n10:18:01 From Ben to Everyone:\n\tSave me cake\n",
    "Zoom's older chat": "10:15:02\t From  Anna : Are you still coming?\n10:16:40\t From  Ben : Running late\n"
                         "10:16:55\t From  Anna : Of course\n10:18:01\t From  Ben : Save me cake\n",
}


@pytest.mark.parametrize("kind", CHATS)
def test_chats_and_transcripts_with_times_are_their_messages(kind):
    "A stamp a message: each message its sender's line, long lines not run together; what the export writes for a picture or of the chat itself is not said."
    sb = parse_script(CHATS[kind])
    said = [(l.character, l.text) for s in sb.scenes for l in s.lines]
    if kind == "a podcast's transcript":
        assert [c for c, _ in said] == ["host", "guest", "host", "guest"] and said[2][1] == "What got you started?", said
    else:
        assert said == [("anna", "Are you still coming?"), ("ben", "Running late"), ("anna", "Of course"), ("ben", "Save me cake")], said
    assert not any(s.action for s in sb.scenes), [s.action for s in sb.scenes]


def test_a_classic_novels_characters_named_by_the():
    "`said the Caterpillar`, `the March Hare said`: a character a story calls by a capitalised noun; `Alice replied, rather shyly, \"…\"`; a title in title case with `from` in it."
    sb = parse_script('Advice from a Caterpillar\n\n'
                      'The Caterpillar and Alice looked at each other for some time in silence.\n\n'
                      '"Who are you?" said the Caterpillar.\n\n'
                      'This was not an encouraging opening for a conversation. Alice replied, rather shyly, "I hardly know, sir, just at present."\n\n'
                      '"Have some wine," the March Hare said in an encouraging tone.\n')
    assert sb.title == "Advice from a Caterpillar"
    said = [(l.character, l.text) for s in sb.scenes for l in s.lines]
    assert said == [("caterpillar", "Who are you?"), ("alice", "I hardly know, sir, just at present."), ("march-hare", "Have some wine")], said


def test_a_picture_books_pages_are_its_scenes():
    "`Page 1` over its words: a page a picture, and no place called `Page 1`; a thing a story has speak (`said the little cloud`) speaks."
    sb = parse_script("The Little Cloud\n\nPage 1\nThere was once a little cloud who lived high above a sleepy town.\n\n"
                      "Page 2\nEvery morning the little cloud watched the children walk to school.\n\n"
                      'Page 3\n"I wish I could play with them," said the little cloud sadly.\n\nThe End\n')
    assert sb.title == "The Little Cloud"
    assert [(s.heading, s.location) for s in sb.scenes] == [("Page 1", ""), ("Page 2", ""), ("Page 3", "")]
    assert [(l.character, l.text) for l in sb.scenes[2].lines] == [("little-cloud", "I wish I could play with them")]
    assert sb.character("little-cloud").description == "a little cloud"
    assert all("page" not in s.image_prompt.lower() for s in sb.scenes)


def test_a_songs_lyrics_make_a_lyric_video():
    "`[Verse 1]`, `Chorus:`, `(Bridge)`, `[Chorus x2]`: a scene a part, each of its lines on screen in turn, painted from its words; a story with an intro is no song."
    sb = parse_script("Harbour Lights\n\n[Verse 1: Ana]\nThe boats come home at evening\nThe gulls are crying low\n\n"
                      "Chorus:\nHarbour lights, harbour lights\nBring my sailor home tonight\n\n(Bridge)\nThe lamp is in the window\n\n"
                      "[Chorus x2]\nHarbour lights, harbour lights\nBring my sailor home tonight\n")
    assert [(s.heading, s.location) for s in sb.scenes] == [("Verse 1", ""), ("Chorus", ""), ("Bridge", ""), ("Chorus", "")]
    assert [[w.text for w in s.supers if w.kind == "super"] for s in sb.scenes][:2] == [
        ["The boats come home at evening", "The gulls are crying low"], ["Harbour lights, harbour lights", "Bring my sailor home tonight"]]
    assert sb.scenes[0].supers[0].kind == "title" and all(not s.lines for s in sb.scenes)
    assert all(s.duration >= sum(w.showing for w in s.supers) for s in sb.scenes)
    assert "The boats come home at evening. The gulls are crying low." in sb.scenes[0].image_prompt and "verse" not in sb.scenes[0].image_prompt.lower()
    from videogen.rendering import prepare_render
    told = []
    prepare_render(sb, dict(resolution="480p"), on_event=lambda e: told.append(e.message) if e.level == "warning" else None)
    assert told == [] # its words are on screen: no advice to have the narrator speak them
    story = parse_script("Intro\n\nThe rain had not stopped for three days, and the river was rising fast under the old stone bridge.\n\n"
                         "Outro\n\nBy morning the water had gone down, and the town came out to count what it had lost.\n")
    assert not any(s.supers and s.supers[-1].kind == "super" for s in story.scenes)


def test_aesops_fable_with_its_characters_capitalised():
    "`A Hare was making fun of the Tortoise`: a fable's animals named by a capitalised noun are its characters, his question is the Hare's, and they are drawn out of doors as a hare and a tortoise."
    from videogen.image import Look
    from videogen.sets import place_for
    from videogen.words import read_scene
    sb = parse_script("The Tortoise and the Hare\n\nA Hare was making fun of the Tortoise one day for being so slow.\n\n"
                      '"Do you ever get anywhere?" he asked with a mocking laugh.\n\n'
                      '"Yes," replied the Tortoise, "and I get there sooner than you think."\n\n'
                      "So the Fox, who had consented to act as judge, marked the distance and started the runners off.\n")
    assert [c.name for c in sb.characters] == ["Hare", "Tortoise", "Fox"]
    assert [(l.character, l.text[:10]) for s in sb.scenes for l in s.lines] == [("hare", "Do you eve"), ("tortoise", "Yes"), ("tortoise", "and I get ")]
    assert [Look.of(c).animal for c in sb.characters] == ["hare", "tortoise", "fox"]
    assert {place_for(s, read_scene(s, sb.characters)).name for s in sb.scenes} == {"outdoors"}


def test_a_storyboards_frames_and_words_on_screen_in_sentence_case():
    "`Frame 1 - Wide shot …` on one line: a scene, and what it shows; `Text on screen:`, `On-screen text:`, `Caption:` as chat assistants write them are words on screen, never speakers; `Slide 2: …` is a scene; a title in Markdown over bold headings."
    sb = parse_script('Frame 1 - Wide shot of a city at dawn. Text on screen: "Every city wakes up."\nOn-screen text: Day one\n'
                      'Caption: Paris, 1944\nVoiceover: Every morning, millions of people start their day.\n\n'
                      'Frame 2 - Close on a coffee cup.\nVoiceover: And most of them start it the same way.\n')
    assert [(s.heading, s.action, s.time_of_day) for s in sb.scenes] == [("Frame 1", "Wide shot of a city at dawn.", "DAWN"),
                                                                        ("Frame 2", "Close on a coffee cup.", "DAWN")]
    assert [w.text for w in sb.scenes[0].supers] == ["Every city wakes up.", "Day one", "Paris, 1944"]
    assert [c.id for c in sb.characters] == ["narrator"]
    slides = parse_script("Quarterly Update\n\nSlide 1: Welcome\nHi everyone, and welcome to our quarterly update.\n\n"
                          "Slide 2: What we shipped\nThis quarter we shipped the new dashboard.\n")
    assert [s.heading for s in slides.scenes] == ["Slide 1: Welcome", "Slide 2: What we shipped"] and not slides.characters
    md = parse_script("# The Interview\n\n**INT. OFFICE - DAY**\n\nA small office.\n\n**JOHN**\nSo, why this job?\n\n**MARIA**\nBecause I'm good at it.\n")
    assert md.title == "The Interview" and [(s.setting, s.location, s.time_of_day) for s in md.scenes] == [("INT", "OFFICE", "DAY")]
    assert [l.character for l in md.scenes[0].lines] == ["john", "maria"]


def test_a_script_saved_by_a_windows_editor_in_western_european():
    "Notepad's ANSI or Word's plain text: é, curly quotes and dashes as single Windows-1252 bytes are read, with a warning; UTF-8 cut short is still refused."
    import warnings
    from videogen.core import ScriptParsingError
    data = "INT. CAFÉ - NIGHT\n\nMARA\n“We’re late,” she says — again…\n\nJOSÉ\n¿Dónde está la estación?\n".encode("cp1252")
    with warnings.catch_warnings(record=True) as told:
        warnings.simplefilter("always")
        sb = parse_script(data)
    assert any("Windows-1252" in str(w.message) for w in told), [str(w.message) for w in told]
    assert sb.scenes[0].location == "CAFÉ" and [l.text for l in sb.scenes[0].lines] == ["“We’re late,” she says — again…", "¿Dónde está la estación?"]
    with pytest.raises(ScriptParsingError):
        parse_script("ANN: hi\nBOB: café".encode("utf-8")[:-1])


def test_a_fairy_tale_with_a_name_of_four_words():
    "`said Little Red Riding Hood`, `her mother said, \"…\"`, `asked the wolf`: each speaks; the wolf is a wolf, the girl a girl of about eight in red."
    from videogen.words import animal_of
    sb = parse_script("Little Red Riding Hood\n\nOnce upon a time there was a little girl who wore a red riding cloak, and everyone called her Little Red Riding Hood.\n\n"
                      'One day her mother said, "Take this basket of cakes to your grandmother."\n\n'
                      'In the woods she met a wolf. "Where are you going, little girl?" asked the wolf.\n\n'
                      '"To my grandmother\'s house," said Little Red Riding Hood.\n')
    assert [(l.character, l.text[:8]) for s in sb.scenes for l in s.lines] == [
        ("mother", "Take thi"), ("wolf", "Where ar"), ("little-red-riding-hood", "To my gr")]
    girl, wolf = sb.character("little-red-riding-hood"), sb.character("wolf")
    assert (girl.traits.age, girl.traits.gender, animal_of(girl), animal_of(wolf)) == (8, "female", None, "wolf")
    assert "red cloak" in girl.traits.clothes


PLAYS_ABROAD = {
    "Molière": ("LE MISANTHROPE\n\nACTE PREMIER\n\nSCÈNE PREMIÈRE\nPHILINTE, ALCESTE.\n\nPHILINTE.\nQu'est-ce donc ? Qu'avez-vous ?\n\n"
                "ALCESTE.\nLaissez-moi, je vous prie.\n\nSCÈNE II\nORONTE, ALCESTE.\n\nORONTE.\nJ'ai su là-bas que vous étiez ici.\n",
                "LE MISANTHROPE", ["SCÈNE PREMIÈRE", "SCÈNE II"]),
    "Schiller": ("Kabale und Liebe\n\nErster Akt\n\nErste Szene\nZimmer beim Musikus.\n\nMILLER. Einmal für allemal. Der Handel wird ernsthaft.\n\n"
                 "FRAU. Ich weiß nicht, was du willst.\n\nZweite Szene\n\nMILLER. Ich sage dir, Frau.\n",
                 "Kabale und Liebe", ["Erste Szene", "Zweite Szene"]),
    "Lorca": ("BODAS DE SANGRE\n\nACTO PRIMERO\n\nCUADRO PRIMERO\nHabitación pintada de amarillo.\n\nNOVIO. Madre.\n\nMADRE. ¿Qué?\n\n"
              "NOVIO. Me voy.\n\nCUADRO SEGUNDO\n\nMADRE. Hijo.\n", "BODAS DE SANGRE", ["CUADRO PRIMERO", "CUADRO SEGUNDO"]),
}


@pytest.mark.parametrize("play", PLAYS_ABROAD)
def test_plays_whose_acts_and_scenes_are_counted_in_words(play):
    "`SCÈNE PREMIÈRE`, `Erste Szene`, `CUADRO SEGUNDO`: scenes, not speakers or action; the act over them is structure; the title over the act is the title."
    text, title, headings = PLAYS_ABROAD[play]
    sb = parse_script(text)
    assert sb.title == title and [s.heading for s in sb.scenes] == headings, (sb.title, [s.heading for s in sb.scenes])
    assert all(s.lines for s in sb.scenes) and not any(c.name.lower().startswith(("scène", "erste", "cuadro")) for c in sb.characters)


def test_an_email_thread_is_its_senders_messages():
    "Emails copied out of a mail program one after another: each message said by its sender; headers, quotes, sign-offs and signatures unsaid."
    thread = ("From: Anna Reyes <anna@example.com>\nTo: Ben Cole <ben@example.com>\nSubject: The launch\n\nHi Ben,\n\n"
              "Are we still on for Friday? The posters came back from the printer today.\n\nBest,\nAnna\n\n"
              "From: ben.cole@example.com\nSent: Monday, 3 March\nTo: Anna Reyes\nSubject: RE: The launch\n\nYes! Friday at six.\n"
              "Bring the posters.\n\n--\nBen Cole | Events\n\nOn Mon, Anna Reyes <anna@example.com> wrote:\n> Are we still on for Friday?\n")
    sb = parse_script(thread)
    assert sb.title == "The launch" and [c.name for c in sb.characters] == ["Anna Reyes", "Ben Cole"]
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == [
        ("anna-reyes", "Hi Ben,"), ("anna-reyes", "Are we still on for Friday? The posters came back from the printer today."),
        ("ben-cole", "Yes! Friday at six. Bring the posters.")]
    assert not any(s.action for s in sb.scenes)


def test_a_screenplay_typed_in_lower_case_keeps_its_speakers():
    "Headings and cues typed without capitals: the headings are read as any case, and names over their speech are cues."
    sb = parse_script("int. kitchen - day\n\njohn enters, shaking rain off his coat.\n\njohn\nhey. you still up?\n\nmary\n(not looking up)\n"
                      "couldn't sleep.\n\next. porch - night\n\nthey sit together on the steps.\n")
    assert [c.name for c in sb.characters] == ["John", "Mary"]
    assert [(l.character, l.text, l.parenthetical) for s in sb.scenes for l in s.lines] == [
        ("john", "hey. you still up?", None), ("mary", "couldn't sleep.", "not looking up")]
    assert [(s.setting, s.time_of_day) for s in sb.scenes] == [("INT", "DAY"), ("EXT", "NIGHT")]


def test_a_first_person_story_and_a_thread_of_posts():
    "What the teller says (`\"Hello?\" I called`) is the narrator's; a thread's post numbers and its points' labels are not speakers."
    story = parse_script('The silence woke me.\n\n"Hello?" I called into the hallway. Nobody answered.\n\n"Anyone?" I said. "Please."\n')
    assert [(l.character, l.text, l.extension) for s in story.scenes for l in s.lines] == [
        ("narrator", "Hello?", "V.O."), ("narrator", "Anyone?", "V.O."), ("narrator", "Please.", "V.O.")]
    thread = parse_script("1/ I spent ten years building lighthouses. Here is what I learned.\n\n2/ First: the sea always wins.\n\n"
                          "3/ Second: keep a spare bulb.\n")
    assert thread.characters == [] and [s.action for s in thread.scenes] == [
        "I spent ten years building lighthouses. Here is what I learned.", "First: the sea always wins.", "Second: keep a spare bulb."]


def test_after_a_flashback_the_story_goes_on_where_it_left():
    "`BACK TO PRESENT` ends a flashback: the lines after it are said on the bridge, not on the farm of 1985; names with digits are cues."
    sb = parse_script("INT. SPACESHIP BRIDGE - NIGHT\n\nAlarms blare.\n\nAGENT 47\nStatus report.\n\nCOP #2\nHull breach on deck three.\n\n"
                      "R2-D2\n(beeping)\nBeep boop.\n\nFLASHBACK - EXT. FARM - DAY (1985)\n\nA young Agent 47 feeds chickens.\n\n"
                      "BACK TO PRESENT\n\nCOP #2\nIt's holding.\n\nEND FLASHBACK\n\nAGENT 47\nGood.\n")
    assert [c.name for c in sb.characters] == ["Agent 47", "Cop #2", "R2-D2"]
    assert [(s.location, s.time_of_day, [l.text for l in s.lines]) for s in sb.scenes] == [
        ("SPACESHIP BRIDGE", "NIGHT", ["Status report.", "Hull breach on deck three.", "Beep boop."]), ("FARM", "DAY", []),
        ("SPACESHIP BRIDGE", "NIGHT", ["It's holding.", "Good."])] # `END FLASHBACK` with none to end says nothing


def test_scenes_named_by_place_and_time_without_int_or_ext():
    "`KITCHEN - NIGHT` alone in capitals, in a script with cues: a scene heading, its place and time read; in a story, words as any."
    sb = parse_script("KITCHEN - NIGHT\n\nMaya pours coffee. Theo watches from the door.\n\nTHEO\nYou're up early.\n\nMAYA\nI never went to bed.\n\n"
                      "THE ROOF - LATER\n\nThey stand at the edge.\n\nMAYA\nIt looks different from up here.\n")
    assert [(s.location, s.time_of_day, [l.character for l in s.lines]) for s in sb.scenes] == [
        ("KITCHEN", "NIGHT", ["theo", "maya"]), ("THE ROOF", "NIGHT", ["maya"])]
    assert [s.action for s in sb.scenes] == ["Maya pours coffee. Theo watches from the door.", "They stand at the edge."]


def test_a_slide_deck_is_a_narrated_video(tmp_path):
    "A .pptx: a scene a slide shown, its title on screen, its words (a table's and a group's too) what is seen, its notes the narrator's; rendered with the narrator heard."
    import io
    from pptx import Presentation
    from pptx.util import Inches
    from videogen.core import ScriptParsingError
    from videogen.media import probe
    from videogen.rendering import render
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5]); s.shapes.title.text = "Our harbour"
    rows = s.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1)).table
    rows.cell(0, 0).text, rows.cell(1, 0).text = "Boats", "Forty"
    group = s.shapes.add_group_shape(); group.shapes.add_textbox(Inches(1), Inches(4), Inches(3), Inches(1)).text_frame.text = "Since 1902"
    s.notes_slide.notes_text_frame.text = "The harbour has kept forty boats since nineteen oh two."
    hidden = prs.slides.add_slide(prs.slide_layouts[1]); hidden.shapes.title.text = "Old numbers"; hidden._element.set("show", "0")
    s = prs.slides.add_slide(prs.slide_layouts[1]); s.shapes.title.text = "Next year"; s.placeholders[1].text = "A new pier"
    s.notes_slide.notes_text_frame.text = "Next year we build a new pier."
    path = tmp_path / "harbour.pptx"; prs.save(path)
    sb = parse_file(path)
    assert [([u.text for u in sc.supers], sc.action, [(l.character, l.text) for l in sc.lines]) for sc in sb.scenes] == [
        (["Our harbour"], "Boats\nForty\nSince 1902", [("narrator", "The harbour has kept forty boats since nineteen oh two.")]),
        (["Next year"], "A new pier", [("narrator", "Next year we build a new pier.")])]
    out = render(sb, dict(resolution="480p", quality="draft"), tmp_path / "harbour.mp4")
    info = probe(out.path)
    assert info["audio"] and info["duration"] > 4 and out.lines and {l.character for l in out.lines} == {"narrator"}
    broken = io.BytesIO()
    import zipfile
    with zipfile.ZipFile(broken, "w") as z: z.writestr("ppt/presentation.xml", "<not a deck")
    with pytest.raises(ScriptParsingError, match="slide deck cannot be read"): parse_script(broken.getvalue())


def test_a_speech_of_several_paragraphs_stays_its_speakers():
    "Each paragraph of a long speech opens a quote and only the last closes it: the paragraphs after the first are the same speaker's, not the next one's."
    sb = parse_script('Anna and Tom sat by the fire.\n\n"It started years ago," Anna began. "We were children then, and the river was higher.\n\n'
                      '"Every summer we swam to the island and back.\n\n“And every autumn the island was a little smaller.”\n\n'
                      '"And now?" asked Tom.\n\nTom was 6\'2" tall and stooped.\n')
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == [
        ("anna", "It started years ago"), ("anna", "We were children then, and the river was higher."),
        ("anna", "Every summer we swam to the island and back."), ("anna", "And every autumn the island was a little smaller."),
        ("tom", "And now?")]


def test_a_story_told_in_the_present():
    "`Anna answers`, `she sighs`, `the guard shouts`: the present tense's verbs of saying, as the past's."
    sb = parse_script('Anna and Tom stand at the gate.\n\n"Why now?" Tom asks.\n\n"Because," Anna answers, "the tide turns."\n\n'
                      '"Fine," she sighs. "Go."\n\n"Stop!" the guard shouts.\n')
    said = [(l.character, l.text) for s in sb.scenes for l in s.lines]
    assert said == [("tom", "Why now?"), ("anna", "Because"), ("anna", "the tide turns."), ("anna", "Fine"), ("anna", "Go."), ("guard", "Stop!")], said


@pytest.mark.parametrize("story", [
    'Marie et Paul attendaient.\n\n« Viens », dit Paul.\n\n« Non », répondit Marie.\n\n« Pourquoi ? » demanda-t-il.\n\n« Parce que », répondit-elle.\n',
    'Anna und Ben warteten.\n\n„Komm“, sagte Ben.\n\n„Nein“, sagte Anna.\n\n„Warum?“, fragte er.\n\n„Darum“, sagte sie.\n',
    'Ana y Pablo esperaban.\n\n—Ven —dijo Pablo.\n\n—No quiero —dijo Ana.\n\n—¿Por qué? —preguntó él.\n\n—Porque sí —respondió ella.\n',
])
def test_he_and_she_in_other_languages_speak(story):
    "`répondit-elle`, `fragte er`, `respondió ella`: a line given to he or she in French, German or Spanish goes to the one of the two who did not speak last."
    sb = parse_script(story)
    said = [l.character for s in sb.scenes for l in s.lines]
    assert len(said) == 4 and said[0] == said[2] and said[1] == said[3] and said[0] != said[1], said


def test_questions_and_answers_are_asked_and_answered_by_people():
    "`Q.` and `A.` in turn: an interview's asked by the interviewer and answered by whom it is with; a court transcript's by the lawyer `BY MR. HARRIS:` names and the witness sworn, a question cut at the line's end read whole."
    talk = parse_script("An interview with Dr. Jane Holt, marine biologist\n\nQ: How did you start?\nA: I grew up by the sea.\n\n"
                        "Q: What worries you?\nA: The warming water.\n")
    assert [(l.character, l.text) for s in talk.scenes for l in s.lines] == [
        ("interviewer", "How did you start?"), ("dr-jane-holt", "I grew up by the sea."), ("interviewer", "What worries you?"),
        ("dr-jane-holt", "The warming water.")]
    court = parse_script("THE COURT: Be seated.\nDANA REYES, having been first duly sworn, testified as follows:\nDIRECT EXAMINATION\n"
                         "BY MR. HARRIS:\nQ. Officer, where were you on the night\nof June 3rd?\nA. On patrol.\nQ. What did you see?\n"
                         "A. A man running.\nCROSS-EXAMINATION\nBY MS. COLE:\nQ. At night?\nA. The street was lit.\nMS. COLE: Nothing further.\n")
    assert [c.name for c in court.characters] == ["The Court", "Mr. Harris", "Dana Reyes", "Ms. Cole"]
    assert [(l.character, l.text) for s in court.scenes for l in s.lines][1:4] == [
        ("mr-harris", "Officer, where were you on the night of June 3rd?"), ("dana-reyes", "On patrol."), ("mr-harris", "What did you see?")]
    assert [l.character for l in court.scenes[-1].lines][-3:] == ["ms-cole", "dana-reyes", "ms-cole"] and not court.scenes[0].action
    outline = parse_script("The fruit we grow.\n\nA. Apples\nB. Pears\nQ. Quinces\nA. Apricots\n") # an outline's points are no one's
    assert not [l for s in outline.scenes for l in s.lines] and any("Quinces" in s.action for s in outline.scenes)


def test_a_line_cut_where_it_ran_out_goes_on_below_its_cue():
    "`ANNA: I was walking along the road when` over `I saw him.`: one speech; a line ending its sentence, or an action under it, does not run on."
    sb = parse_script("ANNA: I was walking along the road when\nI saw him. He was running.\nBEN: Sure you did\nHe laughs.\n"
                      "ANNA: you never believe\nme.\n")
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == [
        ("anna", "I was walking along the road when I saw him. He was running."), ("ben", "Sure you did"), ("anna", "you never believe me.")]
    assert sb.scenes[0].action == "He laughs."


def test_a_short_videos_parts_with_what_is_said_in_them():
    "`HOOK (0-3s): Stop scrolling!`: a scene for each part of a short video, named by the part and not its seconds, the narrator saying its words; a radio play's `GRAMS:` is a sound."
    sb = parse_script("HOOK (0-3s): Stop scrolling! This trick saves you $500.\n\n[On screen: \"$500/year\"]\n\n"
                      "PROBLEM (3-10 sec): Most people forget their subscriptions.\n\nSOLUTION: Cancel what you haven't opened in 30 days.\n\n"
                      "CTA (25s): Follow for more.\n")
    assert [(s.heading, s.location) for s in sb.scenes] == [("HOOK", ""), ("PROBLEM", ""), ("SOLUTION", ""), ("CTA", "")]
    assert [(l.character, l.extension) for s in sb.scenes for l in s.lines] == [("narrator", "V.O.")] * 4
    assert [u.text for u in sb.scenes[0].supers] == ["$500/year"]
    radio = parse_script("1. TOM: Mary! The lamp's out!\n\nGRAMS: OMINOUS MUSIC. FADE UNDER.\n\n2. MARY: I'm coming.\n\nATMOS: Wind.\n")
    assert [c.name for c in radio.characters] == ["Tom", "Mary"]


VISUAL_NOVEL = '''# The script of the game goes in this file.

define s = Character(_("Sylvie"), color="#c8ffc8")
define m = Character("Me", color="#c8c8ff")
default book = False

label start:
    play music "illurock.opus"
    scene bg lecturehall
    with fade
    "It's only when I hear the sounds of shuffling feet that I realize the lecture's over."
    scene bg meadow sunset
    show sylvie green smile
    with dissolve
    s "Hi there! How was {i}class{/i}?"
    m "Good..."
    menu:
        "To ask her right away.":
            jump rightaway
    init python:
        def score(x):
            return "x"
    $ points += 1

label rightaway:
    s smile "Oh, hi, do we walk home together?" with vpunch
    return
'''


def test_a_visual_novels_script_is_its_scenes_and_lines(tmp_path):
    "A Ren'Py `.rpy`: each `scene` a scene named by its picture, each say statement its character's line, a string alone the narrator's; code, music and a menu's choices unsaid; rendered from the file."
    from videogen.media import probe
    from videogen.rendering import render
    path = tmp_path / "script.rpy"; path.write_text(VISUAL_NOVEL)
    sb = parse_file(path)
    assert [(s.heading, s.location, s.time_of_day) for s in sb.scenes] == [
        ("Scene 1: Lecturehall", "Lecturehall", None), ("Scene 2: Meadow - Sunset", "Meadow", "SUNSET")]
    assert [(l.character, l.text, l.extension) for s in sb.scenes for l in s.lines] == [
        ("narrator", "It's only when I hear the sounds of shuffling feet that I realize the lecture's over.", "V.O."),
        ("sylvie", "Hi there! How was class?", None), ("me", "Good...", None), ("sylvie", "Oh, hi, do we walk home together?", None)]
    assert not any(s.action for s in sb.scenes) # no code is painted
    out = render(sb, dict(resolution="480p", quality="draft"), tmp_path / "vn.mp4")
    assert probe(out.path)["audio"] and {l.character for l in out.lines} == {"narrator", "sylvie", "me"}


def test_a_montages_shots_are_scenes_cut_one_to_the_next(tmp_path):
    "`MONTAGE` / `SERIES OF SHOTS`: each listed item (or paragraph) a short scene cut to the next, where its words name a place or else where the montage is; after `END MONTAGE` or `BACK TO SCENE`, the scene it cut away from; rendered, a part per shot."
    from videogen.media import probe
    from videogen.rendering import render
    sb = parse_script("INT. ANNA'S APARTMENT - NIGHT\n\nAnna stares at the calendar.\n\nANNA\nSix weeks.\n\nSERIES OF SHOTS - ANNA STUDIES\n\n"
                      "A) Anna jogs along the beach, flashcards in hand.\nB) Anna reads in the library.\nC) Anna falls asleep over her notes.\n\n"
                      "BACK TO SCENE\n\nAnna circles another date.\n\nANNA\nFive weeks.\n\nEXT. UNIVERSITY - DAY\n\nAnna walks in.\n\n"
                      "BEGIN MONTAGE:\n\nAnna writes.\n\nAnna waits.\n\nEND MONTAGE.\n")
    assert [(s.location, s.action, [l.text for l in s.lines]) for s in sb.scenes] == [
        ("ANNA'S APARTMENT", "Anna stares at the calendar.", ["Six weeks."]),
        ("", "Anna jogs along the beach, flashcards in hand.", []), ("", "Anna reads in the library.", []),
        ("ANNA'S APARTMENT", "Anna falls asleep over her notes.", []), # no place named: where the montage is
        ("ANNA'S APARTMENT", "Anna circles another date.", ["Five weeks."]), ("UNIVERSITY", "Anna walks in.", []),
        ("UNIVERSITY", "Anna writes.", []), ("UNIVERSITY", "Anna waits.", [])] # nothing after the last montage: no scene for it
    assert [s.transition.kind for s in sb.scenes[1:4]] == ["cut"] * 3
    assert all(s.duration <= 4 for s in sb.scenes[1:4]) # quick shots
    out = render(sb, dict(resolution="480p", quality="draft", timeline="parts"), tmp_path / "montage.mp4")
    scenes = json.loads(out.manifest.read_text())["storyboard"]["scenes"] # as rendered, each as long as its voices need
    assert len(scenes) == 8 and abs(probe(out.path)["duration"] - sum(s["duration"] for s in scenes)) < 1.5


ASSISTANT_JSON = {"screenplay": {"title": "The Lighthouse", "genre": "drama", "scenes": [
    {"scene_number": 1, "location": "EXT. LIGHTHOUSE - NIGHT", "description": "Waves crash against the rocks.",
     "dialogue": [{"character": "TOM", "line": "The lamp's gone out!", "emotion": "panicked"}, {"character": "Mary (O.S.)", "line": "I'm coming up!"}],
     "transition": "cut"},
    {"id": 2, "setting": "Kitchen", "time_of_day": "morning", "visuals": ["Mary pours tea.", "Tom stares out of the window."],
     "on_screen_text": "The next day", "dialogue": [{"Mary": "You didn't sleep."}, "TOM: Neither did the sea."]},
    {"heading": "INT. LAMP ROOM - DAY", "elements": [{"type": "action", "text": "Tom lights the lamp."},
                                                    {"type": "dialogue", "speaker": "Tom", "text": "There.", "parenthetical": "quietly"}],
     "narration": "It never went out again."}]}}


def test_a_script_a_chat_assistant_wrote_as_json_or_yaml(tmp_path):
    "A script as JSON or YAML of a chat assistant's own shape: scenes with their place, what is seen, words on screen, narration and who says what, under keys people use for each; rendered from the file."
    from videogen.core import ScriptParsingError
    from videogen.media import probe
    from videogen.rendering import render
    path = tmp_path / "lighthouse.json"; path.write_text(json.dumps(ASSISTANT_JSON, indent=2))
    sb = parse_file(path)
    assert sb.title == "The Lighthouse" and [c.name for c in sb.characters] == ["Tom", "Mary", "Narrator"]
    assert [(s.location, s.time_of_day, s.action, [u.text for u in s.supers if u.kind != "title"]) for s in sb.scenes] == [
        ("LIGHTHOUSE", "NIGHT", "Waves crash against the rocks.", []),
        ("KITCHEN", "MORNING", "Mary pours tea.\n\nTom stares out of the window.", ["The next day"]),
        ("LAMP ROOM", "DAY", "Tom lights the lamp.", [])]
    assert lines(sb) == [("tom", "The lamp's gone out!", "panicked", None), ("mary", "I'm coming up!", None, "O.S."),
                         ("mary", "You didn't sleep.", None, None), ("tom", "Neither did the sea.", None, None),
                         ("narrator", "It never went out again.", None, "V.O."), ("tom", "There.", "quietly", None)]
    assert sb.scenes[0].transition.kind == "cut"
    yaml_path = tmp_path / "lighthouse.yaml"
    yaml_path.write_text("title: The Lighthouse\nscenes:\n  - heading: EXT. LIGHTHOUSE - NIGHT\n    action: |\n      Waves crash.\n"
                         "      A light sweeps the sea.\n    dialogue:\n      - character: TOM\n        line: The lamp's gone out!\n"
                         "      - MARY: I'm coming up!\n")
    sb = parse_file(yaml_path)
    assert [(s.location, s.action) for s in sb.scenes] == [("LIGHTHOUSE", "Waves crash. A light sweeps the sea.")]
    assert [(l.character, l.text) for l in sb.scenes[0].lines] == [("tom", "The lamp's gone out!"), ("mary", "I'm coming up!")]
    out = render(sb, dict(resolution="480p", quality="draft"), tmp_path / "lighthouse.mp4")
    assert probe(out.path)["audio"] and {l.character for l in out.lines} == {"tom", "mary"}
    laughs = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(f"{b}: &{b} [{','.join(['*' + a] * 10)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))
    with pytest.raises(ScriptParsingError, match="more than 2,000 parts"): # aliases that unfold to a billion words are refused at once
        parse_script(laughs + "scenes:\n  - {description: *i, dialogue: *i}\n")
    with pytest.raises(ScriptParsingError, match="more than 2,000 parts"): parse_script("r: &r [*r]\nscenes:\n  - {action: *r}\n")
    listed = parse_script(json.dumps({"title": "Dawn", "scenes": ["A city at dawn.", "A baker opens her shop."]})) # scenes as a sentence each
    assert [s.action for s in listed.scenes] == ["A city at dawn.", "A baker opens her shop."]
    parts = parse_script(json.dumps({"scenes": [{"location": "Pier", "on_screen_text": ["Day one", "Dawn"],
                                                  "dialogue": [{"character": "Ann", "line": ["Look.", "The tide."]}]}]}))
    assert [u.text for u in parts.scenes[0].supers] == ["Day one", "Dawn"] and lines(parts) == [("ann", "Look. The tide.", None, None)]


def test_marks_about_the_file_are_not_the_script(tmp_path):
    "Front matter over a Markdown script, a number leading every line, a shooting script's revision asterisks: the title kept, the rest gone, the script read as without them."
    noted = parse_script("---\ntitle: Morning Run\nauthor: Jo Park\ntags: [script, draft]\ndate: 2026-11-30\n---\n\n# Morning Run\n\n"
                         "## Scene 1: The Park\n\nJo laces her shoes.\n\n**JO:** Just one more mile.\n\n**SAM:** You said that yesterday.\n")
    assert (noted.title, [c.name for c in noted.characters], [s.location for s in noted.scenes]) == ("Morning Run", ["Jo", "Sam"], ["The Park"])
    numbered = parse_script("1\tINT. KITCHEN - NIGHT\n2\n3\tMaya pours coffee.\n4\n5\t\t\tMAYA\n6\t\tYou're up early.\n7\n8\t\t\tTHEO\n"
                            "9\t\t(yawning)\n10\t\tI never slept.\n")
    assert [(s.location, s.action) for s in numbered.scenes] == [("KITCHEN", "Maya pours coffee.")]
    assert lines(numbered) == [("maya", "You're up early.", None, None), ("theo", "I never slept.", "yawning", None)]
    revised = parse_script("INT. HOUSE - DAY *\n\nAnna enters. *\n\nANNA (CONT’D)\nI told you. *\n\nBEN\nYou *never* did.\n")
    assert [(s.time_of_day, s.action) for s in revised.scenes] == [("DAY", "Anna enters.")]
    assert [l.text for l in revised.scenes[0].lines] == ["I told you.", "You never did."]


def test_advanced_substation_and_youtube_subtitles_are_their_words(tmp_path):
    "An `.ass` file's events as SubRip's cues (its Name the speaker, a sign on screen, a song's karaoke and comments unsaid) and YouTube's `.sbv` times: the words, not the file's marks; rendered."
    from videogen.media import probe
    from videogen.rendering import render
    ass = tmp_path / "ep1.ass"
    ass.write_text("\ufeff[Script Info]\nTitle: Episode 1\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize\nStyle: Default,Arial,20\n\n"
                   "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
                   "Dialogue: 0,0:00:01.00,0:00:03.00,Default,Anna,0,0,0,,Where were you{\\i1}?{\\i0}\n"
                   "Dialogue: 0,0:00:03.50,0:00:05.00,Default,Ben,0,0,0,,Stuck in traffic.\\NSorry.\n"
                   "Dialogue: 0,0:00:06.00,0:00:08.00,Sign,,0,0,0,,{\\pos(320,50)}TOKYO, 1999\n"
                   "Dialogue: 0,0:00:06.00,0:00:08.00,OP,,0,0,0,,{\\k20}La {\\k30}la\n"
                   "Comment: 0,0:00:08.00,0:00:09.00,Default,,0,0,0,,translator's note\n"
                   "Dialogue: 0,0:00:20.00,0:00:22.00,Default,Anna,0,0,0,,Later, then.\n")
    sb = parse_file(ass)
    assert [[(l.character, l.text) for l in s.lines] for s in sb.scenes] == [
        [("anna", "Where were you?"), ("ben", "Stuck in traffic. Sorry.")], [("anna", "Later, then.")]] # twelve seconds apart: two scenes
    assert [u.text for u in sb.scenes[0].supers] == ["TOKYO, 1999"]
    sbv = parse_script("0:00:01.000,0:00:03.000\nWelcome back to the channel.\n\n0:00:03.500,0:00:06.000\nToday we are baking bread.\n")
    assert [(l.character, l.text) for s in sbv.scenes for l in s.lines] == [("narrator", "Welcome back to the channel."), ("narrator", "Today we are baking bread.")]
    out = render(sb, dict(resolution="480p", quality="draft"), tmp_path / "ep1.mp4")
    assert probe(out.path)["audio"] and {l.character for l in out.lines} == {"anna", "ben"}


def test_a_storys_people_by_their_full_names_ranks_and_roles():
    "`Detective Mara Cole` then `Mara`: one person; `Chief Harlan`, `Officer Reyes`: their names; `said council member Dana Ortiz`: hers; a line nobody is given after one speaker's two goes to the one named beside them; `Later, at the station, Chief Harlan slammed…` gives him the quote after it."
    sb = parse_script('It was raining when Detective Mara Cole reached the pier. Officer Reyes was waiting under the lamp.\n\n'
                      '"Body\'s in the water," Reyes said. "Fisherman found it at six."\n\n"Anyone touch it?"\n\n'
                      '"Just the fisherman. He\'s in the car."\n\nMara looked at the black water. "Get me a boat."\n\n'
                      'Later, at the station, Chief Harlan slammed a file on her desk. "You went out on the water alone?"\n\n'
                      '"I had Reyes."\n\n"Reyes is a rookie!"\n')
    assert [c.name for c in sb.characters] == ["Mara Cole", "Reyes", "Harlan"]
    assert [l.character for s in sb.scenes for l in s.lines] == ["reyes", "reyes", "mara-cole", "reyes", "mara-cole", "harlan", "mara-cole", "harlan"]
    news = parse_script('City Council Approves New Park\n\nThe council voted on Tuesday.\n\n"This is a great day," said council member Dana Ortiz. '
                        '"Families have waited."\n\nOpponents disagreed. "We need homes, not lawns," said resident Tom Baker.\n\n'
                        '"It is done," Ortiz said to Baker.\n')
    assert [(l.character, l.text) for s in news.scenes for l in s.lines] == [
        ("dana-ortiz", "This is a great day"), ("dana-ortiz", "Families have waited."), ("tom-baker", "We need homes, not lawns"), ("dana-ortiz", "It is done")]
    told = parse_script('"Come in," said Anna to her friend Maria.\n\n"Thanks," Maria said.\n') # the one spoken to does not speak
    assert [l.character for s in told.scenes for l in s.lines] == ["anna", "maria"]


def test_sentences_in_capitals_are_no_plays_cues():
    "A teleprompter's script in capitals (`GOOD EVENING. I AM JANE DOE.`) names no speaker `Good Evening`; a play's shout in capitals (`HAMLET. NO! NEVER!`) is still its speaker's."
    prompter = parse_script("GOOD EVENING. I AM JANE DOE.\nTONIGHT: A STORM MOVES IN OVER THE COAST.\nRESIDENTS ARE BOARDING UP WINDOWS.\n"
                            "WE GO LIVE TO TOM IN MIAMI.\n")
    assert not prompter.characters and "GOOD EVENING" in prompter.scenes[0].action
    play = parse_script("HAMLET. To be, or not to be.\n\nOPHELIA. My lord?\n\nHAMLET. NO! NEVER!\n")
    assert [l.character for s in play.scenes for l in s.lines] == ["hamlet", "ophelia", "hamlet"]


def test_a_scene_label_after_a_conversation_opens_the_next_scene():
    "`[Scene: Outside, a bicycle…]` after lines: a new scene with what it says seen; the first one, with no lines before it, describes the first."
    sb = parse_script("[Scene: A small bakery at dawn.]\n\nBaker (cheerfully): Good morning!\n\nCustomer: Two croissants, please.\n\n"
                      "[Scene: Outside, a bicycle leans against a lamppost.]\n\nCustomer (to herself): Best croissants in town.\n")
    assert [(s.action, [l.character for l in s.lines]) for s in sb.scenes] == [
        ("A small bakery at dawn.", ["baker", "customer"]), ("Outside, a bicycle leans against a lamppost.", ["customer"])]


def test_someone_described_before_a_quote_says_it():
    "`A woman knocked on the door. \"Hello?\"`: Woman says it, as `her brother said` gives it to Brother; `The old fisherman looked up.` gives his line to him."
    sb = parse_script('A woman knocked on the door. "Hello?"\n\nA man answered. "Who is there?"\n\n"It is me."\n\n'
                      'The old fisherman looked up from his nets. "Storm coming."\n')
    assert [c.name for c in sb.characters] == ["Woman", "Man", "Old Fisherman"]
    assert [l.character for s in sb.scenes for l in s.lines] == ["woman", "man", "woman", "old-fisherman"]


def test_a_conversation_no_one_in_it_is_named_is_two_voices():
    "Quotes alone, one a paragraph, with no one named anywhere: two speakers in turn, heard, not painted as words."
    sb = parse_script('The night was cold.\n\n"Are you coming?"\n\n"In a minute."\n\n"The train leaves at six."\n')
    assert [c.name for c in sb.characters] == ["Speaker 1", "Speaker 2"]
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == [
        ("speaker-1", "Are you coming?"), ("speaker-2", "In a minute."), ("speaker-1", "The train leaves at six.")]


@pytest.mark.parametrize("story, said", [
    ('Tom waited at the bar. He ordered a beer.\n\nA woman sat down next to him. "Is this seat taken?" she asked.\n\n"No," he said.\n',
     [("woman", "Is this seat taken?"), ("tom", "No")]),
    ('Anna and her brother Leo walked home.\n\n"I am tired," she said.\n\n"Me too," he said.\n', [("anna", "I am tired"), ("leo", "Me too")]),
    ('The captain stood on the deck. "Hoist the sails!" he shouted.\n\nThe first mate nodded. "Aye, sir."\n',
     [("captain", "Hoist the sails!"), ("first-mate", "Aye, sir.")]),
])
def test_he_and_she_go_to_whom_the_story_has_just_shown(story, said):
    "A name that only ever opens sentences (`Tom waited.`, `Anna and her brother…`) is someone; `she asked` after `A woman sat down.` is the woman's; `her brother` says nothing of Anna's own gender."
    sb = parse_script(story)
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == said


def test_a_games_yarn_dialogue_is_its_nodes_and_lines(tmp_path):
    "A Yarn Spinner `.yarn`: each node a scene named by its title, `Name: line` said, a line alone the narrator's; commands, choices, line tags and comments unsaid."
    path = tmp_path / "village.yarn"
    path.write_text("title: Market\ntags: town\nposition: 10,20\n---\n// the first visit\nThe stalls are busy. #line:a1\n"
                    "Anna: Fresh bread, {$name}! <<set $sold to 0>>\n-> Buy some\n    Player: Two loaves, please.\n-> Walk on\n"
                    "<<jump Home>>\n===\ntitle: Home\n---\nPlayer: Home at last.\n===\n")
    sb = parse_file(path)
    assert [s.heading for s in sb.scenes] == ["Scene 1: Market", "Scene 2: Home"]
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == [
        ("narrator", "The stalls are busy."), ("anna", "Fresh bread, name!"), ("player", "Two loaves, please."), ("player", "Home at last.")]
    assert not any(s.action for s in sb.scenes)


def test_a_thought_is_heard_and_not_said_aloud():
    "`\"…,\" she thought.`, `\"…?\" wondered Tom.`: the thinker's voice over the picture (V.O.), lips still; what is said next is said aloud."
    sb = parse_script('Anna stared at the letter. "I cannot believe this," she thought.\n\n"Anna?" Ben called from the kitchen.\n\n'
                      '"Coming!" she said.\n\n"Where is he?" wondered Tom.\n')
    assert [(l.character, l.text, l.extension) for s in sb.scenes for l in s.lines] == [
        ("anna", "I cannot believe this", "V.O."), ("ben", "Anna?", None), ("anna", "Coming!", None), ("tom", "Where is he?", "V.O.")]


SHOT_LIST = '''Shot List - "Morning Routine" commercial

Shot 1: Wide shot of a sunlit bedroom. An alarm clock rings. (3 sec)
Shot 2: Close-up of EMMA (30s) slapping the alarm off. (2 sec)
Shot 3: Medium shot, Emma in the kitchen pouring coffee.
VO: Every morning starts with a choice.
Shot 4: Extreme close-up of the coffee swirling. - 2s
Shot 5: Close on EMMA (30s).
EMMA: Make it a good one.
'''


def test_a_shot_list_is_its_shots_each_as_long_as_it_says():
    "`Shot 1: Wide shot of a bedroom. (3 sec)`: a scene showing what the shot describes, lasting what it says; `EMMA (30s)` is her age; the list's quoted name its title; a list of shots alone, nothing said, reads as well."
    sb = parse_script(SHOT_LIST)
    assert sb.title == "Morning Routine"
    assert [s.heading for s in sb.scenes] == [f"Shot {k}" for k in range(1, 6)]
    assert [s.action for s in sb.scenes[:2]] == ["Wide shot of a sunlit bedroom. An alarm clock rings.", "Close-up of EMMA (30s) slapping the alarm off."]
    assert [s.duration for s in sb.scenes[:2]] + [sb.scenes[3].duration] == [3.0, 2.0, 2.0]
    assert sb.scenes[4].action == "Close on EMMA (30s)." and sb.scenes[4].duration != 30
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == [("narrator", "Every morning starts with a choice."), ("emma", "Make it a good one.")]
    silent = parse_script("Shot 1: Close on the clock. (4 sec)\n\nShot 2: She runs for the door.\n\nSHOT 3 - 2 seconds\nThe door slams.\n")
    assert [(s.heading, s.action, s.duration) for s in silent.scenes][::2] == [("Shot 1", "Close on the clock.", 4.0), ("SHOT 3", "The door slams.", 2.0)]


VIDEO_SCRIPTS = {
    "parts over the host's words": '''INTRO (0:00-0:15)
Hey everyone, welcome back to the channel.
Today we're talking about coffee.

[B-ROLL: coffee beans pouring into a grinder]

MAIN CONTENT (0:15-1:00)
So first, let's talk about grinding. The grind size changes everything.

[Show chart of grind sizes]

OUTRO (1:00-1:15)
Thanks for watching! Don't forget to subscribe.
''',
    "Markdown parts, each started at a time": '''# How to Brew the Perfect Cup

## Intro
**[0:00]** Hey everyone, welcome back to the channel.
Today we're talking about coffee.

*B-roll: coffee beans pouring into a grinder*

## Step 1: Grind
**[0:15]** So first, let's talk about grinding. The grind size changes everything.

## Outro
**[1:00]** Thanks for watching! Don't forget to subscribe.
''',
    "times before the parts, what is seen and said labelled": '''Video title: How to Brew the Perfect Cup
Length: ~75 seconds

[0:00] HOOK
On screen: Coffee beans pouring into a grinder
Voiceover: Hey everyone, welcome back to the channel. Today we're talking about coffee.

[0:15] TIP 1
On screen: A chart of grind sizes
Voiceover: So first, let's talk about grinding. The grind size changes everything.

[1:00] OUTRO
Voiceover: Thanks for watching! Don't forget to subscribe.
''',
}


@pytest.mark.parametrize("name", list(VIDEO_SCRIPTS))
def test_a_videos_script_is_its_parts_and_the_words_said_in_them(name):
    "A video's script as people write one: each part a scene as long as its times say, what the host says the narrator's line (written plain under the part, or labelled), what is shown painted; the parts' times and labels never said."
    sb = parse_script(VIDEO_SCRIPTS[name])
    said = [l.text for s in sb.scenes for l in s.lines]
    assert {l.character for s in sb.scenes for l in s.lines} == {"narrator"}
    assert said == ["Hey everyone, welcome back to the channel. Today we're talking about coffee.",
                    "So first, let's talk about grinding. The grind size changes everything.", "Thanks for watching! Don't forget to subscribe."]
    assert len(sb.scenes) == 3 and [s.duration for s in sb.scenes[:2]] == [15.0, 45.0]
    assert "coffee beans pouring into a grinder" in sb.scenes[0].action.lower()
    assert not any(ch in s.action for s in sb.scenes for ch in ("0:", "[", "*"))
    if name.startswith(("Markdown", "times")): assert sb.title == "How to Brew the Perfect Cup"


def test_a_story_in_chapters_is_no_videos_script():
    "Headings a story has (`## Chapter 1`) do not make its paragraphs a narrator's lines; a screenplay's `TEASER` and `TAG` do not either."
    story = parse_script("## Chapter 1\n\nThe house was dark. Anna lit a candle.\n\n## Chapter 2\n\n\"Who's there?\" Anna called.\n")
    assert [l.character for s in story.scenes for l in s.lines] == ["anna"]
    teleplay = parse_script("TEASER\n\nINT. KITCHEN - NIGHT\n\nAnna lights a candle.\n\nANNA\nWho's there?\n\nTAG\n\nINT. KITCHEN - DAY\n\nThe candle is out.\n")
    assert [s.action for s in teleplay.scenes] == ["Anna lights a candle.", "The candle is out."]


def test_a_comics_cover_and_its_thought_balloons():
    "A comic's cover (its title, what issue it is, who wrote it) is its title and author, not a scene; a `(thought)` balloon is heard, not said aloud on screen."
    sb = parse_script('THE NIGHT WATCH\nIssue #1 - "First Light"\nWritten by Sam Porter\n\nPAGE ONE\n\nPANEL 1\nA rooftop at night.\n\n'
                      "LENA (thought): He's getting close.\n\nPANEL 2\nRay looks up.\n\nRAY: Who's there?\n")
    assert sb.title == "THE NIGHT WATCH" and sb.source["title_page"]["author"] == "Sam Porter"
    assert [s.heading for s in sb.scenes] == ["PANEL 1", "PANEL 2"]
    assert [(l.character, l.extension) for s in sb.scenes for l in s.lines] == [("lena", "THOUGHT"), ("ray", None)]


def test_the_ends_of_plays_scenes_and_threads():
    "A play's `(Blackout.)` and `CURTAIN` end its scenes as fades; `END OF PLAY`, `The End.` and a thread's `/end` are neither seen nor said; a multi-camera script's `(Jerry, Elaine)` under its heading is who is there, not what is seen, and its `(JERRY ENTERS.)` is seen without its parentheses."
    play = parse_script("THE VISIT\n\nMARGARET. You're early.\n\nDANIEL. The traffic was light.\n\n(Blackout.)\n\nSCENE 2\n\n(Night. The porch.)\n\n"
                        "MARGARET. Go home, Daniel.\n\nCURTAIN\n\nEND OF PLAY\n")
    assert [(s.action, s.transition.kind) for s in play.scenes] == [("", "fade"), ("Night. The porch.", "fade")]
    thread = parse_script("1/ I quit my job to build a bakery. Here's what I learned.\n\n2/ The bread is the easy part.\n\n/end\n")
    assert [s.action for s in thread.scenes] == ["I quit my job to build a bakery. Here's what I learned.", "The bread is the easy part."]
    story = parse_script("Anna lit a candle. The house was quiet.\n\nThe End.\n")
    assert [s.action for s in story.scenes] == ["Anna lit a candle. The house was quiet."]
    sitcom = parse_script("INT. COFFEE SHOP - DAY (DAY 1)\n(Jerry, Elaine)\n\n(JERRY SITS AT THE COUNTER. ELAINE ENTERS.)\n\n"
                          "ELAINE\nYou will not believe it.\n\nJERRY\nThe dry cleaner again?\n")
    assert sitcom.scenes[0].action == "JERRY SITS AT THE COUNTER. ELAINE ENTERS."


def _story(paragraphs:int, sentences:int, sep:str="\n\n") -> str:
    "A story of these many paragraphs of these many sentences, the same each time."
    said = ['Anna walked to the station.', 'The rain had not stopped for days.', '"Is anyone there?" she called.', 'A man in a grey coat looked up.',
            '"The last train has gone," he said.', 'She sat on the bench and waited.', 'Hours passed.', 'At dawn the fog lifted over the hills.']
    return sep.join(" ".join(said[(p * 3 + s) % len(said)] for s in range(sentences)) for p in range(paragraphs))


def test_a_long_story_is_a_picture_for_each_part_of_it():
    "A chapter of 5,000 words reads as parts of it, a picture each (not refused as one scene too long); a story in one paragraph, or with a paragraph a line and no blank lines between, is cut likewise; who says what is kept."
    chapter = parse_script("Chapter 1\n\n" + _story(100, 8) + "\n\nChapter 2\n\n" + _story(2, 4))
    assert all(s.heading == "Chapter 1" for s in chapter.scenes[:-1]) and chapter.scenes[-1].heading == "Chapter 2"
    assert len(chapter.scenes) > 30 and max(len(s.action.split()) for s in chapter.scenes) < 400
    assert {l.text for s in chapter.scenes for l in s.lines} == {"Is anyone there?", "The last train has gone"}
    assert {l.character for s in chapter.scenes for l in s.lines} == {"anna", "man"}
    one = parse_script(_story(1, 300))
    assert len(one.scenes) > 10 and max(len(s.action.split()) for s in one.scenes) < 400
    lines = parse_script(_story(12, 3, sep="\n"))
    assert len(lines.scenes) >= 6 and lines.scenes[0].action.startswith("Anna walked") and lines.scenes[0].action.count(".") <= 6
    wrapped = parse_script("Anna walked to the station in the rain, her\ncoat soaked through and her shoes ruined by\nthe puddles on the road. She sat down on\nthe bench and waited for the last train.\n")
    assert len(wrapped.scenes) == 1 # lines wrapped at a width are one paragraph


def test_a_list_of_beats_and_a_transition_in_lower_case():
    "A numbered list of what happens, a line each, is a scene each, with the people it names acting in it (`Anna wakes up.`, in the present) and the one `She` is when no one is named; `cut to:` typed in lower case is a transition, not action."
    sb = parse_script("1. Anna wakes up in a small apartment. Rain on the window.\n2. She makes coffee.\n3. Anna walks to the station in the rain.\n"
                      "4. On the platform, she meets Ben.\n")
    assert [s.action for s in sb.scenes] == ["Anna wakes up in a small apartment. Rain on the window.", "She makes coffee.",
                                             "Anna walks to the station in the rain.", "On the platform, she meets Ben."]
    assert [s.characters for s in sb.scenes[:3]] == [["anna"]] * 3 and "rain" not in {c.id for c in sb.characters} # `She makes coffee.`: Anna
    cut = parse_script("INT. KITCHEN - DAY\n\nAnna pours coffee.\n\nANNA\nMorning.\n\ncut to:\n\nEXT. GARDEN - NIGHT\n\nBen smokes.\n")
    assert cut.scenes[0].action == "Anna pours coffee." and cut.scenes[0].transition.kind == "cut"


def test_a_storys_title_again_in_capitals_is_no_speaker():
    "An e-book library's story (its title page, then the title again in capitals over the first paragraph) is a story: the title is no one speaking the first paragraph, and words that open its sentences (`In this cold…`) are no one."
    sb = parse_script("Title: The Little Match Girl\nAuthor: Hans Christian Andersen\n\n\nTHE LITTLE MATCH GIRL\n\n"
                      "Most terribly cold it was; it snowed, and was nearly quite dark. In this cold and darkness there\n"
                      "went along the street a poor little girl, bareheaded.\n\n"
                      'She lighted another match. "Grandmother!" cried the little one. "Oh,\ntake me with you!"\n')
    assert sb.source["format"] == "prose" and sb.title == "The Little Match Girl"
    assert sb.scenes[0].action.startswith("Most terribly cold") and not sb.scenes[0].lines
    assert [c.name for c in sb.characters] == ["Little One"]


INK_STORY = '''// The Last Train, as a game
VAR trust = 0
INCLUDE extras.ink

-> train_station

=== train_station ===
Rain hammers the empty platform. A single lamp flickers. # mood: grey
Maya: Is this the last train? <>
{Nobody answers.|Still nobody.}
* [Wait on the bench]
    She sits down on the bench.
    ~ trust = trust + 1
* [Knock on the office door] -> ticket_office
- -> ticket_office

=== ticket_office ===
= inside
The ticket office is warm. A kettle whistles.
Theo: Last one left at eleven, miss.
/* the guard's line
   is cut */
Maya: Then what's that? # whisper
{trust > 0: Theo smiles.}
-> END

=== function add(a, b) ===
~ return a + b
'''


def test_an_ink_story_is_its_knots_and_what_is_said_in_them():
    "An Ink story (`.ink`, as inkle's Inky writes one): each knot and stitch a scene named by it, `Maya: …` said, text alone the narrator's, a sequence's first part and a condition's text read; choices, diverts, logic, includes, functions, tags, glue and comments never said or shown."
    sb = parse_script(INK_STORY)
    assert [s.heading for s in sb.scenes] == ["Scene 1: train station", "Scene 2: inside"]
    said = [(l.character, l.text) for s in sb.scenes for l in s.lines]
    assert said == [("narrator", "Rain hammers the empty platform. A single lamp flickers."), ("maya", "Is this the last train?"),
                    ("narrator", "Nobody answers."), ("narrator", "She sits down on the bench."),
                    ("narrator", "The ticket office is warm. A kettle whistles."), ("theo", "Last one left at eleven, miss."),
                    ("maya", "Then what's that?"), ("narrator", "Theo smiles.")]
    words = " ".join(l.text for s in sb.scenes for l in s.lines) + " ".join(s.action for s in sb.scenes)
    assert not any(w in words for w in ("->", "~", "#", "<>", "{", "VAR", "INCLUDE", "Knock", "guard's", "return"))


TWEE_STORY = ''':: StoryTitle
The Last Train

:: StoryData
{
  "ifid": "D674C58C-DEFA-4F70-B7A2-27742230C0FC",
  "format": "SugarCube",
  "start": "Platform"
}

:: StoryInit
<<set $trust to 0>>

:: Platform [rain] {"position":"100,100","size":"100,100"}
Rain hammers the empty platform.
Maya: Is this the //last// train?
<<if $trust gt 0>>Theo waves.<</if>>
[[Wait on the bench->Bench]] | [[Knock on the door|Office]]

:: Office
''Theo'' looks up from his kettle.
Theo: Last one left at eleven, miss.
<img src="clock.png">
[[Go back->Platform]]

:: Story Stylesheet [stylesheet]
body { background: #000; }
'''


def test_a_twine_story_is_its_passages_and_what_is_said_in_them(tmp_path):
    "A Twine story saved as Twee: each passage a scene named by it, `StoryTitle` its title, `Maya: …` said, text alone the narrator's; links as choices, macros, variables, HTML, markup and the story format's passages never said or shown."
    path = tmp_path / "train.twee"
    path.write_text(TWEE_STORY)
    sb = parse_file(path)
    assert sb.title == "The Last Train"
    assert [s.heading for s in sb.scenes] == ["Scene 1: Platform", "Scene 2: Office"]
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == [
        ("narrator", "Rain hammers the empty platform."), ("maya", "Is this the last train?"), ("narrator", "Theo waves."),
        ("narrator", "Theo looks up from his kettle."), ("theo", "Last one left at eleven, miss.")]
    words = " ".join(l.text for s in sb.scenes for l in s.lines) + " ".join(s.action for s in sb.scenes)
    assert not any(w in words for w in ("[[", "<<", "$trust", "ifid", "background", "img", "''", "Knock", "Go back"))


def test_a_screenplay_dressed_in_markdown_by_a_chat_assistant():
    "`#### **EXT. TRAIN STATION – NIGHT**`, `#### **CUT TO:**`, `---` rules and the offer to write more in italics: the screenplay as written, its headings headings; `Scene 1: Exterior - Train Station - Night` is outside, at the train station."
    sb = parse_script("# The Last Train\n### A Short Film Script\n\n---\n\n#### **FADE IN:**\n\n#### **EXT. TRAIN STATION – NIGHT**\n\n"
                      "*Rain hammers a lonely platform.*\n\n**MAYA**\n*(soaked, out of breath)*\nNo. No, no, no.\n\n**THEO**\nLast one left at eleven, miss.\n\n"
                      "#### **CUT TO:**\n\n#### **INT. TRAIN CARRIAGE – NIGHT**\n\n**JUNE**\nYou're late.\n\n**FADE OUT.**\n\n---\n\n"
                      "*Would you like me to expand this into a full-length script?*\n")
    assert [(s.setting, s.location, s.time_of_day) for s in sb.scenes] == [("EXT", "TRAIN STATION", "NIGHT"), ("INT", "TRAIN CARRIAGE", "NIGHT")]
    assert [s.action for s in sb.scenes] == ["Rain hammers a lonely platform.", ""]
    assert [(l.character, l.text) for s in sb.scenes for l in s.lines] == [("maya", "No. No, no, no."), ("theo", "Last one left at eleven, miss."), ("june", "You're late.")]
    outline = parse_script("**Scene 1: Exterior - Train Station - Night**\n\n*Rain pours.*\n\n**Maya**: Is anyone there?\n\n"
                           "**Scene 2: Interior - Train Carriage - Night**\n\n**June**: You're late.\n")
    assert [(s.setting, s.location) for s in outline.scenes] == [("EXT", "Train Station"), ("INT", "Train Carriage")]


def test_a_voice_heard_first_is_seen_where_the_action_names_them():
    "`JAVIER (O.S.)` heard on the phone, then `Javier espera en un banco.`: seen in that scene; a radio heard and named only in lower case stays a voice."
    sb = parse_script("INT. COCINA - DÍA\n\nLucía prepara café. Suena el teléfono.\n\nLUCÍA\n¿Diga?\n\nJAVIER (O.S.)\nSoy yo. Tenemos que hablar.\n\n"
                      "EXT. PARQUE - NOCHE\n\nJavier espera en un banco.\n")
    assert [s.characters for s in sb.scenes] == [["lucia"], ["javier"]]
    radio = parse_script("INT. OFFICE - NIGHT\n\nMaya stares at the radio.\n\nRADIO (V.O.)\nUnscheduled service.\n\nMAYA\nDid it answer?\n")
    assert radio.scenes[0].characters == ["maya"]

def test_a_role_plays_actions_in_asterisks_are_done_not_said():
    "`Alice: *smiles* Hi there!`, as chats and role-play write an action between sentences: a direction, not words to say; `I *really* do` and `*what*?` are emphasis, and said."
    sb = parse_script("Alice: *smiles* Hi there! Long time no see.\nBob: *looks up from his book* Alice? Is that you?\n"
                      "Alice: In the flesh. *sits down across from him* What are you reading?\n**Bob:** I *really* don't know. You did *what*? *sighs*\n")
    assert [(l.character, l.text, l.parenthetical) for l in sb.scenes[0].lines] == [
        ("alice", "Hi there! Long time no see.", "smiles"), ("bob", "Alice? Is that you?", "looks up from his book"),
        ("alice", "In the flesh. What are you reading?", "sits down across from him"), ("bob", "I really don't know. You did what?", "sighs")]

def test_they_are_the_people_just_seen_and_old_edgar_is_old():
    "A scene that says `They climbed the stairs together` or `That evening they walked…` shows the people just seen, not only the one it names; a story's answer in a picture of its own shows the one answered too; `Old Edgar` is an old man."
    sb = parse_script("Old Edgar kept the lighthouse on the black cliff.\n\nOne stormy evening, a girl named Pip knocked on his door.\n\n"
                      '"Please," she said. "My father\'s boat hasn\'t come back."\n\nEdgar looked out at the churning sea. "Then we\'ll light the way," he said.\n\n'
                      "They climbed the stairs together. At the top, Edgar lit the great lamp.\n\nThe waves fell quiet.\n")
    assert [s.characters for s in sb.scenes][-3:] == [["edgar", "pip"], ["edgar", "pip"], []] # Pip is there while he answers her
    assert sb.character("edgar").traits.age >= 60 and sb.character("pip").traits.age <= 12
    story = parse_script('Tom sat on the step. Anna sang.\n\n"Again," said Tom.\n\n"No," said Anna.\n\nThe sun set.\n\nThe rain came down, and they ran inside.\n')
    assert [set(s.characters) for s in story.scenes][-2:] == [set(), {"tom", "anna"}]
    later = parse_script('Tom sat on the step. Anna sang.\n\n"Again," said Tom.\n\nThat evening they walked to the sea. Tom found a shell.\n')
    assert set(later.scenes[-1].characters) == {"tom", "anna"} # they, after the time it opens with


def test_a_story_tells_apart_a_girl_her_father_and_a_titled_name():
    "`her father's shop` is not what Elsie is; `her twelve years` is her age; `Mr. Marsh` is one person, not `Mr.` and `Marsh`; `Elsie's father went pale.` gives him the line after it."
    sb = parse_script(
        "Elsie Marsh had lived above her father's clock shop on Wren Street for all of her twelve years.\n\n"
        '"You\'ll be late for school," her father called up the stairs.\n\n'
        '"I\'m not going," Elsie said.\n\n'
        "Mr. Marsh climbed the stairs slowly. He found her sitting on the window seat.\n\n"
        '"Because the big clock stopped," she whispered.\n\n'
        "Elsie's father went pale. \"I know.\"\n", "prose")
    elsie = sb.character("elsie-marsh")
    assert elsie.traits.gender != "male" and elsie.traits.age == 12 # her father is male, not she
    assert sorted(c.id for c in sb.characters) == ["elsie-marsh", "father", "mr-marsh"]
    assert sb.character("mr-marsh").description == "Mr. Marsh climbed the stairs slowly."
    assert lines(sb) == [("father", "You'll be late for school", None, None), ("elsie-marsh", "I'm not going", None, None),
                         ("elsie-marsh", "Because the big clock stopped", None, None), ("father", "I know.", None, None)]


def test_a_shows_transcript_names_each_speaker_once():
    "`HOST (Sam):` is Sam, `GUEST - Dr. Priya Nair:` is the Priya who speaks after, `Sam (host):` says nothing of how: two speakers, not five."
    sb = parse_script("HOST (Sam): Welcome back to the show!\nGUEST - Dr. Priya Nair: Thanks for having me, Sam.\n"
                      "Sam: So, is coffee good or bad for you?\nPRIYA: (laughs) It depends.\nSam (host): See you next week.\n", "dialogue")
    assert [(c.id, c.name) for c in sb.characters] == [("sam", "Sam"), ("dr-priya-nair", "Dr. Priya Nair")]
    assert lines(sb) == [("sam", "Welcome back to the show!", None, None), ("dr-priya-nair", "Thanks for having me, Sam.", None, None),
                         ("sam", "So, is coffee good or bad for you?", None, None), ("dr-priya-nair", "It depends.", "laughs", None),
                         ("sam", "See you next week.", None, None)]


def test_a_video_scripts_host_is_seen_where_it_says_on_camera():
    "`[On camera, kitchen]`: the host is in that part's picture, saying its words; over a part's B-roll the same host is heard, not seen."
    sb = parse_script("# Sourdough at Home\n\n## Intro\n**[On camera, kitchen]**\nHey everyone, welcome back!\n\n"
                      "## Step 1 – The Starter\n*B-roll: bubbly starter in a jar*\nYour starter should double in six hours.\n\n"
                      "## Outro\n**[On camera]**\nSubscribe for part two.\n")
    assert [c.id for c in sb.characters] == ["host"]
    assert [(s.heading, s.characters, [(l.character, l.extension) for l in s.lines]) for s in sb.scenes] == [
        ("Intro", ["host"], [("host", None)]), ("Step 1 – The Starter", [], [("host", "V.O.")]), ("Outro", ["host"], [("host", None)])]
    r = read_scene(sb.scenes[0], sb.characters)
    assert r.place == "kitchen" and "camera" not in r.props # the camera filming, not one on the table
    plain = parse_script("## Intro\nHey everyone!\n\n## Step 1\n*B-roll: a jar*\nFeed it.\n")
    assert {(l.character, l.extension) for s in plain.scenes for l in s.lines} == {("narrator", "V.O.")} # no part on camera: a voice over it all


def test_a_storys_speech_said_with_any_common_verb_is_spoken():
    "`the fox went on`, `the fox chuckled`: speech so attributed is said by whom it names, not left unsaid."
    sb = parse_script("The Fox and the Crow\n\nA crow sat on a branch. A fox trotted by.\n\n"
                      "'Good morning, Mistress Crow,' said the fox.\n\nThe crow said nothing.\n\n"
                      "'Your voice must be finer still,' the fox went on. 'Won't you sing?'\n\n"
                      "'Thank you,' the fox chuckled. 'That is all I wanted.'\n", "prose")
    assert lines(sb) == [("fox", "Good morning, Mistress Crow", None, None), ("fox", "Your voice must be finer still", None, None),
                         ("fox", "Won't you sing?", None, None), ("fox", "Thank you", None, None), ("fox", "That is all I wanted.", None, None)]


def test_a_plays_scene_says_its_time_and_its_cast_list_says_ages_in_words():
    "`SCENE 2. The garden, that evening.`: evening, not the morning before it; `DANIEL, her son, thirty`: 30; `THE POSTMAN` listed bare is described only by what he does."
    sb = parse_script("THE VISIT\n\nCHARACTERS\nMARGARET, a widow in her sixties\nDANIEL, her son, thirty\nTHE POSTMAN\n\n"
                      "SCENE 1. A kitchen in Yorkshire. Morning.\n\n(MARGARET is at the sink. DANIEL enters with a suitcase.)\n\n"
                      "MARGARET. You're early.\nDANIEL. The train was on time, for once.\n\n(THE POSTMAN enters.)\n\n"
                      "THE POSTMAN. Parcel for Mrs. Hale.\n\nSCENE 2. The garden, that evening.\n\nDANIEL. I've had an offer.\n"
                      "MARGARET. I know.\n")
    assert [s.time_of_day for s in sb.scenes] == ["MORNING", "EVENING"]
    assert [(c.name, c.traits.age, c.traits.gender) for c in sb.characters] == [("Margaret", 65, "female"), ("Daniel", 30, "male"),
                                                                                 ("The Postman", None, "male")] # a postman is a man
    assert sb.character("the-postman").description == "THE POSTMAN enters."


def test_a_story_that_introduces_two_at_once_gives_each_their_own_words():
    "`an old woodcutter named Tomas and his daughter, Lina`: Tomas is old, Lina is not, and she is a woman drawn as his daughter, not as the sentence; a scene that names no place is where someone was last put."
    sb = parse_script("Once upon a time, in a village at the edge of a great forest, there lived an old woodcutter named Tomas and his daughter, Lina.\n\n"
                      "Every morning Tomas went into the forest with his axe, and every evening Lina waited for him by the gate.\n\n"
                      '"Father!" Lina called. "Where are you?"\n\n'
                      "Lina ran until she found her father, trapped beneath a fallen branch.\n\n"
                      '"You came for me," Tomas whispered.\n', "prose")
    tomas, lina = sb.character("tomas"), sb.character("lina")
    assert (tomas.traits.age, tomas.traits.gender, lina.traits.age, lina.traits.gender) == (75, "male", None, "female")
    assert "Tomas (an old woodcutter); Lina (daughter)" in sb.scenes[0].image_prompt
    assert [read_scene(s, sb.characters).place for s in sb.scenes][1:] == ["forest"] * (len(sb.scenes) - 1)


def test_an_ads_look_after_its_noun_and_no_editors_words_in_the_picture():
    "`OPEN ON: A sleepy woman, 30s, shuffles in` first: an action, not a title page's field; WOMAN is 35; `OPEN ON:`, `CUT TO:` in an action are not painted."
    sb = parse_script("OPEN ON: A sleepy woman, 30s, shuffles into a sunlit kitchen in her bathrobe.\n\n"
                      "ANNCR (V.O.)\nMornings are hard.\n\nCUT TO: She sips, and smiles.\n\nWOMAN\nOkay. Now I'm ready.\n", "fountain")
    woman = sb.character("woman")
    assert (woman.description, woman.traits.age, woman.traits.gender) == ("A sleepy woman, 30s", 35, "female")
    assert "OPEN ON" not in sb.scenes[0].image_prompt and "CUT TO" not in sb.scenes[0].image_prompt
    assert "Woman (A sleepy woman, 30s), A sleepy woman, 30s, shuffles into a sunlit kitchen in her bathrobe. She sips" in sb.scenes[0].image_prompt


def test_a_cast_of_names_alone_is_drawn_and_voiced_as_its_names_say():
    "`1. JOHN: …`, `2. MARY: …`: numbered lines are theirs; with no word said of them, John is a man and Mary a woman, in the picture and the voice; a name given to both (`ALEX`) says nothing."
    from videogen.voice import gender_of
    sb = parse_script("1. JOHN: Did you lock the door?\n2. MARY: I thought you did.\n3. ALEX: Don't look at me.\n4. JOHN: I asked you to.\n")
    assert [(l.character, l.text) for l in sb.scenes[0].lines][:2] == [("john", "Did you lock the door?"), ("mary", "I thought you did.")]
    assert [(c.name, c.traits.gender, gender_of(c)) for c in sb.characters] == [("John", "male", "male"), ("Mary", "female", "female"), ("Alex", None, None)]
    assert parse_script("INT. KITCHEN - DAY\n\nJOHN, a woman of fifty, waits.\n\nJOHN\nWell?\n", "fountain").character("john").traits.gender == "female"


def test_a_spanish_screenplay_is_read_as_spanish():
    "Spanish with a few words py3langid also gives to its neighbours (Extremaduran, Aragonese): Spanish, for the voices too; Élodie's name is a woman's."
    sb = parse_script("INT. COCINA - NOCHE\n\nCARMEN, 60, lee una carta junto a la ventana. Su nieto LUIS, 12, entra descalzo.\n\n"
                      "LUIS\n¿Abuela? ¿Qué es eso?\n\nCARMEN\n(guardando la carta)\nNada, cariño. Vuelve a la cama.\n\n"
                      "EXT. PLAZA DEL PUEBLO - DÍA\n\nLuis corre entre las palomas.\n", "fountain")
    assert sb.source["language"] == "es" and {c.voice.language for c in sb.characters} == {"es"}
    assert [(c.name, c.traits.age, c.traits.gender) for c in sb.characters] == [("Luis", 12, "male"), ("Carmen", 60, "female")]


def test_a_quote_given_to_she_before_anyone_is_named_goes_to_the_storys_one_woman():
    "`my grandmother taught me …` / `\"Don't fight the water,\" she said` / … `Grandma waited on the dock`: the story's one woman, named later, says it, and is seen saying it."
    sb = parse_script("The summer I turned twelve, my grandmother taught me to swim in the cold lake behind her cabin.\n\n"
                      '"Don\'t fight the water," she said, floating on her back. "Let it hold you."\n\n'
                      "I tried. I sank. She laughed and pulled me up.\n\n"
                      "By August I could cross the lake alone. Grandma waited on the dock with a towel.\n\n"
                      '"You see?" she said. "The water was never your enemy."\n', "prose")
    assert [c.id for c in sb.characters] == ["grandma"]
    assert [(s.characters, [l.text for l in s.lines]) for s in sb.scenes][0] == (["grandma"], ["Don't fight the water", "Let it hold you."])


def test_a_bracketed_scene_that_brings_someone_in_describes_them():
    "`**[Scene 2: Inside the lighthouse. An old keeper, ELIAS, polishes the great lens.]**`: the heading is the scene's first words, so Elias is an old keeper, and Mira a young woman."
    sb = parse_script("**Title: The Last Lighthouse**\n\n**[Scene 1: A rocky coastline at dusk.]**\n\n**Narrator (V.O.):** One light still burns.\n\n"
                      "**[Scene 2: Inside the lighthouse. An old keeper, ELIAS, polishes the great lens.]**\n\n**Elias:** Forty years.\n\n"
                      "**[Scene 3: A young woman, MIRA, climbs the spiral stairs, out of breath.]**\n\n**Mira:** Grandpa! The storm's coming!\n")
    assert [(c.id, c.traits.age, c.traits.gender) for c in sb.characters] == [("narrator", None, None), ("elias", 75, "male"), ("mira", 25, "female")]
    assert "Elias (old keeper)" in sb.scenes[1].image_prompt and "Mira (young woman)" in sb.scenes[2].image_prompt


def test_a_fairy_tales_doctor_grandmother_and_who_is_where():
    "`Dr. Bell, a tall man with a grey beard, opened the door`: Dr. Bell is someone, and says what `he said` after; `her grandmother` is old and does not wear the girl's scarf; a grandmother spoken of in a quote is not in the forest, nor is one left at home when the girl `stepped out into the snow`; the car a speech sits in is not where the scene is when the story names a place."
    story = ("The Fox and the Lantern\n\nOnce upon a time there lived a girl named Ada. She was nine years old, with a green scarf her grandmother had knitted.\n\n"
             "One winter evening, Ada's grandmother fell ill. \"Fetch the doctor from across the forest,\" she whispered. Ada took the lantern and stepped out into the snow.\n\n"
             "The forest was silent. A fox stepped onto the path. \"Where are you going?\" asked the fox.\n\n\"To the doctor,\" said Ada. \"My grandmother is sick.\"\n\n"
             "By midnight, they reached the doctor's cottage. Dr. Bell, a tall man with a grey beard, opened the door. \"Good heavens, child,\" he said.\n\n"
             "Dawn came.\n\nThe kitchen was warm. \"I sat in the car for hours,\" said Ada.\n")
    sb = parse_script(story, "prose")
    cast = {c.id: c for c in sb.characters}
    assert {"ada", "grandmother", "fox", "dr-bell"} <= set(cast), list(cast)
    assert (cast["grandmother"].traits.age, cast["grandmother"].traits.clothes) == (75, [])
    assert (cast["dr-bell"].traits.gender, cast["dr-bell"].traits.build) == ("male", "tall")
    forest = next(s for s in sb.scenes if "forest was silent" in s.action)
    assert "grandmother" not in forest.characters, forest.characters
    cottage = next(s for s in sb.scenes if "Good heavens" in " ".join(l.text for l in s.lines))
    assert [l.character for l in cottage.lines] == ["dr-bell"]
    kitchen = next(s for s in sb.scenes if "kitchen was warm" in s.action)
    assert read_scene(kitchen, sb.characters).place == "kitchen"


def test_a_guest_introduced_in_full_is_one_speaker_and_a_text_is_not_seen():
    "`I'm joined by Dr. Lena Park`, then `DR. PARK:` and `LENA:`: one guest, Lena Park. `Maya (text message):` is heard, not drawn where Leo waits alone."
    show = parse_script("HOST (Jamie): Welcome back! Today I'm joined by Dr. Lena Park, a nutrition scientist.\n\nDR. PARK: Thanks for having me.\n\n"
                        "JAMIE: Coffee. Good or bad?\n\nDR. PARK: It depends.\n\nJAMIE: Lena, what about decaf?\n\nLENA: Still good.\n", "dialogue")
    assert [c.id for c in show.characters] == ["jamie", "lena-park"]
    assert [l.character for l in show.scenes[0].lines] == ["jamie", "lena-park"] * 3
    chat = parse_script("Scene 1 - Subway platform, late night\n\nLeo is alone, waiting for a train.\n\nMaya (text message): Where are you?\nLeo: On my way.\n", "dialogue")
    assert chat.scenes[0].characters == ["leo"] and [l.character for l in chat.scenes[0].lines] == ["maya", "leo"]


def test_a_japanese_screenplay_laid_out_in_fountain():
    "`INT. 駅のホーム - 夜` and cues in kana or kanji over their speech (which, with no capitals, Fountain's readers take for action): the speakers, their lines and a direction on a line of its own, the time, the seaside, `（20代）` as her age, and Haruka seen where the action names her mid-sentence. A short line over action in a script with no such cues stays action."
    sb = parse_script("INT. 駅のホーム - 夜\n\n雨が降っている。ハルカ（20代）がベンチに座っている。\n\nハルカ\n最終電車はもう行ってしまったの？\n\n"
                      "駅員\n（頭を下げて）\nはい、三十分前に出ました。\n\nハルカ\nそうですか。\n\nEXT. 海辺 - 朝\n\nハルカが海を見つめている。\n", "fountain")
    assert [(s.location, s.time_of_day) for s in sb.scenes] == [("駅のホーム", "NIGHT"), ("海辺", "MORNING")]
    haruka, staff = sb.characters
    assert (haruka.name, staff.name, haruka.traits.age, haruka.voice.language) == ("ハルカ", "駅員", 25, "ja")
    assert [(l.character, l.text, l.parenthetical) for l in sb.scenes[0].lines] == [
        (haruka.id, "最終電車はもう行ってしまったの？", None), (staff.id, "はい、三十分前に出ました。", "頭を下げて"), (haruka.id, "そうですか。", None)]
    assert sb.scenes[1].characters == [haruka.id] and read_scene(sb.scenes[1], sb.characters).place == "beach"
    quiet = parse_script("INT. 駅のホーム - 夜\n\n静寂\n誰もいないホーム。\n", "fountain")
    assert quiet.characters == [] and "静寂" in quiet.scenes[0].action


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_script_saved_as_utf16_without_its_byte_order_mark(encoding):
    "UTF-16 with no byte-order mark (some Windows tools write it so) is read as the text it is, not refused as binary; random bytes still are."
    from videogen.core import ScriptParsingError
    sb = parse_script("INT. CAFÉ - NIGHT\n\nMARA\n“We’re late.”\n\nJOSÉ\nAgain.\n".encode(encoding))
    assert sb.scenes[0].location == "CAFÉ" and [l.text for l in sb.scenes[0].lines] == ["“We’re late.”", "Again."]
    with pytest.raises(ScriptParsingError, match="binary"):
        parse_script(bytes(range(256)) * 8)


def test_a_how_tos_steps_are_its_scenes_narrated_in_a_kitchen():
    "`Step 1: In a large bowl, whisk the flour…`: a scene a step, its words said by the narrator, not a speaker called Step 1; a recipe's steps that name no place are in a kitchen."
    sb = parse_script("How to Make Pancakes\n\nStep 1: In a large bowl, whisk together the flour, sugar and salt.\n\n"
                      "Step 2: In another bowl, beat the eggs with the milk and melted butter.\n\nStep 3: Heat a pan and pour in a ladle of batter.\n")
    assert [c.id for c in sb.characters] == ["narrator"] and [s.heading for s in sb.scenes] == ["Step 1", "Step 2", "Step 3"]
    assert [l.text for s in sb.scenes for l in s.lines][0] == "In a large bowl, whisk together the flour, sugar and salt."
    assert {read_scene(s, sb.characters).place for s in sb.scenes} == {"kitchen"}
