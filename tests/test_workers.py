"""Distributed rendering: Celery workers over a real Redis render a plan's steps into one shared store; a killed
worker's step is taken over, a poison step fails its job after bounded attempts, a stopped broker never hangs a
render, and a cancel reaches the workers."""
import json
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from videogen.db import JobRow, StepRow
from videogen.jobs import cancel_job
from videogen.media import probe
from videogen.store import Store

from services import REDIS, VIDEOGEN, Redis, Workers, wait_for

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "last_train.fountain"
FAST = ["--resolution", "480p", "--quality", "draft", "-q"]
pytestmark = [pytest.mark.skipif(not REDIS.exists(), reason="redis-server is missing: run scripts/install-redis.sh (make test does)"),
              pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def redis(tmp_path_factory):
    r = Redis(tmp_path_factory.mktemp("redis")).start()
    yield r
    r.stop()


@pytest.fixture
def cluster(redis, tmp_path):
    "The environment a client and its workers share (store, broker, a short lease), and the workers, stopped after the test."
    env = {**os.environ, "VIDEOGEN_DATA_DIR": str(tmp_path / "data"), "VIDEOGEN_EXECUTOR_BROKER": redis.url,
           "VIDEOGEN_EXECUTOR_LEASE": "3", "VIDEOGEN_EXECUTOR_KIND": "celery"}
    subprocess.run(["redis-cli", "-p", str(redis.port), "flushall"], capture_output=True)
    w = Workers(env, tmp_path)
    yield env, w, tmp_path
    w.stop()


def render(env, out, *more, wait=True):
    cmd = [VIDEOGEN, "render", SCRIPT, "-o", out, *FAST, *more]
    if not wait: return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)


def rows(env, job=None) -> list[StepRow]:
    store = Store(Path(env["VIDEOGEN_DATA_DIR"]))
    with store.session() as s:
        q = select(StepRow).order_by(StepRow.id)
        return list(s.scalars(q.where(StepRow.job_id == job) if job else q))


LONG_SHOT = "ext-country-station-night"  # the script's longest segment: 4-5 s of a worker at 720p draft, where others take under 1 s


def running_segment(env):
    "The long shot's segment step while a worker holds it: a step that cannot end before a kill or a cancel reaches it."
    return next((r for r in rows(env) if r.step == "segment" and r.scene == LONG_SHOT and r.status == "running"), None)


def test_two_workers_render_the_frames_the_local_executor_does(cluster, tmp_path):
    env, workers, d = cluster
    workers.start(2)
    r = render(env, d / "celery.mp4", "--executor", "celery")
    assert r.returncode == 0, r.stderr
    local = render({**env, "VIDEOGEN_DATA_DIR": str(d / "local")}, d / "local.mp4", "--executor", "local")
    assert local.returncode == 0, local.stderr
    a, b = (json.loads((d / f"{n}.json").read_text()) for n in ("celery", "local"))
    assert a["hashes"]["video"] == b["hashes"]["video"] and len(a["hashes"]["video"]) == probe(d / "celery.mp4")["video"]["frames"]
    made = [x for x in rows(env) if x.status == "completed"]
    assert len({x.worker for x in made}) == 2  # both workers took steps
    assert sum(a["ran"].values()) == len(made) == len(a["steps"])


def test_a_killed_worker_s_step_is_taken_over(cluster, tmp_path):
    env, workers, d = cluster
    workers.start(2)
    client = render(env, d / "k.mp4", "--resolution", "720p", wait=False)
    victim = wait_for(lambda: running_segment(env), 120, "a worker to hold a segment step", poll=0.02)
    os.kill(int(victim.worker.rpartition(":")[2]), signal.SIGKILL)
    out, err = client.communicate(timeout=600)
    assert client.returncode == 0, err
    info = probe(d / "k.mp4")
    assert info["video"]["frames"] > 0 and info["audio"]["codec"] == "aac"
    got = rows(env)
    done = Counter(x.key for x in got if x.status == "completed")
    assert done[victim.key] == 1 and all(n == 1 for n in done.values())  # every step ran to completion exactly once
    assert [x.status for x in got if x.key == victim.key] == ["lost", "completed"]
    m = json.loads((d / "k.json").read_text())
    assert set(done) == {s["key"] for s in m["steps"]}


def test_a_poison_step_fails_its_job_after_its_attempts(cluster, tmp_path):
    env, workers, d = cluster
    broken = d / "ffmpeg"; broken.write_text("#!/bin/sh\necho 'this ffmpeg is broken' >&2\nexit 1\n"); broken.chmod(0o755)
    workers.start(2, env=dict(VIDEOGEN_FFMPEG=str(broken)))  # the workers' encoder always fails
    t = time.monotonic()
    r = render({**env, "VIDEOGEN_EXECUTOR_ATTEMPTS": "2"}, d / "p.mp4")
    assert r.returncode == 2 and time.monotonic() - t < 300
    last = r.stderr.strip().splitlines()[-1]  # before it, a warning for each step sent again
    assert last.startswith("error: ") and "failed 2 times" in last and "Traceback" not in r.stderr, r.stderr
    store = Store(Path(env["VIDEOGEN_DATA_DIR"]))
    with store.session() as s: job = s.scalars(select(JobRow)).one()
    assert job.status == "failed" and "failed 2 times" in job.error and "ffmpeg" in job.error.lower()
    failed = Counter(x.key for x in rows(env) if x.status == "failed")
    assert failed and max(failed.values()) == 2  # tried twice, never looped
    assert not (d / "p.mp4").exists()


def test_a_stopped_broker_never_hangs_a_render(cluster, redis, tmp_path):
    env, workers, d = cluster
    workers.start(2)
    t = time.monotonic()
    client = render({**env, "VIDEOGEN_EXECUTOR_BROKER_TIMEOUT": "20"}, d / "b.mp4", wait=False)
    wait_for(lambda: sum(x.status == "completed" for x in rows(env)) >= 5, 120, "five steps done")
    redis.stop()
    time.sleep(3)
    redis.start()
    out, err = client.communicate(timeout=300)
    assert time.monotonic() - t < 300
    if client.returncode == 0: assert probe(d / "b.mp4")["video"]["frames"] > 0
    else: assert err.strip().count("\n") == 0 and err.startswith("error:"), err


def test_cancel_reaches_the_workers_within_seconds(cluster, tmp_path):
    env, workers, d = cluster
    workers.start(2)
    client = render(env, d / "c.mp4", "--resolution", "720p", wait=False)
    step = wait_for(lambda: running_segment(env), 120, "a worker to hold a segment step", poll=0.02)
    cancel_job(Store(Path(env["VIDEOGEN_DATA_DIR"])), step.job_id)
    t = time.monotonic()
    wait_for(lambda: not any(x.status == "running" for x in rows(env)), 10, "the workers' steps to stop")
    assert time.monotonic() - t < 5
    client.communicate(timeout=60)
    assert client.returncode != 0
    store = Store(Path(env["VIDEOGEN_DATA_DIR"]))
    with store.session() as s: assert s.get(JobRow, step.job_id).status == "cancelled"
    assert next(x for x in rows(env) if x.id == step.id).status == "cancelled"
    assert not (d / "c.mp4").exists()


def test_objects_on_s3_shared_by_workers_on_separate_disks(redis, tmp_path):
    pytest.importorskip("boto3"); pytest.importorskip("moto")
    from services import S3Server
    s3 = S3Server().start()
    try:
        s3.client().create_bucket(Bucket="films")
        shared = dict(os.environ, **s3.env, VIDEOGEN_OBJECT_STORE="s3://films/renders", VIDEOGEN_S3_ENDPOINT=s3.url,
                      VIDEOGEN_DATABASE_URL=f"sqlite:///{tmp_path / 'shared.db'}", VIDEOGEN_EXECUTOR_BROKER=redis.url,
                      VIDEOGEN_EXECUTOR_LEASE="3", VIDEOGEN_EXECUTOR_KIND="celery")
        subprocess.run(["redis-cli", "-p", str(redis.port), "flushall"], capture_output=True)
        workers = Workers(shared, tmp_path)
        try:
            for n in range(2): workers.start(1, env=dict(VIDEOGEN_DATA_DIR=str(tmp_path / f"machine-{n}")))  # each its own disk
            r = render({**shared, "VIDEOGEN_DATA_DIR": str(tmp_path / "client")}, tmp_path / "s3.mp4")
            assert r.returncode == 0, r.stderr
            pids = {str(p.pid) for p, _ in workers.procs}
        finally: workers.stop()
        m = json.loads((tmp_path / "s3.json").read_text())
        names = {o["Key"] for page in s3.client().get_paginator("list_objects_v2").paginate(Bucket="films", Prefix="renders/")
                 for o in page.get("Contents", [])}
        want = {f"renders/{s['key'][:2]}/{s['key']}.{e}" for s in m["steps"] for e in s["outputs"]}
        assert want <= names  # every step's output is in the bucket
        assert probe(tmp_path / "s3.mp4")["video"]["frames"] > 0
        store = Store(tmp_path / "client", shared["VIDEOGEN_DATABASE_URL"])
        with store.session() as s: made = {r.worker.rpartition(":")[2] for r in s.scalars(select(StepRow).where(StepRow.status == "completed"))}
        assert made == pids  # both workers made steps, each on its own disk, and the client none: they met in the bucket
    finally: s3.stop()


def test_sigterm_lets_a_worker_finish_its_step_then_stop(cluster, tmp_path):
    env, workers, d = cluster
    workers.start(1)
    client = render(env, d / "t.mp4", "--resolution", "720p", wait=False)
    step = wait_for(lambda: running_segment(env), 120, "the worker to hold a segment step", poll=0.02)
    proc = workers.procs[0][0]
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(120)
    assert next(x for x in rows(env) if x.id == step.id).status == "completed"  # finished, not half-written
    assert not list(Path(env["VIDEOGEN_DATA_DIR"], "objects").glob("*/.*.part*"))
    workers.start(1)  # another takes the rest
    out, err = client.communicate(timeout=600)
    assert client.returncode == 0, err
    assert probe(d / "t.mp4")["video"]["frames"] > 0


def test_steps_the_broker_lost_are_sent_again(cluster, redis):
    "Steps queued and lost before any worker took them (as a broker's restart can lose a message) are sent again once none of the job's steps has run or ended for `resend_after` seconds; the render finishes."
    import redis as redis_client
    env, workers, d = cluster
    client = render({**env, "VIDEOGEN_EXECUTOR_RESEND_AFTER": "2"}, d / "l.mp4", wait=False)
    queue = redis_client.Redis.from_url(redis.url)
    wait_for(lambda: queue.llen("cpu") > 0, 60, "steps queued, with no worker to take them")
    queue.delete("cpu", "gpu") # the broker loses them
    workers.start(2)
    out, err = client.communicate(timeout=300)
    assert client.returncode == 0, err
    assert "not started by any worker" in err and "sending them again" in err, err
    assert probe(d / "l.mp4")["video"]["frames"] > 0
