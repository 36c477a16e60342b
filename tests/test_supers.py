"Words on screen: what a script's markers become, and what a render shows of them, checked in the decoded video."
import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

from videogen.core import Character, Motion, RenderSettings, Scene, ScriptParsingError, Storyboard, Super
from videogen.media import probe
from videogen.rendering import render
from videogen.script import parse_script

PILOT = """Title: PILOT
Author: Sam Lee

COLD OPEN

FADE IN:

EXT. CITY STREET - NIGHT

Rain. Neon.

SUPER: "NEW YORK, 1987"

RAY (INTO PHONE)
Where are you?

INTERCUT WITH:

INT. APARTMENT - CONTINUOUS

ANNA
Home.

CHYRON: Anna Cole, 34

SMASH CUT TO:

INT. DINER - DAY

TITLE CARD: TWO YEARS LATER

BEGIN MONTAGE:

-- Ray drinks coffee.

END MONTAGE.

FLASHBACK - EXT. PARK - DAY (1985)
Young Ray laughs.

BACK TO PRESENT.

END OF ACT ONE

> THE END <
"""


def test_a_teleplay_puts_its_words_on_screen_and_keeps_its_structure_off_it():
    sb = parse_script(PILOT)
    shown = [[(s.kind, s.text, s.after_line) for s in sc.supers] for sc in sb.scenes]
    assert [sc.heading for sc in sb.scenes] == ["EXT. CITY STREET - NIGHT", "INT. APARTMENT - CONTINUOUS", "INT. DINER - DAY", "INT. DINER - DAY",
                                                "FLASHBACK - EXT. PARK - DAY (1985)", "INT. DINER - DAY"] # COLD OPEN is no scene; the montage's shot is one; BACK TO PRESENT goes back to the diner
    assert shown == [[("title", "PILOT", 0), ("super", "NEW YORK, 1987", 0)], [("super", "Anna Cole, 34", 1)],
                     [("card", "TWO YEARS LATER", 0)], [], [], [("card", "THE END", 0)]]
    assert [sc.action for sc in sb.scenes] == ["Rain. Neon.", "", "", "Ray drinks coffee.", "Young Ray laughs.", ""] # no marker is action
    park = sb.scenes[4]
    assert (park.setting, park.location, park.time_of_day) == ("EXT", "PARK", "DAY")
    assert sb.scenes[0].duration >= sum(s.showing for s in sb.scenes[0].supers) # a scene lasts as long as its opening words


def test_markers_in_capitals_only_and_in_every_reader():
    dialogue = parse_script("SUPER: Paris, 1942\nMARA: We should go.\nCAPTION: Later that night\nTHEO: Go where?\nTHE END\n")
    assert [c.id for c in dialogue.characters] == ["mara", "theo"] # SUPER and CAPTION are no one
    assert [(s.text, s.after_line) for s in dialogue.scenes[0].supers] == [("Paris, 1942", 0), ("Later that night", 1)]
    assert dialogue.scenes[0].action == ""
    prose = parse_script("INT. ROOM - DAY\n\nSuper: in sentence case, a writer's word.\n\nSUPERMAN lands.\n", "fountain")
    assert prose.scenes[0].supers == [] and "SUPERMAN lands." in prose.scenes[0].action


def test_too_many_supers_in_a_scene_are_refused_by_line():
    script = "INT. ROOM - DAY\n\n" + "".join(f"SUPER: {i}\n\n" for i in range(25))
    with pytest.raises(ScriptParsingError, match="more than 20 times") as e:
        parse_script(script, "fountain")
    assert e.value.details["line"] == 1


def luma(path) -> np.ndarray:
    "Every decoded frame's Y plane, as one array."
    with av.open(str(path)) as c:
        return np.stack([f.to_ndarray(format="gray") for f in c.decode(video=0)]).astype(np.int16)


def test_a_render_shows_each_super_in_its_place_and_time_and_draws_only_its_scene_again(tmp_path):
    fps = 24
    scenes = [Scene(id=f"s{i}", heading="INT. KITCHEN - NIGHT", setting="INT", location="KITCHEN", time_of_day="NIGHT",
                    duration=4.0, seed=i, motion=Motion(kind="static")) for i in range(3)]
    plain = Storyboard(title="words", characters=[Character(id="ana", name="Ana")], scenes=scenes)
    worded = plain.model_copy(deep=True)
    worded.scenes[1].supers = [Super(text="PARIS, 1942", seconds=3.0)]
    worded.scenes[2].supers = [Super(text="TWO YEARS LATER", kind="card", seconds=3.0)]
    rs = RenderSettings(resolution="480p", fps=fps, quality="draft", timeline="none", music=False)
    a = render(plain, rs, tmp_path / "a.mp4")
    b = render(worded, rs, tmp_path / "b.mp4")
    assert b.ran["segment"] == 2 # the two scenes with words, not the first
    assert probe(b.path)["video"]["frames"] == probe(a.path)["video"]["frames"] == 3 * 4 * fps
    A, B = luma(a.path), luma(b.path)
    h, w = A.shape[1:]
    d = np.abs(A - B)
    assert d[:4 * fps].max() <= 2 # the first scene as it was
    k = 4 * fps + 2 * fps # the super, fully in
    lower_left, top = d[k, h // 2:int(0.8 * h), :int(0.7 * w)], d[k, :h // 3]
    assert lower_left.mean() > 2 and (B[k, h // 2:int(0.8 * h), :int(0.7 * w)] > 200).sum() > 300 # white letters, lower left
    assert top.mean() < 1 # nothing over the rest of the picture
    assert d[4 * fps + 1].mean() < 0.5 # a beat after the cut, not yet
    assert d[4 * fps + 4 * fps - 2].mean() < 0.5 # gone after its 3 s
    c = 8 * fps + 2 * fps # the card, fully in
    assert B[c, :h // 4].mean() < 0.45 * A[c, :h // 4].mean() # the picture darkened
    assert (B[c, int(0.4 * h):int(0.6 * h), int(0.3 * w):int(0.7 * w)] > 200).sum() > 300 # the words bright, in the middle


def test_words_on_screen_no_font_draws_are_told(monkeypatch):
    import videogen.captions as vc
    from videogen.rendering import prepare_render
    monkeypatch.setattr(vc, "_font_has", lambda c: c != "北") # a machine with no font for Han
    told = []
    prepare_render(parse_script("INT. ROOM - DAY\n\nSUPER: 北京, 1987\n\nMARA\nHello.\n"), on_event=lambda e: told.append((e.level, e.message)))
    warned = [m for level, m in told if level == "warning" and "words on screen" in m]
    assert len(warned) == 1 and "北" in warned[0] and "fonts-noto-cjk" in warned[0], told


def test_the_cli_lists_the_words_on_screen(tmp_path):
    script = tmp_path / "pilot.fountain"
    script.write_text(PILOT)
    videogen = Path(sys.executable).with_name("videogen")
    r = subprocess.run([str(videogen), "parse", str(script)], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "COLUMNS": "160"})
    assert r.returncode == 0, r.stderr
    table = r.stdout[r.stdout.index("Words on screen"):]
    assert "NEW YORK, 1987" in table and "TWO YEARS LATER" in table and "Anna Cole, 34" in table


def test_the_narrator_keeps_each_super_after_its_line():
    from videogen.rendering import narrated
    sb = parse_script("INT. A - DAY\n\nRain falls. The door opens.\n\nSUPER: Paris\n\nMARA\nHi.\n\nSUPER: Later\n\nTHEO\nBye.\n")
    sb.settings.narrator = True
    sc = narrated(sb).scenes[0]
    assert [l.character for l in sc.lines] == ["narrator", "mara", "theo"]
    assert [(s.text, s.after_line) for s in sc.supers] == [("Paris", 0), ("Later", 2)] # still after Mara's line


def test_the_edit_marks_where_words_are_on_screen(tmp_path):
    import opentimelineio as otio
    sb = parse_script("Title: Marks\n\nINT. ROOM - DAY\n\nA room.\n\nMARA\nHello there.\n\nSUPER: Mara Voss, courier\n\nEXT. STREET - NIGHT\n\n> THE END <\n")
    r = render(sb, RenderSettings(resolution="480p", fps=24, quality="draft", timeline="final", music=False), tmp_path / "m.mp4")
    clips = list(otio.adapters.read_from_file(str(tmp_path / "m.otio")).tracks[0].find_clips())
    words = [[(m.name, m.color, m.metadata["videogen"]["words"]) for m in c.markers if "words" in m.metadata["videogen"]] for c in clips]
    assert words == [[("Marks", "YELLOW", "title"), ("Mara Voss, courier", "YELLOW", "super")], [("THE END", "YELLOW", "card")]]
    card = next(m for m in clips[0].markers if m.name == "Mara Voss, courier")
    said = next(l for l in r.lines if l.text == "Hello there.")
    assert abs(card.marked_range.start_time.to_seconds() - said.end) < 0.1 # after Mara's line, in the film's own time


def test_a_time_card_written_over_the_next_heading_opens_that_scene():
    "`SUPER: \"3 DAYS LATER\"` written last in a scene, over the next heading, is shown as the next scene opens; a name written last (`CHYRON: Det. Ruiz`) stays under the one who spoke."
    sb = parse_script('INT. HOUSE - NIGHT\n\nJess freezes.\n\nSUPER: "3 DAYS LATER"\n\nEXT. POLICE STATION - DAY\n\nJess sits on the steps.\n\n'
                      "RUIZ\nAgain.\n\nCHYRON: Det. Ruiz\n\nINT. CAR - DAY\n\nRuiz drives.\n\nSUPER: THE END\n", "fountain")
    assert [[(s.text, s.after_line) for s in sc.supers] for sc in sb.scenes] == [[], [("3 DAYS LATER", 0), ("Det. Ruiz", 1)], [("THE END", 0)]]
