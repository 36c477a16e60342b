"""Model backends end to end, with tiny random-weight models built from configs.

Each model is saved as safetensors in a temporary folder, registered with `videogen models add` (or `add_model`),
loaded back through the same `from_pretrained` path real weights take, and a short video is rendered with that
backend selected and probed. Torch runs on the CPU with a fixed thread count, so the same seed gives the same bytes.
"""
import json, shutil, warnings
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")

from videogen.core import RenderSettings
from videogen.audio import read_wav
from videogen.media import probe
from videogen.models import add_model
from videogen.rendering import render
from videogen.db import JobRow
from videogen.store import Store

pytestmark = pytest.mark.models

SCRIPT = """INT. LIGHTHOUSE - NIGHT

Rain hammers the glass.

MARA
Is anyone up there?

EXT. PIER - DAWN

ELI
Only the gulls.
"""
SETTINGS = dict(resolution="480p", quality="draft", fps=24)

@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    "Every tiny model, built once for the module."
    from videogen.tiny import tiny_models
    torch.set_num_threads(2)
    return tiny_models(tmp_path_factory.mktemp("models"))

@pytest.fixture
def store(data_dir):
    return Store(data_dir)

def run(store, tmp_path, name="film", backends=None, settings=None, script=SCRIPT, **kw):
    "Render the script; the result, its manifest, and the events."
    events = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = render(script, {**SETTINGS, **(settings or {})}, tmp_path / f"{name}.mp4", store=store, backends=backends,
                     on_event=events.append, **kw)
    return res, json.loads(res.manifest.read_text()), events

def chosen(manifest, kind):
    return next(b for b in manifest["backends"] if b["kind"] == kind)

def frames(path, every=1):
    import av
    with av.open(str(path)) as c: return [f.to_ndarray(format="rgb24") for i, f in enumerate(c.decode(video=0)) if i % every == 0]

def image_steps(store, manifest):
    return [store.objects.path(k["key"], "png").read_bytes() for k in manifest["steps"] if k["kind"] == "image"]

def test_diffusers_images_render_a_video(tiny, store, tmp_path):
    add_model(tiny["sd"], store, params=dict(steps=2))
    res, man, events = run(store, tmp_path, backends=dict(image="diffusers"))
    info = probe(res.path)
    assert info["video"]["width"] == 854 and info["video"]["height"] == 480 and info["duration"] > 2
    assert chosen(man, "image")["backend"] == "diffusers" and chosen(man, "image")["fallback_reason"] is None
    assert man["models"]["image"]["sha256"] and res.ran["image"] == 2
    assert any("runs on the CPU" in e.message for e in events if e.level == "warning")
    # a second render finds every image and segment stored
    again, _, _ = run(store, tmp_path, name="again", backends=dict(image="diffusers"))
    assert again.ran.get("image", 0) == 0 and again.ran.get("segment", 0) == 0 and again.reused["image"] == 2

def test_same_seed_same_output_other_seed_other_images(tiny, tmp_path):
    def once(sub, seed):
        st = Store(tmp_path / sub)
        add_model(tiny["sd"], st, params=dict(steps=2))
        res, man, _ = run(st, tmp_path, name=sub, backends=dict(image="diffusers"), settings=dict(seed=seed, music=False))
        return image_steps(st, man), res.path
    a, va = once("a", 1)
    b, vb = once("b", 1)
    assert a == b and len(a) == 2
    assert np.array_equal(np.stack(frames(va, 10)), np.stack(frames(vb, 10)))
    from videogen.script import parse_script
    sb = parse_script(SCRIPT)
    sb = sb.model_copy(update=dict(scenes=[sb.scenes[0].model_copy(update=dict(seed=99)), sb.scenes[1]]))
    st = Store(tmp_path / "c"); add_model(tiny["sd"], st, params=dict(steps=2))
    _, man, _ = run(st, tmp_path, name="c", backends=dict(image="diffusers"), settings=dict(seed=1, music=False), script=sb)
    c = image_steps(st, man)
    assert c[0] != a[0] and c[1] == a[1] # only the reseeded scene's image changed

def test_a_long_prompt_is_fitted_to_the_text_encoder_keeping_the_style(tiny, store, tmp_path):
    "CLIP reads a fixed number of tokens: a scene's prompt fits the model's tokenizer, opens and closes with the render's style (not the one the storyboard was written in), and names each person once."
    from transformers import AutoTokenizer
    from videogen.diffusion import DiffusersImageBackend
    from videogen.models import prompt_fits, scene_prompt
    from videogen.script import parse_script
    sb = parse_script(SCRIPT.replace("Rain hammers the glass.", "MARA (40s, oilskin coat) climbs the stairs. Rain hammers the glass. " * 3),
                      settings=RenderSettings(style="cinematic"))
    shutil.copytree(Path(tiny["sd"]) / "tokenizer", tmp_path / "model" / "tokenizer") # the tiny tokenizer reads a byte a token:
    config = tmp_path / "model" / "tokenizer" / "tokenizer_config.json" # given room for 160, as CLIP's 77 hold a real prompt
    config.write_text(json.dumps({**json.loads(config.read_text()), "model_max_length": 160}))
    tok = AutoTokenizer.from_pretrained(str(tmp_path / "model" / "tokenizer"))
    count = lambda p: len(tok(p, padding=False, truncation=False).input_ids)
    prompt = scene_prompt(sb.scenes[0], sb, "noir", prompt_fits(tmp_path / "model"))[0]
    assert count(prompt) <= 160 < count(scene_prompt(sb.scenes[0], sb, "noir")[0]), prompt
    assert prompt.startswith("film noir still, black and white, interior, lighthouse") and prompt.endswith(", hard shadows, venetian blind light, high contrast, 1940s")
    assert "cinematic" not in prompt and prompt.count("Mara") <= 1, prompt
    add_model(tiny["sd"], store, params=dict(steps=2)) # the image step asks the model with its own tokenizer
    asked = DiffusersImageBackend(store).image_params(sb.scenes[0], sb, (854, 480), "noir")["prompt"]
    assert asked == "film noir still, black and white, interior, hard shadows, venetian blind light, high contrast, 1940s", asked

def test_sdxl_pipeline_loads_and_renders(tiny, store, tmp_path):
    from videogen.backends import resolve
    add_model(tiny["sdxl"], store, name="tiny-sdxl-turbo", params=dict(native=64))
    be, _ = resolve("image", "diffusers", store=store)
    assert be.options()["steps"] == 2 and be.options()["guidance"] == 0.0 # a Turbo model: 2 steps, no guidance
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert type(be.pipe()).__name__ == "StableDiffusionXLPipeline"
    res, man, _ = run(store, tmp_path, backends=dict(image="diffusers"), settings=dict(music=False))
    assert man["models"]["image"]["name"] == "tiny-sdxl-turbo" and probe(res.path)["video"]["frames"] > 24

def test_animatediff_moves_the_picture(tiny, store, tmp_path):
    add_model(tiny["sd"], store, params=dict(steps=2))
    add_model(tiny["motion"], store, params=dict(steps=2, native=64))
    res, man, _ = run(store, tmp_path, backends=dict(image="diffusers", animate="animatediff"), settings=dict(music=False))
    assert chosen(man, "animate")["backend"] == "animatediff" and res.ran["animate"] == 2
    fs = frames(res.path, 6)
    assert np.abs(fs[1].astype(int) - fs[2]).mean() > 1 # frames change within a scene
    cam, _, _ = run(store, tmp_path, name="camera", backends=dict(image="diffusers", animate="camera"), settings=dict(music=False))
    assert not np.array_equal(frames(cam.path, 6)[1], fs[1])

def test_vits_voices_speak_the_lines(tiny, store, tmp_path):
    add_model(tiny["vits"], store)
    res, man, _ = run(store, tmp_path, backends=dict(voice="vits"), settings=dict(music=False))
    assert chosen(man, "voice")["backend"] == "vits" and res.ran["voice"] == 2
    wavs = [store.objects.path(k["key"], "wav") for k in man["steps"] if k["kind"] == "voice"]
    assert all(read_wav(w)[1] == 16000 for w in wavs)
    assert man["voices"]["mara"] != man["voices"]["eli"]
    srt = res.captions["srt"].read_text()
    assert "Is anyone up there?" in srt and "Only the gulls." in srt
    assert probe(res.path)["audio"]["codec"] == "aac"

def test_musicgen_scores_the_video(tiny, store, tmp_path):
    add_model(tiny["musicgen"], store, params=dict(window=2.0, overlap=0.5))
    res, man, _ = run(store, tmp_path, backends=dict(music="musicgen"))
    assert chosen(man, "music")["backend"] == "musicgen" and res.ran["music"] == 1
    assert man["models"]["music"]["backend"] == "musicgen" and man["loudness"]["integrated"] is not None
    assert res.duration > 4 # longer than one 2-second window: continued and cross-faded

def test_wav2lip_redraws_the_speaking_face(tiny, store, tmp_path):
    add_model(tiny["wav2lip"], store)
    lip, man, _ = run(store, tmp_path, name="lip", backends=dict(lipsync="wav2lip"), settings=dict(music=False))
    env, _, _ = run(store, tmp_path, name="env", backends=dict(lipsync="envelope"), settings=dict(music=False))
    assert chosen(man, "lipsync")["backend"] == "wav2lip"
    a, b = np.stack(frames(lip.path)), np.stack(frames(env.path))
    changed = np.abs(a.astype(int) - b).sum(-1) > 24
    per_frame = changed.reshape(len(a), -1).mean(1)
    assert per_frame.max() > 0.001 # the speaking face is redrawn...
    assert per_frame.max() < 0.08 # ...and nothing else
    assert (per_frame > 0.001).sum() < len(a) # frames where nobody speaks are untouched

def test_missing_weights_fall_back_loudly(tiny, store, tmp_path):
    gone = shutil.copytree(tiny["sd"], tmp_path / "gone-sd")
    add_model(gone, store, name="gone-sd")
    shutil.rmtree(gone)
    res, man, events = run(store, tmp_path, backends=dict(image="diffusers"), settings=dict(music=False))
    img = chosen(man, "image")
    assert img["requested"] == "diffusers" and img["backend"] == "painter" and "gone" in img["fallback_reason"]
    assert any(e.level == "warning" and "gone-sd" in e.message for e in events)
    with store.session() as s: log = s.get(JobRow, res.job).log
    assert any(l["level"] == "warning" and "using 'painter' instead" in l["message"] for l in log)
    assert "image" not in man["models"]

def test_ollama_script_through_the_cli(tiny, store, tmp_path, monkeypatch):
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from fake_ollama import FakeOllama
    from videogen.cli import main
    answer = json.dumps({"title": "Gulls", "characters": [{"name": "Mara", "description": "a keeper"}],
                         "scenes": [{"heading": "EXT. PIER - DAWN", "action": "Gulls circle.", "lines": [{"character": "Mara", "text": "Morning."}]}]})
    (tmp_path / "story.txt").write_text("Mara watched the gulls at dawn and said good morning.")
    with FakeOllama([answer]) as srv:
        monkeypatch.setenv("VIDEOGEN_OLLAMA_HOST", srv.host); monkeypatch.setenv("VIDEOGEN_OLLAMA_MODEL", "tiny")
        code = main(["render", str(tmp_path / "story.txt"), "-o", str(tmp_path / "gulls.mp4"), "--resolution", "480p", "--quality", "draft",
                     "-q", "--no-music", "--backend", "script=ollama"])
    assert code == 0
    man = json.loads((tmp_path / "gulls.json").read_text())
    assert man["storyboard"]["source"]["parser"] == "ollama" and man["storyboard"]["title"] == "Gulls"

def test_models_cli_registers_verifies_and_refuses_pickles(tiny, store, tmp_path, data_dir, capsys):
    from videogen.cli import main
    assert main(["models", "add", str(tiny["vits"]), "--name", "mms-tiny"]) == 0
    assert "mms-tiny: voice/vits (active)" in capsys.readouterr().out
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "mms-tiny" in out and "no image model registered" in out
    assert main(["models", "verify", "mms-tiny"]) == 0
    (tmp_path / "old").mkdir(); (tmp_path / "old" / "pytorch_model.bin").write_bytes(b"\x80\x02")
    assert main(["models", "add", str(tmp_path / "old"), "--kind", "voice", "--backend", "vits"]) == 2
    assert "only pickled weights" in capsys.readouterr().err
    monkeypatch = pytest.MonkeyPatch(); monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    try: assert main(["models", "download", "facebook/mms-tts-eng"]) == 2
    finally: monkeypatch.undo()
    assert "Without a network" in capsys.readouterr().err


def _header(obj) -> bytes:
    raw = json.dumps(obj).encode()
    return len(raw).to_bytes(8, "little") + raw

BAD_WEIGHTS = {
    "empty": (b"", "too short"),
    "truncated": (_header({"w": dict(dtype="F32", shape=[4], data_offsets=[0, 16])}) + bytes(8), "lies outside the file"),
    "huge shape": (_header({"w": dict(dtype="F32", shape=[2**40, 2**40], data_offsets=[0, 16])}) + bytes(16), "needs"),
    "2^63 header": ((1 << 63).to_bytes(8, "little") + b"{}", "claims"),
    "pickle renamed": (b"\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00}\x94\x8c\x01w\x94K\x01s.", "claims"),
    "zip renamed": (b"PK\x03\x04" + bytes(60), "claims"),
    "not json": (len(b"not json").to_bytes(8, "little") + b"not json", "not JSON"),
    "bad dtype": (_header({"w": dict(dtype="Q4", shape=[2], data_offsets=[0, 1])}) + bytes(1), "no valid dtype"),
    "overlap": (_header({"a": dict(dtype="U8", shape=[4], data_offsets=[0, 4]), "b": dict(dtype="U8", shape=[4], data_offsets=[2, 6])}) + bytes(6), "overlap"),
}

@pytest.mark.parametrize("case", list(BAD_WEIGHTS))
def test_models_add_refuses_weights_that_are_not_what_they_say(tmp_path, data_dir, capsys, case):
    from videogen.cli import main
    data, says = BAD_WEIGHTS[case]
    m = tmp_path / "voice"; m.mkdir()
    (m / "config.json").write_text('{"model_type": "vits"}'); (m / "model.safetensors").write_bytes(data)
    assert main(["models", "add", str(m)]) == 2
    err = capsys.readouterr().err
    assert "model.safetensors cannot be used as weights" in err and says in err and err.count("\n") == 1, err


def test_models_add_refuses_a_link_out_of_the_folder_and_an_unknown_backend(tiny, tmp_path, data_dir, capsys):
    from videogen.cli import main
    m = tmp_path / "linked"; m.mkdir()
    (m / "config.json").write_text('{"model_type": "vits"}')
    (m / "model.safetensors").symlink_to(next(Path(tiny["vits"]).glob("*.safetensors")))
    assert main(["models", "add", str(m)]) == 2
    assert "a link leading out of the model's folder" in capsys.readouterr().err
    assert main(["models", "add", str(tiny["vits"]), "--kind", "voice", "--backend", "bark"]) == 2
    assert "There is no voice backend 'bark'" in capsys.readouterr().err


def test_weights_swapped_after_registration_are_refused_at_load_with_a_fallback(tiny, store, tmp_path):
    copy = shutil.copytree(tiny["vits"], tmp_path / "vits")
    add_model(copy, store, name="swapped")
    weights = next(copy.glob("*.safetensors"))
    data = bytearray(weights.read_bytes()); data[-4:] = b"\x00\x00\x80\x7f"  # one weight changed, same size
    weights.write_bytes(bytes(data))
    res, man, events = run(store, tmp_path, backends=dict(voice="vits"), settings=dict(music=False))
    voice = chosen(man, "voice")
    assert voice["backend"] in ("espeak", "piper") and "has changed since it was registered" in voice["fallback_reason"], voice
    assert any(e.level == "warning" and "swapped" in e.message for e in events)
    assert man["models"].get("voice", {}).get("name") != "swapped"  # the best voice that can run spoke (the bundled Piper one, if installed)
