"""The offline painter reads words: prompts change the picture, descriptions change the figures and voices, every place frames well."""
import json
from itertools import combinations

import numpy as np
import pytest

from videogen.core import STYLE_PRESETS, RenderSettings, Scene, Storyboard
from videogen.image import PainterImageBackend, paint
from videogen.rendering import render
from videogen.script import parse_file, parse_script
from videogen.sets import PLACE_NAMED
from videogen.voice import cast_voices
from videogen.words import VOCABULARY, animal_of, read_scene

CAFE = """INT. CAFE - DAY

A quiet corner table. MARA (40s, a woman in a green dress) waits with a cup of coffee.

MARA
You came.
"""

PROMPTS = {
    "rainy street at night": dict(place="street", weather=["rain"], time="NIGHT"),
    "a beach at sunset, seagulls": dict(place="beach", time="SUNSET"),
    "snowy mountain pass at dawn": dict(place="mountain", weather=["snow"], time="DAWN"),
    "a cosy library, candles, fog": dict(place="library", weather=["fog"], light=["candle"]),
    "a red kitchen with a kettle and a radio": dict(place="kitchen", colours=["red"]),
}


def test_prompts_that_name_other_places_weather_and_times_give_other_pictures(tmp_path):
    sb = parse_script(CAFE)
    scene = sb.scenes[0]
    painter = PainterImageBackend()
    stills = {}
    for prompt, want in PROMPTS.items():
        s = scene.model_copy(update=dict(image_prompt=prompt))  # the same seed every time
        r = read_scene(s, sb.characters)
        for k, v in want.items(): assert getattr(r, k) == v, (prompt, k, getattr(r, k))
        stills[prompt] = np.asarray(painter.paint(s, sb, (320, 180)).image(), np.float32)
    for a, b in combinations(stills, 2):
        assert np.abs(stills[a] - stills[b]).mean() > 6, (a, b)  # mean pixel difference, 0-255
    # the same prompt and seed is the same picture; words the painter does not know are listed, and change nothing
    again = np.asarray(painter.paint(scene.model_copy(update=dict(image_prompt="rainy street at night")), sb, (320, 180)).image(), np.float32)
    assert (again == stills["rainy street at night"]).all()
    odd = scene.model_copy(update=dict(image_prompt="rainy street at night, quixotic"))
    assert read_scene(odd, sb.characters).unknown == ["quixotic"]

    # the manifest says what was understood, scene by scene
    two = sb.model_copy(update=dict(scenes=[scene.model_copy(update=dict(id="a", image_prompt="rainy street at night", duration=1.0)),
                                            scene.model_copy(update=dict(id="b", image_prompt="a beach at sunset", lines=[], duration=1.0))]))
    res = render(two, dict(resolution="480p", quality="draft", timeline="none"), tmp_path / "two.mp4")
    m = json.loads(res.manifest.read_text())["understood"]
    assert (m["a"]["place"], m["a"]["weather"], m["a"]["time"]) == ("street", ["rain"], "NIGHT")
    assert (m["b"]["place"], m["b"]["time"]) == ("beach", "SUNSET")
    assert m["a"]["summary"].startswith("place: street; time: night; weather: rain")


PEOPLE = """EXT. PARK - DAY

LILY (7, a girl in a yellow raincoat) chases pigeons. ANNA (30s, a woman in a red dress) watches.

TOM (40s, a man in a blue suit) reads. WALTER (80, an old man with white hair, brown coat, leaning on a cane) feeds the birds.

LILY
Look!

ANNA
I see them.

TOM
They're hungry.

WALTER
They always are.
"""


def figure_heights(layers) -> list[int]:
    "Heights in pixels of the figures on the nobody-speaks layer, left to right (columns of alpha split by gaps)."
    a = layers.figures()[..., 3] > 0
    cols = a.any(0)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], cols.astype(int), [0]])))
    out = []
    for x0, x1 in zip(edges[::2], edges[1::2]):
        rows = np.flatnonzero(a[:, x0:x1].any(1))
        out.append(int(rows[-1] - rows[0] + 1))
    return out


def test_descriptions_shape_figures_and_voices():
    sb = parse_script(PEOPLE)
    t = {c.id: c.traits for c in sb.characters}
    assert (t["lily"].age, t["lily"].gender, t["lily"].clothes) == (7, "female", ["yellow raincoat"])
    assert (t["anna"].age, t["anna"].gender, t["anna"].clothes) == (35, "female", ["red dress"])
    assert (t["tom"].age, t["tom"].gender, t["tom"].clothes) == (45, "male", ["blue suit"])
    assert (t["walter"].age, t["walter"].gender, t["walter"].hair, t["walter"].carries) == (80, "male", "white", ["cane"])

    from videogen.image import Look
    from videogen.words import COLOURS
    looks = {c.id: Look.of(c) for c in sb.characters}
    assert (looks["lily"].top, looks["anna"].top, looks["tom"].top) == (COLOURS["yellow"], COLOURS["red"], COLOURS["blue"])
    assert looks["anna"].top_style == "dress" and looks["walter"].hair == "#e4e1da"

    # drawn: the child is about three quarters of an adult's height; figures stand in the scene's order, left to right
    scene = sb.scenes[0]
    heights = dict(zip(scene.characters, figure_heights(paint(scene, sb.characters, (640, 360)))))
    assert set(heights) == {"lily", "anna", "tom", "walter"}, heights
    assert heights["lily"] < 0.8 * min(heights["anna"], heights["tom"], heights["walter"]), heights

    # heard: gender picks the variant, age the pitch and pace
    v = cast_voices(sb.characters)
    from videogen.voice import VARIANTS
    assert [v[k].variant in VARIANTS["female"] for k in ("anna", "tom", "walter")] == [True, False, False]
    assert v["lily"].pitch > v["anna"].pitch > v["tom"].pitch > v["walter"].pitch, v
    assert v["walter"].rate < v["tom"].rate or v["walter"].rate < 155


ASPECTS = {"16:9": (192, 108), "9:16": (108, 192), "1:1": (144, 144), "4:5": (144, 180)}


@pytest.mark.parametrize("aspect", ASPECTS)
def test_every_place_frames_at_every_aspect(aspect):
    "The place stays in view and figures are people, not giant torsos: every place the vocabulary names, at each aspect."
    sb = parse_script("INT. ROOM - DAY\n\nANA and BEN stand.\n\nANA\nHello.\n\nBEN\nHi.\n")
    w, h = ASPECTS[aspect]
    for place in [*VOCABULARY["place"], "outdoors"]:
        scene = sb.scenes[0].model_copy(update=dict(image_prompt=f"{place}, day" if place != "outdoors" else "exterior, day",
                                                    characters=["ana", "ben"]))
        layers = paint(scene, sb.characters, (w, h))
        ch, cw = layers.background.shape[:2]
        y0, x0 = (ch - h) // 2, (cw - w) // 2
        figures = layers.figures()[y0:y0 + h, x0:x0 + w, 3] > 0
        assert figures.any(), (place, aspect)
        rows = np.flatnonzero(figures.any(1))
        tall = (rows[-1] - rows[0] + 1) / h
        assert 0.12 < tall < 0.7, (place, aspect, tall)  # whole people, not torsos filling the frame
        assert figures.mean() < 0.3, (place, aspect, figures.mean())  # the place shows around them
        assert rows[-1] < h - 1, (place, aspect)  # feet inside the frame
        frame = layers.flatten()[y0:y0 + h, x0:x0 + w].astype(np.float32)
        assert frame[~figures].std() > 8, (place, aspect)  # a set, not a flat fill


def test_lighthouse_keeper_is_an_old_man_with_an_old_mans_voice():
    "Edgar, 'an old keeper' whom the action calls he, is not given Pip's she (She told Edgar she…) nor the map the island is at the edge of."
    from pathlib import Path
    from videogen.script import parse_file
    from videogen.voice import PITCHES, VARIANTS
    sb = parse_file(Path(__file__).parent.parent / "examples" / "lighthouse.txt")
    t = {c.id: c.traits for c in sb.characters}
    assert (t["edgar"].gender, t["edgar"].age, t["edgar"].carries) == ("male", 75, []), t["edgar"]
    assert (t["pip"].gender, t["pip"].age) == ("female", 10), t["pip"]
    v = cast_voices(sb.characters)
    lo, hi = PITCHES["male", "old"]
    assert v["edgar"].variant in VARIANTS["male"] and lo <= v["edgar"].pitch < hi, v["edgar"]
    assert v["pip"].variant in VARIANTS["female"] and v["pip"].pitch > v["edgar"].pitch, v


def _drawn_set(scene, characters, size=(320, 180)):
    "What the painter's set for a scene shows (`Canvas.drawn`), painted as `paint` paints it."
    import random
    from videogen.core import STYLE_PRESETS
    from videogen.sets import Canvas, indoors, light_for, paint_set, place_for
    r = read_scene(scene, characters)
    place = place_for(scene, r)
    c = Canvas(size, light_for(r.time, r), STYLE_PRESETS["cinematic"], random.Random(scene.seed), indoors(place, r), 1)
    paint_set(c, place, r)
    return place.name, c.drawn


def test_named_props_replace_a_places_usual_ones():
    "A ticket office described with a kettle, a radio and a wall of keys shows those, not an office's desk and monitor."
    from pathlib import Path
    from videogen.script import parse_file
    sb = parse_file(Path(__file__).parent.parent / "examples" / "last_train.fountain")
    office = sb.scene("int-ticket-office-night")
    place, drawn = _drawn_set(office, sb.characters)
    assert place == "office" and {"kettle", "radio", "keys"} <= set(drawn), drawn
    assert not {"desk", "laptop", "monitors_wall", "monitor_stand"} & set(drawn), drawn  # the desk is the one with a monitor
    # with no prop it can draw named, the place's own; a named prop never removes what makes a place (a station's platform)
    _, bare = _drawn_set(office.model_copy(update=dict(image_prompt="a ticket office at night")), sb.characters)
    assert "desk" in bare, bare
    _, station = _drawn_set(office.model_copy(update=dict(image_prompt="a railway platform at night, a suitcase")), sb.characters)
    assert {"platform", "train_car", "suitcase"} <= set(station), station


@pytest.mark.parametrize("aspect", ASPECTS)
def test_snow_caps_sit_on_their_ridges(aspect):
    "Every white pixel the mountains piece paints has mountain, not sky, beneath it down to the horizon: no cap floats above its peak."
    import dataclasses
    import random
    from videogen.core import STYLE_PRESETS
    from videogen.sets import Canvas, light_for, lit, paint_set
    from videogen.words import Reading
    w, h = (x * 3 for x in ASPECTS[aspect])
    mountain = PLACE_NAMED["mountain"]
    bare = dataclasses.replace(mountain, back=(), props=())  # the same sky, nothing in front of it
    for time, weather in (("DAY", ["snow"]), ("DAWN", ["snow"]), ("DAY", [])):
        light = light_for(time, Reading(weather=weather))
        for seed in range(6):
            layers = []
            for place in (mountain, bare):
                c = Canvas((w, h), light, STYLE_PRESETS["cinematic"], random.Random(seed), False, 2)
                paint_set(c, place, Reading(place="mountain"))  # no falling snow: the caps are the only white the ridges add
                bg = c.layers["bg"].reduce(2)
                layers.append((np.asarray(bg).astype(int), c))
            (full, c), (sky, _) = layers
            ridge = np.abs(full - sky).sum(2) > 6  # the mountains: what differs from the bare sky
            white = np.array(lit("#eef2f6", light))
            cap = ridge & (np.abs(full - white).max(2) < 40)  # white-ish (the snow's colour in this light), on the ridge layer
            horizon = int(c.Y(c.floor) / 2) - 1
            assert cap[:horizon].any(), (aspect, time, seed)  # there are caps to check
            for x in np.flatnonzero(cap[:horizon].any(0)):
                top = np.flatnonzero(cap[:horizon, x])[0]
                below = ridge[top:horizon, x]
                assert below.all(), (aspect, time, seed, x, top, np.flatnonzero(~below)[:3] + top)  # no sky under a cap


def test_a_crowds_shot_draws_what_whole_layers_draw():
    # a crowd's speakers come as `Figures` (each speaker's layer made when the camera needs it, the last one kept); a
    # shot over them, as speakers change and mouths move, must draw each frame as a fresh shot over every speaker's
    # whole layer draws it (nothing carried from frame to frame: no cache keyed by a layer let go, no mouth left behind)
    import copy

    from videogen.animate import Shot
    from videogen.core import Motion
    from videogen.frames import Figures, Layers
    from videogen.lipsync import draw_mouth
    sb = parse_script("INT. HALL - NIGHT\n\nA crowd.\n\n" + "".join(f"PERSON {c}\nHere I am.\n\n" for c in "ABCDEFGH"))
    painted = paint(sb.scenes[0], sb.characters, (320, 180))
    assert isinstance(painted.characters, Figures) and len(painted.characters) == 9
    whole = Layers(**{**vars(painted), "characters": {who: painted.characters[who].copy() for who in painted.characters}})
    ids = [c.id for c in sb.characters]
    for kind in ("static", "zoom", "pan", "dolly"):
        motion = Motion(kind=kind, intensity=0.8)
        shot = Shot(copy.deepcopy(painted), motion, 48, (320, 180), draw_mouth)
        for i in range(48):
            who, mouth, yuv = ids[(i // 5) % len(ids)] if i % 13 else None, (i % 4) / 3, i % 2 == 0
            want = Shot(copy.deepcopy(whole), motion, 48, (320, 180), draw_mouth).frame(i, who, mouth, yuv=yuv)
            assert np.array_equal(shot.frame(i, who, mouth, yuv=yuv), want), (kind, i, who)


FABLE = """One winter day a fox came to the bakery door. "Please," said the fox, "I have not eaten for three days."

The baker, a kind old man named Tom, looked at the thin red fox and smiled. "Come in out of the snow," he said.

In the spring the fox ran through the forest to the castle on the hill. "The baker is sick," she told the old queen. "He fed me when no one else would."
"""


def test_a_fables_animals_speak_and_are_drawn_as_animals():
    "`said the fox`: a character, with her lines and her look (the story's own words for her); painted as a fox, not a person, her mouth on her muzzle."
    sb = parse_script(FABLE)
    said = [(l.character, l.text) for s in sb.scenes for l in s.lines]
    assert said == [("fox", "Please"), ("fox", "I have not eaten for three days."), ("tom", "Come in out of the snow"),
                    ("fox", "The baker is sick"), ("fox", "He fed me when no one else would.")], said
    fox, tom = sb.character("fox"), sb.character("tom")
    assert fox.description == "the thin red fox" and fox.traits.gender == "female", fox
    assert tom.traits.age is not None and tom.traits.age >= 60 and tom.traits.gender == "male", tom.traits
    assert "Tom (a kind old man)" in sb.scenes[1].image_prompt and "Fox (the thin red fox)" in sb.scenes[1].image_prompt

    from videogen.image import Look, draw_figure
    from videogen.sets import light_for
    look = Look.of(fox)
    assert look.animal == "fox" and Look.of(tom).animal is None
    r, g, b = (int(look.skin[i:i + 2], 16) for i in (1, 3, 5))
    assert r > g > b, look.skin # red, as her words say
    sprite, (mx, my, mw, mh) = draw_figure(look, 400, light_for("DAY"), None, 0)
    x0, y0, x1, y1 = sprite.getbbox()
    assert x1 - x0 > 1.3 * (y1 - y0) and y1 - y0 < 0.6 * 400, (x0, y0, x1, y1) # on four legs, shorter than a person
    assert x0 + (x1 - x0) * 0.6 < mx < x1 and y0 < my < y0 + (y1 - y0) * 0.5, (mx, my) # the mouth at the front of the head
    layers = paint(sb.scenes[1], sb.characters, (320, 180))
    assert set(layers.mouths) == {"fox", "tom"}
    # a castle in a forest keeps its walls: the scenery the words name joins the place's own
    from videogen.sets import Canvas, paint_set, place_for
    from videogen.words import read_scene
    import random
    reading = read_scene(sb.scenes[2], sb.characters)
    assert reading.place == "castle" and "far_trees" in reading.scenery, reading
    c = Canvas((192, 108), light_for("DAY"), STYLE_PRESETS["cinematic"], random.Random(0), False, 1)
    paint_set(c, place_for(sb.scenes[2], reading), reading)
    assert {"far_trees", "castle_walls"} <= set(c.drawn), c.drawn


def test_a_storys_robot_is_drawn_as_a_robot():
    "`BOLT, a rusty little robot with one wheel,`: a robot standing and facing us, as tall as a small person, its mouth under its eyes, its lines its own; his voice a robot's."
    from videogen.image import Look, draw_figure
    from videogen.sets import light_for
    sb = parse_script("EXT. JUNKYARD - DAY\n\nBOLT, a rusty little robot with one wheel, rolls between piles of scrap. MAYA (30s) watches.\n\n"
                      "BOLT\nIt's not a leak.\n\nMAYA\nIt is.\n", "fountain")
    bolt, maya = Look.of(sb.character("bolt")), Look.of(sb.character("maya"))
    assert (bolt.animal, maya.animal) == ("robot", None)
    sprite, (mx, my, mw, mh) = draw_figure(bolt, 400, light_for("DAY"), None, 0)
    x0, y0, x1, y1 = sprite.getbbox()
    assert y1 - y0 > 1.2 * (x1 - x0) and 0.5 * 400 < y1 - y0 < 400, (x0, y0, x1, y1) # upright, shorter than a grown person
    assert x0 < mx < x1 and y0 < my < y0 + (y1 - y0) * 0.45, (mx, my) # the mouth on its head
    layers = paint(sb.scenes[0], sb.characters, (320, 180))
    assert set(layers.mouths) == {"bolt", "maya"}
    assert [v.variant == "robosoft" for v in cast_voices(sb.characters).values()] == [True, False] # and speaks as one


@pytest.mark.parametrize("script,places", [
    ("INT. CUISINE - JOUR\n\nMarie coupe des légumes.\n\nPAUL\nTu as vu mes clés ?\n\nEXT. JARDIN - NUIT\n\nPaul fume sous la lune.\n",
     [("kitchen", "DAY"), ("park", "NIGHT")]),
    ("INNEN. KÜCHE - TAG\n\nAnna schneidet Gemüse.\n\nBEN\nHast du meine Schlüssel gesehen?\n\nAUSSEN. BAHNHOF - NACHT\n\nBen wartet.\n",
     [("kitchen", "DAY"), ("station", "NIGHT")]),
    ("雨夜，小春站在车站的站台上。\n\n“末班车已经走了。”站务员说。\n", [("station", "NIGHT")]),
    ("雨の夜、ハルは駅のホームに立っていた。\n\n「もう終電は出たよ」と駅員が言った。\n", [("station", "NIGHT")]),
    ('비 오는 밤, 하루는 기차역 플랫폼에 서 있었다.\n\n"막차는 이미 떠났어요." 역무원이 말했다.\n', [("station", "NIGHT")]),
])
def test_places_and_times_named_in_other_languages_are_painted(script, places):
    "A heading's or a story's place and time in French, German, Chinese, Japanese or Korean: the painter's place and time, not a bare room."
    from videogen.sets import place_for
    sb = parse_script(script)
    got = []
    for s in sb.scenes:
        r = read_scene(s, sb.characters)
        got.append((place_for(s, r).name, r.time or s.time_of_day))
    assert got == places


def test_a_room_like_place_seen_from_outside_shows_its_buildings_front(tmp_path):
    "`EXT. HOSPITAL - NIGHT`, `EXT. CHURCH - DAY`, a story outside a café: the building's front on a pavement under the sky, not its beds, pews or counter in the open air; inside, the room as before."
    sb = parse_script("EXT. HOSPITAL - NIGHT\n\nAmbulances wait.\n\nEXT. CHURCH - DAY\n\nBells ring.\n\nINT. CHURCH - DAY\n\nCandles burn.\n\n"
                      "EXT. UNIVERSITY - DAY\n\nStudents hurry past.\n")
    drawn = [_drawn_set(s, sb.characters)[1] for s in sb.scenes]
    assert "facade" in drawn[0] and not {"hospital_bed", "monitor_stand", "curtain"} & set(drawn[0]), drawn[0]
    assert "facade" in drawn[1] and not {"pews", "stained_window"} & set(drawn[1]), drawn[1]
    assert "facade" not in drawn[2] and {"pews", "stained_window"} <= set(drawn[2]), drawn[2]
    assert "facade" in drawn[3] and "blackboard" not in drawn[3], drawn[3]
    fronts = [paint(s, sb.characters, (320, 180), overscan=1.0).background for s in sb.scenes]
    sky = lambda im: im[:20, :, :3].mean(axis=(0, 1)) # the top rows: sky out of doors, a wall inside
    assert sky(fronts[1])[2] > sky(fronts[1])[0] + 20 and sky(fronts[2])[2] < sky(fronts[2])[0] # a blue day sky outside the church; its warm wall inside


@pytest.mark.parametrize("heading, place", [
    ("INT. SPACESHIP BRIDGE - NIGHT", "lab"), ("INT. SUBWAY CAR - NIGHT", "train"), ("EXT. BUS STOP - NIGHT", "street"),
    ("INT. HOTEL ROOM - NIGHT", "bedroom"), ("INT. NIGHTCLUB - NIGHT", "bar"), ("EXT. PARKING LOT - NIGHT", "street"),
    ("INT. GYM - DAY", "warehouse"), ("EXT. ISLAND - DAY", "beach"), ("EXT. MARS SURFACE - DAY", "desert"), ("EXT. GAS STATION - NIGHT", "shop"),
    ("EXT. CAMPSITE - NIGHT", "forest"), ("INT. DINING ROOM - NIGHT", "living room"), ("INT. COURTROOM - DAY", "courtroom"),
    ("INT. HOSPITAL ROOM - NIGHT", "hospital"), ("INT. BAR - BACK ROOM - NIGHT", "bar"), ("INT. STORAGE ROOM - DAY", "room"),
    ("EXT. COURTHOUSE - DAY", "courtroom"), ("EXT. TENNIS COURT - DAY", "field"), ("INT. CONCERT HALL - NIGHT", "theater"),
    ("EXT. SWAMP - NIGHT", "river"), ("EXT. VOLCANO - DAY", "mountain"), ("EXT. MOON SURFACE - NIGHT", "desert"), ("INT. TENT - NIGHT", "room"),
    ("INT. BOXING RING - NIGHT", "warehouse"), ("INT. BANK - DAY", "office"), ("INT. VAULT - NIGHT", "room"), ("INT. MUSEUM - DAY", "great hall"),
    ("INT. AIRPLANE CABIN - NIGHT", "plane"), ("INT. BOWLING ALLEY - NIGHT", "warehouse"), ("INT. HOSPITAL - NURSES' STATION - NIGHT", "hospital"),
    ("INT. TEA HOUSE - DAY", "cafe"), ("INT. PRISON - CELL BLOCK - DAY", "police station"), ("INT. MORGUE - NIGHT", "hospital"),
    ("EXT. STADIUM - NIGHT", "field"), ("EXT. FERRY - DAY", "harbor"), ("EXT. LOADING DOCK - NIGHT", "warehouse"), ("INT. POOL HALL - NIGHT", "bar"),
    ("INT. MANSION - NIGHT", "great hall"), ("INT. MOTEL - NIGHT", "bedroom"), ("INT. OPERATING THEATRE - DAY", "hospital"),
    ("EXT. RIVERBANK - DAY", "river"), ("INT. LAUNDROMAT - NIGHT", "shop"), ("INT. BARN - DAY", "warehouse"), ("INT. HOTEL - NIGHT", "hallway")])
def test_places_screenplays_often_name_are_painted_as_the_nearest_place(heading, place):
    "A spaceship's bridge is a control room, not a river; a subway car a train, not a car; a bus stop a street, not a bus."
    sb = parse_script(f"{heading}\n\nShe waits.\n")
    assert _drawn_set(sb.scenes[0], sb.characters)[0] == place


def test_an_open_place_under_a_roof_is_a_hall_or_a_room():
    "`INT. TRAIN STATION`: a train shed, the platform under its beams, no hills; `INT. LIGHTHOUSE`: a room with a window, not the sea and the tower."
    sb = parse_script("INT. TRAIN STATION - DAY\n\nCrowds.\n\nINT. LIGHTHOUSE - NIGHT\n\nThe keeper winds the clock.\n\nEXT. LIGHTHOUSE - NIGHT\n\nWaves.\n")
    station, room, outside = (_drawn_set(s, sb.characters) for s in sb.scenes)
    assert station[0] == "station" and {"beams", "platform", "train_car"} <= set(station[1]) and "hills" not in station[1], station
    assert room[0] == "lighthouse" and not {"sea", "lighthouse_tower", "rocks"} & set(room[1]) and "window" in room[1], room
    assert {"sea", "lighthouse_tower"} <= set(outside[1]), outside


@pytest.mark.parametrize("heading", ["INT. LIVING ROOM - DAY", "INT. BEDROOM - NIGHT", "INT. CAFE - DAY", "INT. CLASSROOM - DAY",
                                     "INT. KITCHEN - MORNING", "INT. GROCERY STORE - DAY", "INT. BAR - NIGHT", "INT. LIBRARY - DAY"])
def test_what_hangs_on_a_wall_hangs_apart(heading):
    "A room's window, picture, clock, board and the things its words hang on the wall (a mirror, a poster) never overlap, whatever the seed; the rows along a wall (cabinets, shelves of bottles or books) leave them their places."
    import random
    from videogen.sets import ROWS, Canvas, indoors, light_for, paint_set, place_for
    sb = parse_script(f"{heading}\n\nA clock, a mirror and a poster on the wall. Anna waits.\n\nANNA\nHello?\n")
    for seed in range(12):
        scene = sb.scenes[0].model_copy(update=dict(seed=seed))
        r = read_scene(scene, sb.characters)
        place = place_for(scene, r)
        c = Canvas((320, 180), light_for(r.time, r), STYLE_PRESETS["cinematic"], random.Random(seed), indoors(place, r), 1)
        paint_set(c, place, r)
        assert len(c.hung) >= 2, (heading, c.drawn)
        spans = sorted(c.hung)
        assert all(a[1] <= b[0] + 1e-9 for a, b in zip(spans, spans[1:])), (heading, seed, c.drawn, spans)
        rows = set(ROWS) & set(c.drawn)
        assert len(rows) == (heading in ("INT. KITCHEN - MORNING", "INT. GROCERY STORE - DAY", "INT. BAR - NIGHT", "INT. LIBRARY - DAY")), c.drawn
        if rows: assert sum(b - a for a, b in spans) > 0.5, spans # the row runs along most of the wall, between the rest


def test_a_road_runs_through_the_country_its_words_name():
    "`EXT. DESERT ROAD`, `EXT. MOUNTAIN ROAD`: the dunes or the mountains, not a city's skyline; a city street, or a street whose words name the skyline, keeps it."
    sb = parse_script("EXT. DESERT ROAD - DAY\n\nHeat shimmer.\n\nEXT. MOUNTAIN ROAD - DAY\n\nSnow.\n\nEXT. CITY STREET - NIGHT\n\nNeon signs.\n\n"
                      "EXT. STREET - DAY\n\nA skyline of towers by the sea.\n")
    desert, mountain, city, sea = (_drawn_set(s, sb.characters) for s in sb.scenes)
    assert desert[0] == mountain[0] == "street" and "skyline" not in desert[1] + mountain[1], (desert, mountain)
    assert "dunes" in desert[1] and "mountains" in mountain[1]
    assert "skyline" in city[1] and {"skyline", "sea"} <= set(sea[1]), (city, sea)


def figure_boxes(layers) -> list[tuple[int, int, int, int]]:
    "The boxes (x0, y0, x1, y1) of the figures on the nobody-speaks layer, left to right (columns of alpha split by gaps)."
    a = layers.figures()[..., 3] > 0
    edges = np.flatnonzero(np.diff(np.concatenate([[0], a.any(0).astype(int), [0]])))
    boxes = []
    for x0, x1 in zip(edges[::2], edges[1::2]):
        rows = np.flatnonzero(a[:, x0:x1].any(1))
        boxes.append((int(x0), int(rows[0]), int(x1), int(rows[-1] + 1)))
    return boxes


@pytest.mark.parametrize("place", ["INT. BEDROOM - NIGHT", "INT. HOSPITAL ROOM - NIGHT"])
def test_someone_lying_in_bed_lies_on_the_bed(place):
    "`MAYA (30s) lies in bed` (the sentence that brings her in): her figure lies on the set's bed, under its covers with her head on the pillow at its end, her mouth on her face, and whoever stands stands clear of the bed; where no bed is painted, she lies on the ground."
    sb = parse_script(f"{place}\n\nMAYA (30s) lies in bed, awake. Her brother LEO stands by the door.\n\nMAYA\nI can't sleep.\n\nLEO\nMe neither.\n")
    layers = paint(sb.scenes[0], sb.characters, (640, 360))
    boxes = figure_boxes(layers)
    assert len(boxes) == 2, boxes # apart: no one stands over the bed
    inside = lambda m, b: b[0] <= m.x <= b[2] and b[1] <= m.y <= b[3]
    maya = next(b for b in boxes if inside(layers.mouths["maya"], b))
    leo = next(b for b in boxes if inside(layers.mouths["leo"], b))
    assert maya[2] - maya[0] > 1.5 * (maya[3] - maya[1]), maya # lying: longer than tall
    assert leo[3] - leo[1] > 1.5 * (leo[2] - leo[0]), leo # standing
    assert maya[3] < leo[3] # on the bed, above the floor he stands on
    head = (layers.mouths["maya"].x - maya[0]) / (maya[2] - maya[0])
    assert head < 0.25 or head > 0.75, head # her face at one end, on the pillow; the covers from her shoulders on
    park = parse_script("EXT. PARK - DAY\n\nMAYA lies on the grass.\n\nMAYA\nClouds.\n")
    (x0, y0, x1, y1), = figure_boxes(paint(park.scenes[0], park.characters, (640, 360)))
    assert x1 - x0 > 1.5 * (y1 - y0) # no bed: on the grass
    den = parse_script("INT. LIVING ROOM - NIGHT\n\nMAYA sleeps on the sofa.\n\nMAYA\nFive more minutes.\n")
    (x0, y0, x1, y1), = figure_boxes(paint(den.scenes[0], den.characters, (640, 360)))
    assert x1 - x0 > 1.5 * (y1 - y0) and y1 < 0.8 * 360 * 1.25 # along the sofa, above the floor


def test_who_sits_sits_and_everyone_in_a_car_or_a_train_sits(examples):
    "Whom the words sit down sits on a chair, shorter than standing, feet on the same floor, and whom they kneel kneels; in a car or a train all sit but whom the words stand up; the bundled screenplay's travellers sit in the carriage."
    def heights(script):
        sb = parse_script(script)
        layers = paint(sb.scenes[0], sb.characters, (640, 360))
        boxes = figure_boxes(layers)
        assert len(boxes) == len(layers.mouths), boxes
        return {who: next(b[3] - b[1] for b in boxes if b[0] <= m.x <= b[2] and b[1] <= m.y <= b[3]) for who, m in layers.mouths.items()}
    lines = "\n\nANNA\nYou came.\n\nTOM\nI did.\n"
    cafe = heights("INT. CAFE - DAY\n\nSitting at the counter, TOM waits. ANNA walks in." + lines)
    standing = heights("INT. CAFE - DAY\n\nTOM waits at the counter. ANNA walks in." + lines)
    assert cafe["tom"] < 0.9 * standing["tom"] and cafe["anna"] == standing["anna"], (cafe, standing)
    train = heights("INT. TRAIN CARRIAGE - NIGHT\n\nTOM sleeps by the window. ANNA stands in the aisle." + lines)
    car = heights("INT. CAR - NIGHT\n\nTOM drives. ANNA stares out of the window." + lines)
    assert train["tom"] < 0.9 * standing["tom"] and train["anna"] == standing["anna"], (train, standing) # asleep in his seat
    assert car["tom"] < 0.9 * standing["tom"] and car["anna"] < 0.9 * standing["anna"], (car, standing)
    beach = heights("EXT. BEACH - DAY\n\nANNA kneels in the sand, digging, while TOM watches." + lines)
    assert beach["anna"] < 0.9 * standing["anna"] and beach["tom"] == standing["tom"], (beach, standing)
    sb = parse_file(examples / "last_train.fountain")
    carriage = next(s for s in sb.scenes if s.heading == "INT. TRAIN CARRIAGE - NIGHT")
    assert {"maya", "june"} <= set(read_scene(carriage, sb.characters).sitting) # June sits opposite, past the prompt's first sentences


def test_a_busy_place_is_filled_with_people_no_one_names(monkeypatch):
    "`The cafe is packed.`, `Commuters doze.`, `A crowd gathers`, a line said by `ANGRY CROWD`: people no one names fill the midground, behind the cast, seated where the set has seats; an empty place has none, and neither has a quiet one."
    import videogen.image as image
    def painted(script, crowd=True):
        sb = parse_script(script)
        if not crowd: monkeypatch.setattr(image, "_paint_extras", lambda *a: None)
        try: return paint(sb.scenes[0], sb.characters, (640, 360))
        finally: monkeypatch.undo()
    for script in ("INT. CAFE - DAY\n\nThe cafe is packed. ANNA waits.\n\nANNA\nOne coffee.\n",
                   "INT. TRAIN CARRIAGE - NIGHT\n\nCommuters doze. ANNA reads.\n\nANNA\nNext stop.\n",
                   "EXT. CITY SQUARE - DAY\n\nA crowd gathers in the rain. ANNA pushes through.\n\nANNA\nThere!\n",
                   "EXT. TOWN SQUARE - NIGHT\n\nANNA raises a lantern.\n\nANNA\nWho is with me?\n\nANGRY CROWD\nWe are!\n"):
        full, bare = painted(script), painted(script, crowd=False)
        assert full.mouths == bare.mouths and (full.figures() == bare.figures()).all(), script # the cast as it was
        more = (full.midground[..., 3] > 0) & (bare.midground[..., 3] == 0)
        assert more.sum() > 0.01 * more.size, (script, more.sum()) # people where the set had none
        assert len(full.mouths) == 1, full.mouths # a crowd that speaks is the crowd, not one figure
    for script in ("EXT. PARK - NIGHT\n\nThe park is empty. ANNA waits.\n\nANNA\nHello?\n", "INT. CAFE - DAY\n\nANNA waits.\n\nANNA\nHello?\n"):
        assert (painted(script).midground == painted(script, crowd=False).midground).all(), script


def test_what_the_words_put_in_a_hand_is_held_in_that_scene():
    "`TOM picks up the phone.`, `LENA (ON PHONE)`: in that scene they hold it, and it is not also on the set; in the next scene his hands are empty again; `Anna sees a man holding a gun` puts no gun in Anna's hand."
    sb = parse_script("INT. KITCHEN - NIGHT\n\nThe phone rings. TOM picks up the phone.\n\nTOM\nHello?\n\n"
                      "INT. KITCHEN - LATER\n\nTOM waits.\n\nTOM\nNothing.\n\n"
                      "EXT. STREET - NIGHT\n\nANNA sees a man holding a gun.\n\nANNA\nRun!\n")
    widths = []
    for s in sb.scenes:
        layers = paint(s, sb.characters, (640, 360))
        (x0, _, x1, _), = figure_boxes(layers)
        widths.append(x1 - x0)
    assert widths[0] > widths[1] + 10, widths # the phone in his hand widens his figure
    readings = [read_scene(s, sb.characters) for s in sb.scenes]
    assert [r.holding for r in readings] == [dict(tom="phone"), {}, {}]
    assert "phone" not in _drawn_set(sb.scenes[0], sb.characters)[1] # in his hand, not on a table
    call = parse_script("INT. OFFICE - DAY\n\nLENA (30s) paces.\n\nLENA (ON PHONE)\nWhere are you?\n\nMARCUS (O.S.)\nTraffic.\n\nLENA\n(into phone)\nHurry.\n")
    assert read_scene(call.scenes[0], call.characters).holding == dict(lena="phone") # a line said into a phone


def test_two_the_words_hold_together_stand_side_by_side():
    "`TOM hugs ANNA.`, a kiss, a dance, hand in hand: the two stand side by side, where two who only talk stand apart."
    def apart(verb):
        sb = parse_script(f"EXT. PIER - NIGHT\n\nTOM {verb} ANNA under the lamp.\n\nTOM\nI missed you.\n\nANNA\nMe too.\n")
        m = paint(sb.scenes[0], sb.characters, (640, 360)).mouths
        return abs(m["tom"].x - m["anna"].x)
    assert apart("hugs") < 0.5 * apart("greets") and apart("dances with") < 0.5 * apart("waves to")


def test_who_dozes_sits_and_who_sprawls_or_passes_out_lies():
    "`dozes`: sitting; `sprawls`, `passed out`: lying; and those words are read, not unknown."
    sb = parse_script("INT. LIVING ROOM - NIGHT\n\nBEN passed out on the floor. TOM dozes in his chair.\n\nTOM\nHm?\n\nBEN\nUgh.\n\n"
                      "INT. LIVING ROOM - LATER\n\nANNA sprawls on the sofa.\n\nANNA\nNothing.\n")
    first, second = (read_scene(s, sb.characters) for s in sb.scenes)
    assert (first.sitting, first.lying, second.lying) == (["tom"], ["ben"], ["anna"]), (first.summary(), second.summary())
    assert not {"dozes", "sprawls", "passed"} & set(first.unknown + second.unknown)


def test_a_shows_host_and_guest_talk_in_a_studio():
    "A podcast that names no place (`Welcome back to the show … I'm joined by Dr. Lena Park`) is in a studio: foam on the wall, a light on air, a desk with microphones, its host and guest seated; the guest's surname is no park. `INT. RECORDING STUDIO - DAY` is one too, and an artist's studio is still a room."
    show = parse_script("HOST (Jamie): Welcome back to the show! Today I'm joined by Dr. Lena Park.\n\nDR. PARK: Thanks for having me.\n\n"
                        "JAMIE: Coffee. Good or bad?\n\nLENA: It depends.\n", "dialogue")
    place, drawn = _drawn_set(show.scenes[0], show.characters)
    assert place == "studio" and {"foam_panels", "on_air_sign", "microphones"} <= set(drawn), (place, drawn)
    tall = lambda sb: sorted(b[3] - b[1] for b in figure_boxes(paint(sb.scenes[0], sb.characters, (640, 360))))
    office = parse_script("INT. OFFICE - DAY\n\nJAMIE: Coffee?\n\nLENA: Please.\n", "dialogue")
    seated, standing = tall(show), tall(office)
    assert len(seated) == 2 and all(s < 0.9 * t for s, t in zip(seated, standing)), (seated, standing) # at the desk, seated
    booth = parse_script("INT. RECORDING STUDIO - DAY\n\nMAYA adjusts her headphones.\n\nMAYA\nRolling.\n")
    assert _drawn_set(booth.scenes[0], booth.characters)[0] == "studio"
    loft = parse_script("INT. ARTIST'S STUDIO - DAY\n\nMAYA paints.\n\nMAYA\nAlmost.\n")
    assert _drawn_set(loft.scenes[0], loft.characters)[0] == "room"


def test_space_a_ships_bridge_and_its_android():
    "`EXT. SPACE` is stars and a planet; `INT. ARGO - BRIDGE` is a ship's bridge (consoles under a window onto space), not a river's bridge; `The android KAI-7` is drawn as a machine; `EXT. PARKING SPACE` is no outer space, and a bridge out of doors is still a river's."
    sb = parse_script("EXT. SPACE - CONTINUOUS\n\nThe freighter ARGO drifts past a gas giant.\n\nINT. ARGO - BRIDGE - CONTINUOUS\n\n"
                      "CAPTAIN VOSS (50s) studies a hologram. The android KAI-7 stands at the helm.\n\nVOSS\nHow long?\n\nKAI-7\nNinety seconds.\n\n"
                      "EXT. BRIDGE - DAY\n\nVOSS crosses.\n\nEXT. PARKING SPACE - NIGHT\n\nVOSS waits.\n")
    places = [_drawn_set(s, sb.characters) for s in sb.scenes]
    assert [p for p, _ in places] == ["space", "spaceship", "river", "street"], places
    assert "starfield" in places[0][1] and {"viewport", "consoles"} <= set(places[1][1]), places
    assert animal_of(next(c for c in sb.characters if c.id == "kai-7")) == "android"


def test_a_highway_runs_through_open_country():
    "`EXT. HIGHWAY - NIGHT` (a lonely two-lane road) is under hills, not a city's skyline; `EXT. CITY STREET` keeps its skyline."
    sb = parse_script("EXT. HIGHWAY - NIGHT\n\nRain lashes a lonely two-lane road.\n\nEXT. CITY STREET - NIGHT\n\nTaxis honk.\n")
    (road, shown), (street, built) = (_drawn_set(s, sb.characters) for s in sb.scenes)
    assert road == street == "street" and "hills" in shown and "skyline" not in shown and "skyline" in built, (shown, built)
