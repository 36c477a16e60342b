"""Malformed and hostile scripts each fail fast with a VideoGenError that says where the problem is."""
import time
from pathlib import Path
import pytest
from videogen.core import Limits, ScriptParsingError, Storyboard, VideoGenError
from videogen.script import parse_file, parse_script

SMALL = Limits(max_script_bytes=50_000, max_scenes=20, max_lines=50, max_characters=5)

def many(n, fmt):
    return "".join(fmt.format(i=i) for i in range(n))

def zipped(**members) -> bytes:
    "A zip file holding these members."
    import io, zipfile
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for name, data in members.items(): z.writestr(name.replace("__", "/"), data)
    return b.getvalue()

CASES = {
    "empty": ("", {}),
    "whitespace only": (" \n\t\n   \n", {}),
    "empty bytes": (b"", {}),
    "bom only": (b"\xef\xbb\xbf", {}),
    "binary png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", {}),
    "nul in text": ("INT. A - DAY\n\nHe\x00llo\n", {}),
    "nul bytes": (b"BOB: hi\n\x00\x00\x00", {}),
    "escape sequence": ("BOB: \x1b[2J\x1b[31mhi\n", {}),
    "c1 control": ("ANN: hi\nBOB: \x9b31m\n", {}),
    "stray bom mid-file": ("ANN: hi\n\ufeffBOB: hi\n", {}),
    "cyrillic in windows-1251": ("АННА: Привет\nБОРИС: Здравствуйте\n".encode("cp1251"), {}), # a legacy alphabet is not guessed
    "truncated utf-8": (b"ANN: hi\nBOB: \xe2\x82", {}),
    "utf-16 odd length": ("BOB: hi".encode("utf-16") + b"\x00", {}),
    "utf-16 lone surrogate": (b"\xff\xfeB\x00:\x00 \x00\x00\xd8", {}),
    "lone surrogate str": ("BOB: \ud800 hi\n", {}),
    "noncharacter": ("BOB: hi \uffff\n", {}),
    "huge bytes": (b"a" * 60_000, dict(limits=SMALL)),
    "huge text": ("word " * 20_000, dict(limits=SMALL)),
    "one enormous line": ("x" * 25_000, {}),
    "only notes": ("[[note one]]\n\n[[note two]]\n", dict(format="fountain")),
    "only boneyard": ("/* everything\n\nis cut */\n", dict(format="fountain")),
    "only title page": ("Title: Nothing\nAuthor: Nobody\n", dict(format="fountain")),
    "only sections and synopses": ("# Act One\n\n= It begins.\n\n## Part\n", dict(format="fountain")),
    "only headings": ("INT. A - DAY\n\nEXT. B - NIGHT\n", dict(format="fountain")),
    "unterminated boneyard": ("INT. A - DAY\n\nOne.\n\n/* the rest\n\nBOB\nHi.\n", dict(format="fountain")),
    "unterminated note": ("INT. A - DAY\n\nOne [[ never closed\n\nTwo.\n", dict(format="fountain")),
    "10k scenes": (many(10_000, "INT. ROOM {i} - DAY\n\nA.\n\n"), dict(format="fountain")),
    "too many scenes small": (many(30, "INT. ROOM {i} - DAY\n\nA.\n\n"), dict(format="fountain", limits=SMALL)),
    "too many lines": (many(60, "ANN: line {i}\n"), dict(limits=SMALL)),
    "too many characters": (many(10, "PERSON{i}: hi\n"), dict(limits=SMALL)),
    "too many prose scenes": (many(30, "Chapter {i}\n\nText.\n\n"), dict(format="prose", limits=SMALL)),
    "overlong heading": ("INT. " + "A" * 400 + " - DAY\n\nText.\n", dict(format="fountain")),
    "overlong character name": ("@" + "A" * 100 + "\nHi.\n", dict(format="fountain")),
    "overlong spoken line": ("BOB: " + "word " * 1500 + "\nANN: ok\n", dict(format="dialogue")),
    "dialogue with nothing said": ("ANN: Hi.\nBOB:\nANN: Bye.\n", dict(format="dialogue")),
    "broken pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> broken", {}),
    "pdf with no text": (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
                         b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF", {}),
    "final draft with entities": (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a"><!ENTITY b "&a;&a;&a;&a;">]><FinalDraft>&b;</FinalDraft>', {}),
    "final draft not xml": (b"<FinalDraft><Content><Paragraph", {}),
    "zip that is no word document": (b"PK\x03\x04" + b"\x00" * 60, {}),
    "rtf of nothing but groups": (b"{\\rtf1 " + b"{" * 100_000 + b"}" * 100_000, {}),
    "web page in a character set that does not exist": (b'<html><head><meta charset="x-nothing"></head><body>ANN: hi</body></html>', {}),
    "web page not in its character set": (b'<html><head><meta charset="utf-8"></head><body>ANN: caf\xe9</body></html>', {}),
    "web page of nothing but scripts": (b"<html><body><script>var a = 'ANN: hi';</script><style>p{}</style></body></html>", {}),
    "fade in script with entities": (zipped(**{"document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "a">]><document>&a;</document>'}), {}),
    "fade in script not xml": (zipped(**{"document.xml": "<document><paragraphs><para"}), {}),
    "fade in script of no paragraphs": (zipped(**{"document.xml": "<document><info/></document>"}), {}),
    "opendocument text with entities": (zipped(**{"content.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "a">]><d>&a;</d>'}), {}),
    "opendocument text not xml": (zipped(**{"content.xml": "<office:document-content"}), {}),
    "opendocument text with no body": (zipped(**{"content.xml": "<document/>"}), {}),
    "e-book naming no package": (zipped(**{"META-INF__container.xml": "<container><rootfiles/></container>"}), {}),
    "e-book with entities": (zipped(**{"META-INF__container.xml": '<!DOCTYPE c [<!ENTITY a "a">]><container>&a;</container>'}), {}),
    "e-book not in utf-8": (zipped(**{"META-INF__container.xml": '<container><rootfile full-path="p.opf"/></container>',
                                      "p.opf": '<package><manifest><item id="a" href="a.xhtml"/></manifest><spine><itemref idref="a"/></spine></package>',
                                      "a.xhtml": b"<html><body><p>ANN: caf\xe9</p></body></html>"}), {}),
    "unknown format": ("ANN: hi", dict(format="docx")),
    "unknown parser": ("ANN: hi", dict(parser="magic")),
}

@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_gives_located_error(name):
    script, kw = CASES[name]
    t = time.process_time()
    with pytest.raises(VideoGenError) as e:
        parse_script(script, **kw)
    assert time.process_time() - t < 5
    err = e.value
    assert isinstance(err, ScriptParsingError)
    assert err.details.get("line") or err.details.get("field"), err.details
    assert err.message and "Traceback" not in str(err)

def test_there_are_at_least_thirty_cases():
    assert len(CASES) >= 30

def test_bounds_name_the_bound_and_the_line():
    with pytest.raises(ScriptParsingError) as e:
        parse_script(many(30, "INT. ROOM {i} - DAY\n\nA.\n\n"), "fountain", limits=SMALL)
    assert e.value.details == {"line": 81, "bound": "max_scenes"}
    assert "20" in e.value.message
    with pytest.raises(ScriptParsingError) as e:
        parse_script("ANN: hi\nБОРИС: Привет\n".encode("cp1251")) # not UTF-8, and no Western European a Windows editor writes
    assert e.value.details["line"] == 2 and "UTF-8" in e.value.message

def test_oversized_file_is_not_read(tmp_path):
    p = tmp_path / "big.fountain"
    p.write_bytes(b"a" * 60_000)
    with pytest.raises(ScriptParsingError, match="limit"):
        parse_file(p, limits=SMALL)

def test_missing_file_and_directory(tmp_path):
    for p in (tmp_path / "nope.txt", tmp_path):
        with pytest.raises(ScriptParsingError) as e:
            parse_file(p)
        assert e.value.details["field"] == "path"

@pytest.mark.parametrize("doc", ["{", "[]", '{"scenes": [{"id": "BAD ID"}]}', '{"title": "x", "extra": 1}',
                                 '{"scenes": [{"id": "a", "duration": -3}]}'])
def test_bad_storyboard_json_names_the_field(doc):
    with pytest.raises(ScriptParsingError) as e:
        Storyboard.from_json(doc)
    assert e.value.details.get("field") is not None

def test_input_is_not_modified_on_error(tmp_path):
    p = tmp_path / "s.fountain"
    data = b"INT. A - DAY\n\n/* unterminated\n"
    p.write_bytes(data)
    with pytest.raises(ScriptParsingError):
        parse_file(p)
    assert p.read_bytes() == data

def test_non_latin_names_stay_distinct_characters():
    from videogen.script import parse_script
    sb = parse_script("李: 你好。\n王: 你好！\nÉLODIE: Bonjour.\n")
    assert len({c.id for c in sb.characters}) == 3
    assert sb.character("elodie").name == "Élodie"


PATHOLOGICAL = {
    "emphasis that never closes": ("**x " * 4900 + "\n") * 100,
    "emphasis closing none opened": ("**a " * 2000 + "x_ " * 2000 + "\n") * 100,
    "underscores": ("_a" * 9900 + "\n") * 100,
    "a thousand quotes a paragraph": ('"hi," he said. ' * 1300 + "\n\n") * 100,
    "one long quote after its attribution": ('Tom said, "' + "a " * 9000 + '"\n\n') * 20,
    "capitals and a stop": ("AB" * 9000 + ". x\n") * 100,
    "times in brackets": ("[" + "1:11" * 4000 + "] A: b\n") * 100,
    "a page of columns": "\n".join(["          " + "MAYA" + " " * 30 + "THEO"] * 20_000),
    "a table of labels": "| Visual | Audio |\n|---|---|\n" + ("| x | " + "AB: " * 4900 + "|\n") * 90,
    "a table of rules": ("| Visual | Audio |\n" + "|-" * 9900 + "x\n") * 90,
    "cues over blank lines": ("NAME\n\n(" + "a" * 50 + ")\n\n" + "SUPER:\n\n") * 20_000,
    "headings led in": ("FLASHBACK - " * 1600 + "EXT. A\n") * 100,
    "quotes that open and never close": (" 'a don't" * 2000 + "\n\n") * 100,
    "every kind of quote mark": ("„a« »b„ «c‘ 「d" * 1000 + "\n\n") * 100,
    "fences": "```\n" * 200_000,
    "fences and words": "```\nMARA: hi\n" * 80_000,
    "a play's names on every line": ("Nora (" + "a" * 190 + "). " + "x " * 30 + "\nHelmer [b]. y\n\n") * 4_000,
    "one paragraph wrapped at a width": ("word " * 14 + "\n") * 25_000,
    "a table of contents of thousands": "Contents\n\n" + "ACT I\nScene I. x\n" * 20_000,
    "a cast list of thousands": "DRAMATIS PERSONAE\n\n" + ("A" * 60 + ", " + "b" * 50 + "\n") * 15_000,
    "e-book marks": "*** START OF THE PROJECT GUTENBERG EBOOK X ***\nA\n*** END OF THE PROJECT GUTENBERG EBOOK X ***\n" * 10_000,
    "times over words": ("0:00\n" + "word " * 5 + "\n") * 20_000,
    "speakers at times": "Jane Doe  0:00\nhi\n" * 25_000,
    "tabs": ("ANNA\t" * 2000 + "x\n") * 100,
    "spaces after a name": ("ANNA" + " " * 9000 + "x\n") * 100,
    "spaces before a dash": ("—" + " " * 9000 + "a" + " " * 9000 + "—\n\n") * 100,
    "spaces before a colon": ("ANNA" + " " * 9000 + "(x)" + " " * 9000 + ":\n") * 100,
    "tabs after a cue": ("ANNA" + "\t" * 9000 + "\n") * 100,
    "headings of ideographs": ("第一场 " + "内景 " * 20 + "夜\n" + "马" * 80 + "「" + "话" * 5000 + "」\n") * 300,
    "subtitles of tags": "1\n00:00:01,000 --> 00:00:02,000\n" + ("<i><v " + "a" * 30 + ">" + "{\\an8}" * 100 + "x\n") * 2_000,
    "spaces before a heading's time": ("INT. A" + " " * 9000 + "NIGHTS\n\nB: hi\n") * 100,
    "numbered headings": ("\n".join(f"{n}. INT. ROOM {n}. NIGHT. {n}" for n in range(3000)) + "\nA: hi\n"),
    "a comic's panels and pages": ("PAGE ONE (" + "x" * 60 + ")\n\nPANEL 1\n" + "ANN: hi\n" * 3 + "\n") * 2_000,
    "sections with times": ("HOOK (0:00" + "–0:15" * 3000 + ")\nVO: hi\n") * 100,
    "off-screen cues": ("\n\nANNA (" + "OVER " * 2000 + "RADIO)\nHi.\n") * 100,
    "a screenplay with no blank lines": "INT. A - DAY\n" + ("ANNA\nhi there\nBOB\n(" + "x" * 30 + ")\nyo\nAnna waits. " + "w " * 40 + "\n") * 8_000,
    "pages that go on and on": "INT. A - DAY\nANNA\nhi\nBOB\nyo\n" + ("ANNA\nhi\n(MORE)\n2.\nANNA (CONT'D)\n" * 12_000),
    "a title page of bylines": ("by\n" * 20_000) + "INT. A - DAY\nANNA\nhi\nBOB\nyo\nANNA\nok\n",
    "a story's names and verbs": ("Ab" * 9000 + " walked\n") * 100 + '\n"Hi." ' + "Ab " * 5000 + 'said the old man. "Go."\n',
    "combining marks": ("म" + "\u093e" * 9000 + ": hi\n") * 100,
    "a spreadsheet's long rows": "Character,Line\n" + ("Anna," + "a," * 5000 + "\n") * 200,
    "names set off by dashes": ("ANNA" + " -" * 9000 + " hi\nBEN — yo\n<" + "a" * 9000 + "> x\n") * 100,
    "a storyboard nested deep": '{"scenes":\n' + "[\n" * 40_000 + "]\n" * 40_000 + "}",
    "braces nested deep": '{"a":\n' + '{"b":\n' * 30_000 + "1" + "}\n" * 30_000 + "}",
    "an Ink story's comments left open": "=== a ===\n-> END\n" + ("/*a" * 6000 + "\n") * 100,
    "a quote that never closes over a long story": '"' + ("a. " * 6000 + "\n") * 100,
    "a shot's line of spaces": ("Shot 1: a" + " " * 19_000 + "x\n") * 100,
    "a video's parts over long words": ("INTRO (0:00)\n" + "[0:05] " * 2500 + "\n") * 100,
    "a Twine story's links that never close": ":: a\n:: b\n" + ("[[" * 9000 + "\n") * 100,
    "a name in capitals a thousand times a sentence": "INT. A - DAY\n\n" + ("AB " * 3000 + "(1\n\n") * 100 + "BOB\nhi\n",
    "lines said together, over and over": "INT. A - DAY\n\nTOM and ANNA wait.\n\n" + "TOM\nHi.\n\nTOM AND ANNA\nYes.\n\nBOTH\nNo.\n\nALL\nGo.\n\n" * 3_000,
    "everyone, where thousands have spoken": "".join("INT. R - DAY\n\n" + "".join(f"N{i * 10 + j}X\nHi.\n\n" for j in range(10)) + "ALL\nYes.\n\n" for i in range(450)),
    "asterisks between sentences": ("Ann: " + "Hi. *a* " * 2000 + "\n") * 100,
    "an intercut of many cuts": "INT. A - DAY\n\nANN waits.\n\nANN\nHi.\n\nINT. B - DAY\n\nBEN\nYo.\n\nINTERCUT\n\n" + "ANN\nHi.\n\nBEN\nYo.\n\nAnn nods. Ben nods.\n\n" * 3_000,
    "an insert after an insert": "INT. A - NIGHT\n\nANN waits.\n\n" + "INSERT - ANN'S PHONE\n\nA text from BEN: \"hi\"\n\nBEN (V.O.)\nHi.\n\n" * 3_000,
    "a hundred people brought in, sentence after sentence": "INT. A - DAY\n\n" + ("".join(f"NAME{chr(65 + i % 26)}{chr(65 + i // 26)} sleeps. " for i in range(600)) + "\n\n") * 30 + "BOB\nhi\n",
}

BOUND = 5 # CPU seconds: a script a reader takes longer over is a defect


def read_seconds(script, *args) -> float:
    "The CPU seconds reading `script` takes, or refusing it; a second reading when the first is over `BOUND`, and the lesser of the two. A machine shared with other work slows a run now and then (the same reader has taken 2.4 and 5.6 s here); a pattern that backtracks is slow every time, by minutes."
    def once():
        t = time.process_time()
        try: parse_script(script, *args)
        except ScriptParsingError: pass
        return time.process_time() - t
    took = once()
    return min(took, once()) if took >= BOUND else took


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_markup_built_to_be_slow_is_read_in_bounded_time(name):
    "Scripts shaped to make a reader's patterns backtrack: each is read, or refused for a bound, in the time any script may take (the reader's CPU seconds, which other work on the machine does not add to; a pattern that backtracks takes minutes)."
    for fmt in ("auto", "fountain", "prose", "dialogue", "av"):
        took = read_seconds(PATHOLOGICAL[name], fmt)
        assert took < BOUND, (name, fmt, took)


ODF = " ".join(f'xmlns:{k}="urn:oasis:names:tc:opendocument:xmlns:{k}:1.0"' for k in ("office", "text"))

@pytest.mark.parametrize("document", [b"<html><body>" + b"<b>" * 400_000 + b"ANN: hi", b"<html><pre>" + b"<pre>" * 300_000,
                                      b"<html><body>" + b"&amp;" * 300_000 + b"<p>ANN: hi</p>", b"<html><body><!--" + b"-" * 1_500_000,
                                      b"<html><pre>" + b" " * 1_500_000 + b"ANN: hi</pre>", b"<html><pre>" + (b" " * 15_000 + b"\n") * 100 + b"</pre>",
                                      zipped(**{"content.xml": f'<office:document-content {ODF}><office:body><office:text><text:p>ANN:'
                                                               '<text:s text:c="999999999"/>hi</text:p></office:text></office:body></office:document-content>'}),
                                      zipped(**{"content.xml": f'<office:document-content {ODF}><office:body><office:text><text:p>'
                                                               + "<text:span>" * 50_000 + "ANN: hi" + "</text:span>" * 50_000 + "</text:p></office:text></office:body></office:document-content>"})])
def test_documents_built_to_be_slow_or_large_are_read_in_bounded_time(document):
    "Web pages of endless tags and OpenDocument texts asking for a billion spaces or nested fifty thousand deep: each read, or refused, in the time any script may take."
    assert read_seconds(document) < BOUND


from hypothesis import HealthCheck, example, given, settings, strategies as st

PIECES = ["**", "*", "_", "__", "[", "]", "[[", "]]", "(", ")", "{", "}", '"', "'", "“", "”", ":", "::", "#", "## ", "> ", "|", "~", "^",
          "@", "!", ".", "=", "===", "/*", "*/", "-", "—", "\t", "    ", " ", "\n", "\n\n", "ANNA", "BOB:", "INT. ", "EXT.", " - DAY",
          "0:05", "12:30", " --> ", "Mr.", "she", "he", "said", "the", "word", "Tom", "TOM", "(V.O.)", "CUT TO:", "FADE IN:", "FADE OUT.",
          "```", "<b>", "</b>", "&amp;", "SCENE 1", "Shot 2:", "INTRO", "[0:05]", "VO:", "SFX:", "SUPER:", "| Visual | Audio |", "|---|---|",
          ",", ";", "?", "…", "「", "」", "说", "：", "1.", "+", "ACT I", "CHAPTER 1", "MONTAGE", "END MONTAGE", "BACK TO:", "(30s)",
          "DRAMATIS PERSONAE", "Title:", "Characters:", "WEBVTT", "1\n00:00:01,000 --> 00:00:02,000\n", "Verse 1", "Chorus", "\u200b"]

@settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(1, 30), st.sampled_from(["auto", "fountain", "prose", "dialogue", "av"]))
@example(["CUT TO:", "\n", "BOB:", " hi"], 1, "dialogue") # a conversation that opens on a transition
def test_any_mix_of_what_scripts_are_written_with_is_read_or_refused_where(pieces, times, fmt):
    "A script made of any mix of the marks, words and lines scripts are written with, repeated, is read, or refused by a ScriptParsingError naming its line or field: no other exception (hypothesis shrinks one found to its fewest pieces)."
    try: sb = parse_script("".join(pieces) * times, fmt)
    except ScriptParsingError as e: assert e.details.get("line") or e.details.get("field"), e.details
    else: assert sb.scenes and all(s.duration > 0 for s in sb.scenes)


def test_a_broken_or_unwritable_model_cache_is_read_past(tmp_path, monkeypatch):
    "py3langid's unpacked model is kept in the user's cache: a copy left broken is let go of and made again, and a cache that cannot be written leaves the packed model to be read; each way, English is English."
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from videogen.script import _unpacked_model, language_identifier
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    copy = _unpacked_model(Path(MODEL_DIR) / MODEL_FILE)
    copy.write_bytes(copy.read_bytes()[:100_000]) # left broken
    assert language_identifier().rank("The train is late again, she said.")[0][0] == "en"
    assert not copy.exists()
    assert language_identifier().rank("The train is late again, she said.")[0][0] == "en" and copy.stat().st_size > 60_000_000
    assert not list(copy.parent.glob("*.part"))
    (tmp_path / "ro").write_text("a file where the cache's folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "ro"))
    assert language_identifier().rank("Le train est encore en retard.")[0][0] == "fr"
