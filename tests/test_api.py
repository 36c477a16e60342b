"""The REST API against a real uvicorn server on 127.0.0.1 and a free port: the whole flow with live progress,
the auth matrix, limits, a bounded schemathesis run, hostile uploads, and the deployment files."""
import http.client
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi"); pytest.importorskip("uvicorn")
import httpx  # noqa: E402
from PIL import Image  # noqa: E402
from sqlalchemy import select  # noqa: E402

from services import VIDEOGEN, free_port, wait_for  # noqa: E402
from videogen.db import StepRow  # noqa: E402
from videogen.media import probe  # noqa: E402
from videogen.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.timeout(900)


def token(env, name, scope, *limits) -> str:
    r = subprocess.run([VIDEOGEN, "tokens", "create", "--name", name, "--scope", scope, *limits], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip().splitlines()[-1]  # alone on the last line


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    "A server over a fresh store, with tokens of every scope (one revoked, one rate-limited, one with a job quota)."
    d = tmp_path_factory.mktemp("api")
    env = {**os.environ, "VIDEOGEN_DATA_DIR": str(d / "data"), "VIDEOGEN_API_MAX_RESOLUTION": "720p"}
    t = dict(admin=token(env, "admin", "admin"), render=token(env, "render", "render"), read=token(env, "read", "read"),
             revoked=token(env, "old", "render"), slow=token(env, "slow", "read", "--rate", "5"),
             one=token(env, "one", "render", "--jobs", "1"))
    assert subprocess.run([VIDEOGEN, "tokens", "revoke", "old"], env=env, capture_output=True).returncode == 0
    port = free_port()
    proc = subprocess.Popen([VIDEOGEN, "serve", "--port", str(port)], env=env, stdout=open(d / "server.log", "w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    def up():
        try: return httpx.get(url + "/health", timeout=1).status_code == 200
        except httpx.HTTPError: return False
    wait_for(up, 60, "the API server to answer")
    yield url, t, env, d
    proc.terminate(); proc.wait(30)


def H(tok): return {"Authorization": f"Bearer {tok}"}


def wait_job(url, tok, job, timeout=600):
    return wait_for(lambda: (j := httpx.get(f"{url}/api/jobs/{job}", headers=H(tok)).json())["status"] in ("completed", "failed", "cancelled") and j,
                    timeout, f"job {job} to end", poll=0.5)


def test_the_whole_flow(api):
    from websockets.sync.client import connect
    url, t, env, d = api
    script = (ROOT / "examples" / "last_train.fountain").read_text()
    r = httpx.post(f"{url}/api/projects", json=dict(name="Last Train", script=script, format="fountain"), headers=H(t["render"]))
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    scenes = httpx.get(f"{url}/api/projects/{pid}/scenes", headers=H(t["read"])).json()
    sid = scenes[2]["id"]
    r = httpx.put(f"{url}/api/projects/{pid}/scenes/{sid}", json=dict(image_prompt="a carriage lit by one lamp"), headers=H(t["render"]))
    assert r.status_code == 200 and r.json()["image_prompt"] == "a carriage lit by one lamp"
    r = httpx.post(f"{url}/api/projects/{pid}/render", json=dict(resolution="480p", quality="draft"), headers=H(t["render"]))
    assert r.status_code == 202, r.text
    job = r.json()["job_id"]
    events = []
    with connect(f"ws://127.0.0.1:{url.rsplit(':', 1)[1]}/ws/jobs/{job}", additional_headers=H(t["read"]), open_timeout=10) as ws:
        while True:
            e = json.loads(ws.recv(timeout=300))
            events.append(e)
            if e.get("done"): break
    assert events[-1]["status"] == "completed", events[-5:]
    progress = [e["progress"] for e in events if e.get("progress") is not None and not e.get("done")]
    assert len(progress) > 10 and max(progress) >= 0.9 and {e.get("stage") for e in events} >= {"voice", "render"}
    j = httpx.get(f"{url}/api/jobs/{job}", headers=H(t["read"])).json()
    assert (j["status"], j["progress"]) == ("completed", 1.0) and j["steps"]["ran"]["segment"] > 0
    r = httpx.get(f"{url}/api/jobs/{job}/video", headers={**H(t["read"]), "Range": "bytes=0-1023"})
    assert r.status_code == 206 and len(r.content) == 1024 and r.headers["content-range"].startswith("bytes 0-1023/")
    total = int(r.headers["content-range"].rsplit("/", 1)[1])
    r = httpx.get(f"{url}/api/jobs/{job}/video", headers=H(t["read"]))
    assert r.status_code == 200 and r.headers["content-type"] == "video/mp4" and len(r.content) == total
    (d / "got.mp4").write_bytes(r.content)
    info = probe(d / "got.mp4")
    assert info["video"]["frames"] > 0 and info["audio"]["codec"] == "aac"
    assert httpx.get(f"{url}/api/jobs/{job}/captions?format=srt", headers=H(t["read"])).text.startswith("1\n")
    assert httpx.get(f"{url}/api/jobs/{job}/manifest", headers=H(t["read"])).json()["job"] == job
    # regenerate one scene: only that scene's steps run (its piece, its handles, the transitions touching it), then the join
    r = httpx.post(f"{url}/api/projects/{pid}/scenes/{sid}/regenerate", json=dict(seed=77), headers=H(t["render"]))
    assert r.status_code == 202, r.text
    again = wait_job(url, t["read"], r.json()["job_id"])
    assert again["status"] == "completed" and set(again["steps"]["ran"]) == {"segment", "final"}, again
    with Store(d / "data").session() as s:
        ran = {x.scene for x in s.scalars(select(StepRow).where(StepRow.job_id == again["id"], StepRow.status == "completed", StepRow.step == "segment"))}
    assert sid in ran and ran <= {sid, scenes[1]["id"]}, ran


def endpoints(url, tok):
    "Every operation in the OpenAPI schema: (method, path with ids filled in, scope it needs)."
    spec = httpx.get(f"{url}/openapi.json", headers=H(tok)).json()
    out = []
    for path, ops in spec["paths"].items():
        for method in ops:
            filled = path.replace("{pid}", "1").replace("{scene}", "s").replace("{jid}", "1")
            out.append((method.upper(), filled, "read" if method == "get" else "render"))
    return out


def test_every_endpoint_refuses_a_missing_wrong_revoked_or_weak_token(api):
    url, t, env, d = api
    assert httpx.get(f"{url}/health").status_code == 200  # the one open endpoint
    ops = endpoints(url, t["admin"]) + [("GET", "/metrics", "read")]
    assert len(ops) >= 18
    bad = []
    for method, path, scope in ops:
        if path in ("/health", "/openapi.json"): continue
        for name, headers, want in (("none", {}, 401), ("wrong", H("vg_not-a-token"), 401), ("revoked", H(t["revoked"]), 401),
                                    *((("read", H(t["read"]), 403),) if scope == "render" else ())):
            got = httpx.request(method, url + path, headers=headers, json={} if method in ("POST", "PUT") else None).status_code
            if got != want: bad.append(f"{method} {path} with {name} token: {got}, not {want}")
    assert not bad, "\n".join(bad)
    from websockets.sync.client import connect
    from websockets.exceptions import ConnectionClosed, InvalidStatus
    with pytest.raises((ConnectionClosed, InvalidStatus)):  # refused at the handshake
        with connect(f"ws://127.0.0.1:{url.rsplit(':', 1)[1]}/ws/jobs/1", open_timeout=10) as ws: ws.recv(timeout=10)


def test_rate_limit_and_job_quota(api):
    url, t, env, d = api
    codes = [httpx.get(f"{url}/api/projects", headers=H(t["slow"])) for _ in range(6)]
    assert [c.status_code for c in codes[:5]] == [200] * 5 and codes[5].status_code == 429
    assert int(codes[5].headers["retry-after"]) >= 1 and codes[5].json()["error"]["code"] == "rate"
    pid = httpx.post(f"{url}/api/projects", json=dict(name="q", script="EXT. PIER - NIGHT\n\nRain.\n\nMAYA\nLate.\n", format="fountain"),
                     headers=H(t["one"])).json()["id"]
    r = httpx.post(f"{url}/api/projects/{pid}/render", json=dict(resolution="1080p"), headers=H(t["one"]))
    assert r.status_code == 403 and "720p" in r.json()["error"]["message"]  # over the largest resolution
    first = httpx.post(f"{url}/api/projects/{pid}/render", json=dict(resolution="480p", quality="draft"), headers=H(t["one"]))
    second = httpx.post(f"{url}/api/projects/{pid}/render", json=dict(resolution="480p", quality="draft"), headers=H(t["one"]))
    assert first.status_code == 202 and second.status_code == 429
    assert second.json()["error"]["code"] == "quota" and "limit" in second.json()["error"]["message"]
    wait_job(url, t["one"], first.json()["job_id"])


def test_hostile_uploads_are_refused_and_nothing_lands_outside_the_store(api):
    url, t, env, d = api
    before = set(Path(d).parent.iterdir())
    def upload(name, data, type="image"):
        return httpx.post(f"{url}/api/assets", files=dict(file=(name, data, "image/png")), data=dict(type=type), headers=H(t["render"]))
    bomb = io.BytesIO(); Image.new("1", (20000, 20000)).save(bomb, "PNG")  # 400 M pixels in a few kB
    r = upload("bomb.png", bomb.getvalue())
    assert r.status_code in (413, 422) and r.json()["error"]["code"] == "upload", r.text
    png = io.BytesIO(); Image.new("RGB", (16, 16), "blue").save(png, "PNG")
    r = upload("polyglot.png", png.getvalue() + b"PK\x03\x04" + b"\0" * 64 + b"<script>alert(1)</script>")
    assert r.status_code == 422 and "after its end" in r.json()["error"]["message"]
    r = upload("../../../../tmp/escape.png", png.getvalue())
    assert r.status_code == 201 and r.json()["name"] == "escape.png"
    stored = Path(d / "data" / "objects")
    assert any(p.name.startswith(r.json()["key"]) for p in stored.rglob("*.png"))
    assert not Path("/tmp/escape.png").exists() and set(Path(d).parent.iterdir()) == before
    host, port = url[7:].split(":")
    c = http.client.HTTPConnection(host, int(port), timeout=10)
    c.putrequest("POST", "/api/assets"); c.putheader("Authorization", f"Bearer {t['render']}")
    c.putheader("Content-Type", "multipart/form-data; boundary=x"); c.putheader("Content-Length", str(2 * 1024 ** 3)); c.endheaders()
    c.send(b"--x\r\nshort")
    t0 = time.monotonic(); resp = c.getresponse()
    assert resp.status == 413 and time.monotonic() - t0 < 5 and json.loads(resp.read())["error"]["code"] == "too_large"
    r = httpx.post(f"{url}/api/projects", json=dict(name="big", script="MAYA: hello.\n" * 200_000), headers=H(t["render"]))
    assert r.status_code == 413, r.text


def test_a_scripts_pdf_final_draft_or_word_file_uploads_as_a_project(api):
    from screenplain.export.pdf import to_pdf
    from screenplain.parsers import fountain
    url, t, env, d = api
    pdf = io.BytesIO(); to_pdf(fountain.parse(io.StringIO((ROOT / "examples" / "last_train.fountain").read_text())), pdf)
    fdx = (b'<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Scene Heading"><Text>INT. HALL - DAY</Text></Paragraph>'
           b'<Paragraph Type="Character"><Text>ANN</Text></Paragraph><Paragraph Type="Dialogue"><Text>Hello.</Text></Paragraph></Content></FinalDraft>')
    import docx
    word = docx.Document()
    for line in ("MAYA: Is this the last train?", "THEO: It is, miss."): word.add_paragraph(line)
    doc = io.BytesIO(); word.save(doc)
    made = {}
    for name, data in (("train.pdf", pdf.getvalue()), ("hall.fdx", fdx), ("talk.docx", doc.getvalue())):
        r = httpx.post(f"{url}/api/projects/upload", files=dict(file=(name, data, "application/octet-stream")), data=dict(name=name),
                       headers=H(t["render"]))
        assert r.status_code == 201, r.text
        made[name] = r.json()
    assert (made["train.pdf"]["title"], made["train.pdf"]["scenes"], made["train.pdf"]["format"]) == ("The Last Train", 6, "fountain")
    assert made["train.pdf"]["characters"] == ["Maya", "Theo", "Radio", "June"]
    assert (made["hall.fdx"]["scenes"], made["hall.fdx"]["characters"]) == (1, ["Ann"])
    assert (made["talk.docx"]["format"], made["talk.docx"]["characters"]) == ("dialogue", ["Maya", "Theo"])
    r = httpx.post(f"{url}/api/projects/upload", files=dict(file=("x.pdf", b"%PDF-1.7 not really", "application/pdf")), data=dict(name="x"),
                   headers=H(t["render"]))
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_pdf", r.text # a script that cannot be read, as any other


def test_schemathesis_finds_no_server_error(api, tmp_path):
    pytest.importorskip("schemathesis")
    url, t, env, d = api
    exe = Path(sys.executable).parent / "schemathesis"
    r = subprocess.run([str(exe), "run", f"{url}/openapi.json", "-H", f"Authorization: Bearer {t['admin']}", "--checks", "not_a_server_error",
                        "--max-examples", "8", "--phases", "examples,fuzzing", "--seed", "1", "--request-timeout", "30",
                        "--exclude-path-regex", "/(render|regenerate)$"],
                       capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]


def test_compose_names_the_services_and_their_variables():
    import yaml
    c = yaml.safe_load((ROOT / "compose.yaml").read_text())
    assert set(c["services"]) >= {"api", "worker", "redis", "postgres", "minio"}
    for svc in ("api", "worker"):
        env = c["services"][svc]["environment"]
        assert {"VIDEOGEN_DATABASE_URL", "VIDEOGEN_OBJECT_STORE", "VIDEOGEN_S3_ENDPOINT", "VIDEOGEN_EXECUTOR_KIND", "VIDEOGEN_EXECUTOR_BROKER",
                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"} <= set(env), (svc, env)
    assert "serve" in " ".join(c["services"]["api"]["command"]) and "worker" in " ".join(c["services"]["worker"]["command"])
    docker = (ROOT / "Dockerfile").read_text()
    assert '".[server' in docker and "EXPOSE 8000" in docker
    readme = (ROOT / "README.md").read_text()
    assert all(v in readme for v in ("VIDEOGEN_DATABASE_URL", "VIDEOGEN_OBJECT_STORE", "VIDEOGEN_EXECUTOR_BROKER"))
