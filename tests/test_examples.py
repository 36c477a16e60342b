"""The bundled examples parse to exactly the scenes, characters and lines they were written with."""
from videogen.core import Storyboard
from videogen.script import parse_file

def lines(scene):
    return [(l.character, l.text, l.parenthetical, l.extension, l.dual) for l in scene.lines]

def test_fountain_short(examples):
    sb = parse_file(examples / "last_train.fountain")
    assert sb.title == "The Last Train"
    assert sb.source["format"] == "fountain"
    assert sb.source["title_page"]["author"] == "Ines Marlow"
    assert [(c.id, c.name) for c in sb.characters] == [("maya", "Maya"), ("theo", "Theo"), ("radio", "Radio"), ("june", "June")]
    assert sb.character("maya").description.startswith("MAYA REYES (30s, soaked raincoat, a battered suitcase)")
    assert sb.character("june").description == "JUNE (8, yellow coat, serious eyes) sits opposite, swinging her feet."
    assert [(s.id, s.setting, s.location, s.time_of_day, s.source_line, s.characters, s.transition.kind) for s in sb.scenes] == [
        ("ext-country-station-night", "EXT", "COUNTRY STATION", "NIGHT", 8, ["maya", "theo"], "cut"),
        ("int-ticket-office-night", "INT", "TICKET OFFICE", "NIGHT", 30, ["theo", "maya"], "cut"),
        ("int-train-carriage-night", "INT", "TRAIN CARRIAGE", "NIGHT", 46, ["june", "maya"], "dissolve"),
        ("ext-mountain-pass-day", "EXT", "MOUNTAIN PASS", "DAY", 63, [], "cut"),
        ("int-train-carriage-day", "INT", "TRAIN CARRIAGE", "DAY", 67, ["june", "maya"], "cut"),
        ("ext-seaside-platform-day", "EXT", "SEASIDE PLATFORM", "DAY", 84, ["theo", "maya"], "fade"),
    ]
    s = sb.scenes
    assert lines(s[0]) == [("maya", "No. No, no, no.", "breathless", None, False),
                           ("theo", "Last one left at eleven, miss.", None, None, False),
                           ("maya", "Then what's that?", None, None, False)]
    assert lines(s[1]) == [("theo", "There's no train on my sheet.", None, None, False),
                           ("radio", "Unscheduled service approaching platform one.", None, "V.O.", False),
                           ("maya", "Did it just answer you?", "whispering", None, False)]
    assert lines(s[2]) == [("june", "You're late.", None, None, False), ("maya", "I'm sorry?", None, None, False),
                           ("june", "Everyone on this train is late for something.", None, None, False)]
    assert lines(s[3]) == []
    assert lines(s[4]) == [("june", "What are you late for?", None, None, False),
                           ("maya", "My father's birthday. Ten years running.", None, None, False),
                           ("june", "He kept a seat for you.", "gently", None, False),
                           ("maya", "He never said so.", None, None, True)]
    assert lines(s[5]) == [("theo", "Welcome home, Maya.", None, None, False), ("maya", "Dad?", "crying, laughing", None, False)]
    assert [s.duration for s in sb.scenes] == [14.8, 11.8, 10.6, 2.8, 12.2, 6.5]
    assert all(s.image_prompt.startswith("cinematic film still") and not s.negative_prompt for s in sb.scenes)
    assert "Maya (30s, soaked raincoat, a battered suitcase)" in s[0].image_prompt

def test_prose_story(examples):
    sb = parse_file(examples / "lighthouse.txt")
    assert (sb.title, sb.source["format"]) == ("The Lighthouse", "prose")
    assert [(c.id, c.name) for c in sb.characters] == [("edgar", "Edgar"), ("pip", "Pip")]
    assert sb.character("pip").description == "Edgar ran down with a rope and pulled a girl named Pip out of the foaming water."
    assert [(s.id, s.heading, s.characters, len(s.action.split("\n\n")), s.lines) for s in sb.scenes] == [
        ("chapter-1", "Chapter 1", ["edgar", "pip"], 2, []),
        ("chapter-2", "Chapter 2", ["edgar", "pip"], 2, []),
        ("chapter-3", "Chapter 3", ["pip", "edgar"], 1, []), # they climbed the steps together
    ]
    assert [s.time_of_day for s in sb.scenes] == ["EVENING", "MORNING", "EVENING"]
    assert sb.scenes[2].action.startswith("That evening they climbed the steps together.")

def test_dialogue_sketch(examples):
    sb = parse_file(examples / "coffee_shop.txt")
    assert (sb.title, sb.source["format"], len(sb.scenes)) == ("Coffee Shop", "dialogue", 1)
    assert [c.id for c in sb.characters] == ["barista", "greg", "alice"]
    assert [(l.character, l.text) for l in sb.scenes[0].lines] == [
        ("barista", "Next! What can I get you?"),
        ("greg", "A large coffee, please. Just coffee."),
        ("barista", "We have a single-origin Ethiopian, a Guatemalan washed, and a seasonal blend with notes of plum."),
        ("greg", "Which one tastes like coffee?"),
        ("barista", "They all taste like coffee. That's the idea."),
        ("greg", "Then the cheapest one."),
        ("alice", "Greg, just pick one."),
        ("greg", "I did pick one. I picked the cheapest one."),
        ("barista", "Name for the cup?"),
        ("greg", "Greg."),
        ("barista", "Great. Large plum for Craig."),
    ]
    assert sb.scenes[0].lines[6].emotion == "whisper"

def test_av_spot(examples):
    sb = parse_file(examples / "brew_better.md")
    assert (sb.title, sb.source["format"]) == ("Brew Better", "av")
    assert [(s.id, s.characters) for s in sb.scenes] == [("shot-1", []), ("shot-2", ["maya"]), ("shot-3", ["theo"]), ("shot-4", [])]
    assert [[(l.character, l.text, l.extension) for l in s.lines] for s in sb.scenes] == [
        [("narrator", "Every great day starts with a great cup.", "V.O.")], [("maya", "It's so simple.", None)],
        [("theo", "Now that is coffee.", None)], [("narrator", "Brew Better. Wake up to more.", "V.O.")]]
    assert [[(w.kind, w.text) for w in s.supers] for s in sb.scenes] == [
        [("title", "Brew Better")], [("super", "Freshly ground, every morning")], [], [("card", "Brew Better")]]
    assert sb.scenes[1].lines[0].parenthetical == "smiling"
    assert [(s.duration, s.transition.kind) for s in sb.scenes] == [(6, "cut"), (7, "cut"), (7, "cut"), (10, "cut")] # a 30-second spot

def test_round_trip_and_determinism(examples):
    for f in sorted(examples.iterdir()):
        a, b = parse_file(f), parse_file(f)
        assert a == b and a.to_json() == b.to_json()
        back = Storyboard.from_json(a.to_json())
        assert back == a and back.to_json() == a.to_json()
