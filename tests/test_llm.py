"""The Ollama parser against a local stand-in server (tests/fake_ollama.py) with recorded answers.

The real server cannot run here; the stand-in speaks the same chat API, so the real `ollama` client,
streaming, validation, retries and fallback are all exercised.
"""
import json, socket, warnings
import pytest
from fake_ollama import FakeOllama
from videogen.script import parse_script

SCRIPT = "Pip found the lighthouse at dusk. \"Hello?\" she called.\n\nEdgar, the old keeper, opened the door."
VALID = json.dumps({
    "title": "The Keeper",
    "characters": [{"name": "Pip", "description": "a girl of ten in a yellow raincoat"},
                   {"name": "Edgar", "description": "an old lighthouse keeper with a white beard"}],
    "scenes": [{"heading": "EXT. LIGHTHOUSE - DUSK", "action": "Pip walks up to the lighthouse.",
                "lines": [{"character": "Pip", "text": "Hello?", "parenthetical": "calling"}], "transition": "dissolve"},
               {"heading": "INT. LIGHTHOUSE - NIGHT", "action": "Edgar opens the door.",
                "lines": [{"character": "Edgar", "text": "Come in, child."}]}],
})

def parse(server, **kw):
    events = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sb = parse_script(SCRIPT, parser="ollama", host=server.host, model="tiny", on_event=events.append, **kw)
    return sb, events

def test_valid_answer_becomes_the_storyboard():
    with FakeOllama([VALID]) as srv:
        sb, events = parse(srv)
    assert sb.source["parser"] == "ollama" and sb.source["attempts"] == 1
    assert sb.title == "The Keeper"
    assert [(s.id, s.time_of_day) for s in sb.scenes] == [("ext-lighthouse-dusk", "DUSK"), ("int-lighthouse-night", "NIGHT")]
    assert [(c.id, c.description) for c in sb.characters] == [("pip", "a girl of ten in a yellow raincoat"),
                                                              ("edgar", "an old lighthouse keeper with a white beard")]
    assert sb.scenes[0].lines[0].parenthetical == "calling" and sb.scenes[0].transition.kind == "dissolve"
    req = srv.requests[0]
    assert req["format"]["title"] == "LLMScript" and req["options"]["temperature"] == 0 and req["stream"] is True
    assert not [e for e in events if e.level == "warning"]

def test_invalid_json_is_retried_with_the_error():
    with FakeOllama(["{not json", VALID]) as srv:
        sb, events = parse(srv)
    assert sb.source["parser"] == "ollama" and sb.source["attempts"] == 2
    assert "invalid" in srv.requests[1]["messages"][-1]["content"]

def test_schema_violation_is_retried():
    bad = json.loads(VALID); bad["scenes"][0]["camera"] = "drone"
    with FakeOllama([json.dumps(bad), VALID]) as srv:
        sb, _ = parse(srv)
    assert sb.source["attempts"] == 2
    assert "scenes.0.camera" in srv.requests[1]["messages"][-1]["content"]

def test_every_answer_invalid_falls_back_loudly_after_bounded_retries():
    wrong_types = json.dumps({"title": 5, "scenes": "many"})
    with FakeOllama([wrong_types, "[]", '{"scenes": []}', VALID]) as srv:
        sb, events = parse(srv, retries=2)
    assert len(srv.requests) == 3
    assert sb.source["parser"] == "rules" and sb.source["requested_parser"] == "ollama"
    assert "invalid after 3 attempt" in sb.source["fallback_reason"]
    assert events[-1].level == "warning" and "rules parser" in events[-1].message

def test_oversized_answer_is_cut_off():
    huge = json.dumps({"title": "x" * 50_000, "scenes": []})
    with FakeOllama([huge, huge]) as srv:
        sb, _ = parse(srv, retries=1, max_response_bytes=10_000)
    assert sb.source["parser"] == "rules" and "longer than 10,000 bytes" in sb.source["fallback_reason"]

def test_answer_past_the_script_bounds_is_rejected():
    from videogen.core import Limits
    many = json.loads(VALID); many["scenes"] = many["scenes"] * 5
    with FakeOllama([json.dumps(many)]) as srv:
        sb, _ = parse(srv, retries=0, limits=Limits(max_scenes=4))
    assert sb.source["parser"] == "rules" and "more than 4 scenes" in sb.source["fallback_reason"]

def test_unknown_model_falls_back_at_once():
    with FakeOllama([VALID], model="other") as srv:
        sb, events = parse(srv)
    assert len(srv.requests) == 1 and sb.source["parser"] == "rules"
    assert "not found" in sb.source["fallback_reason"]

def test_no_server_falls_back_quickly():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    with pytest.warns(UserWarning, match="rules parser"):
        sb = parse_script(SCRIPT, parser="ollama", host=f"http://127.0.0.1:{port}", model="tiny")
    assert sb.source["parser"] == "rules" and sb.source["format"] == "prose"


def test_words_on_screen_in_the_answer_become_supers():
    answer = json.loads(VALID)
    answer["scenes"][1]["on_screen"] = [{"text": "Forty years later", "kind": "card"}]
    with FakeOllama([json.dumps(answer)]) as srv:
        sb, _ = parse(srv)
    assert [(s.kind, s.text) for s in sb.scenes[0].supers] == [("title", "The Keeper")] # the title over the opening
    assert [(s.kind, s.text) for s in sb.scenes[1].supers] == [("card", "Forty years later")]
    assert "on_screen" in srv.requests[0]["format"]["$defs"]["LLMScene"]["properties"]
