"""Captions of lines written without spaces (Chinese, Japanese): cut into cues and lines at characters, as wide as the
frame allows, with no character added or lost."""
from videogen.captions import TimedLine, columns, cues

ZH = ("我们错过了最后一班火车，车站也要关门了。保安说如果我们跑的话，街角还有一辆夜班公交车。"
      "我穿着这双鞋哪儿也跑不了，西奥。你为什么总是这样？")


def test_a_long_chinese_line_is_cut_into_readable_cues():
    line = TimedLine("玛雅", ZH, 1.0, 1.0 + len(ZH) / 6) # six characters a second
    cs = cues([line])
    assert "".join(c.text.replace("\n", "") for c in cs) == ZH
    assert len(cs) >= 2
    for c in cs:
        lines = c.text.split("\n")
        assert len(lines) <= 2 and all(columns(l) <= 42 for l in lines), c.text
        assert lines[0][0] not in "，。？" and all(l[0] not in "，。？" for l in lines), c.text
    assert all(a.end <= b.start + 1e-9 for a, b in zip(cs, cs[1:]))
    assert [c.text[-1] for c in cs[:-1]].count("。") + [c.text[-1] for c in cs[:-1]].count("，") >= 1 # cut at punctuation where it can be


def test_japanese_keeps_its_spaces_and_latin_words_whole():
    text = "東京へ行きます。 Tokyo Station で会いましょう！"
    cs = cues([TimedLine("Ken", text, 0.0, 6.0)], max_chars=16)
    assert "Tokyo" in "".join(c.text for c in cs).replace("\n", "")
    assert " ".join(c.text.replace("\n", "") for c in cs).replace(" ", "") == text.replace(" ", "")


def test_burning_in_letters_no_font_draws_is_told(tmp_path, monkeypatch):
    import videogen.captions as vc
    from videogen.core import RenderSettings
    from videogen.rendering import render
    from videogen.script import parse_script
    from videogen.store import Store
    monkeypatch.setattr(vc, "_font_has", lambda c: not c.startswith("你")) # a machine with no font for Han
    sb = parse_script("MAYA: Hello there, Theo.\nTHEO: 你好，玛雅。\n")
    told = []
    r = render(sb, RenderSettings(resolution="480p", quality="draft", fps=24, captions="burn", music=False), tmp_path / "b.mp4",
               store=Store(tmp_path / "store"), on_event=lambda e: told.append((e.level, e.message)))
    assert r.path.exists()
    warned = [m for level, m in told if level == "warning" and "No font on this machine draws" in m]
    assert len(warned) == 1 and "你" in warned[0] and "fonts-noto-cjk" in warned[0], told

def test_lines_said_together_are_captioned_once():
    "A chorus (`BOTH: Surprise!`: the same words from the same moment) is one caption, labelled with both speakers; two speeches at once stay two."
    from videogen.captions import TimedLine, cues
    together = [TimedLine("Tom", "Surprise!", 1.0, 1.8), TimedLine("Anna", "Surprise!", 1.0, 1.9), TimedLine("Tom", "Ha.", 2.5, 3.0)]
    assert [c.text for c in cues(together)] == ["Surprise!", "Ha."]
    assert [c.text for c in cues(together, speaker_labels=True)] == ["Tom & Anna: Surprise!", "Tom: Ha."]
    apart = [TimedLine("Tom", "Left.", 1.0, 1.8), TimedLine("Anna", "Right.", 1.0, 1.9)]
    assert sorted(c.text for c in cues(apart)) == ["Left.", "Right."]
