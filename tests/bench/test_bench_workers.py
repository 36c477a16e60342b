"""Distributed rendering: the Celery path's cost per step against the in-process executor, and one worker against two.

Needs redis-server (scripts/install-redis.sh); started here on 127.0.0.1 and a free port, with `videogen worker`
processes sharing the bench's store. Run with `make bench`.

- Per-step overhead: the same 120 voice steps (short distinct lines, espeak-ng) run in-process one after another
  (`execute`, as the local executor runs voices), then through the broker by one worker, each from a fresh store.
  (celery - local) / steps is what the broker round trip, the worker's lease and the client's polling add to a step.
- 1 against 2 workers: a 20-scene script rendered at 480p with `--executor celery`, each from a fresh store;
  wall time, and CPU seconds of the workers and the client (from /proc, children included).
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from services import REDIS, VIDEOGEN, Redis, Workers  # noqa: E402

pytestmark = pytest.mark.skipif(not REDIS.exists(), reason="redis-server is missing: run scripts/install-redis.sh")


def cpu_seconds(pid: int) -> float:
    "User + system seconds of a process and its waited-for children, from /proc."
    f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in f[11:15]) / os.sysconf("SC_CLK_TCK")


def script(scenes: int) -> str:
    out = ["Title: Bench\n\n"]
    for i in range(scenes):
        out.append(f"{'INT' if i % 2 else 'EXT'}. PLACE {i} - {'DAY' if i % 3 else 'NIGHT'}\n\nANNA walks in and looks around.\n\n"
                   f"ANNA\nLine {i}, said with feeling.\n\nBEN\nAnswer number {i}.\n\n{'CUT TO:' if i % 2 else 'DISSOLVE TO:'}\n\n")
    return "".join(out)


@pytest.fixture(scope="module")
def redis(tmp_path_factory):
    r = Redis(tmp_path_factory.mktemp("redis")).start()
    yield r
    r.stop()


def test_per_step_overhead_of_the_celery_path(redis, tmp_path):
    from videogen.executors import execute
    from videogen.jobs import Job
    from videogen.plan import Plan
    from videogen.rendering import prepare_render
    from videogen.script import parse_script
    from videogen.steps import StepContext
    from videogen.store import Store
    from videogen.workers import CeleryExecutor
    n = 120
    sb = parse_script("".join(f"EXT. PLACE {i} - DAY\n\nANNA\nShort line {i}.\n\n" for i in range(n)), "fountain")
    def voices_only(store):
        p = prepare_render(sb, dict(resolution="480p", quality="draft", music=False), backends=dict(voice="espeak"), store=store)
        return Plan(p.of("voice"), p.storyboard, p.voices, [], p.stages)
    store = Store(tmp_path / "local")
    p = voices_only(store)
    assert len(p.steps) == n
    with Job.start(store) as job:
        t = time.perf_counter(); c = sum(os.times()[:2])
        for s in p.steps: execute(s, job, StepContext(store, check=job.check))
        local, local_cpu = time.perf_counter() - t, sum(os.times()[:2]) - c
    env = {**os.environ, "VIDEOGEN_DATA_DIR": str(tmp_path / "celery"), "VIDEOGEN_EXECUTOR_BROKER": redis.url}
    workers = Workers(env, tmp_path).start(1)
    try:
        os.environ["VIDEOGEN_DATA_DIR"] = env["VIDEOGEN_DATA_DIR"]
        store = Store(tmp_path / "celery")
        p = voices_only(store)
        with Job.start(store) as job:
            w0 = cpu_seconds(workers.procs[0][0].pid)
            t = time.perf_counter(); c = sum(os.times()[:2])
            CeleryExecutor(redis.url, poll=0.05).run(p, job, StepContext(store, check=job.check))
            celery, client_cpu = time.perf_counter() - t, sum(os.times()[:2]) - c
            worker_cpu = cpu_seconds(workers.procs[0][0].pid) - w0
    finally: workers.stop()
    print(f"\n{n} voice steps: in-process {local:.2f} s ({local_cpu:.2f} CPU-s); Celery, one worker {celery:.2f} s "
          f"(worker {worker_cpu:.2f} CPU-s, client {client_cpu:.2f} CPU-s)")
    print(f"per-step overhead of the Celery path: {(celery - local) / n * 1000:.0f} ms wall, "
          f"{(worker_cpu + client_cpu - local_cpu) / n * 1000:.0f} ms CPU")
    assert celery > 0 and local > 0


def test_one_against_two_workers(redis, tmp_path):
    text = tmp_path / "twenty.fountain"; text.write_text(script(20))
    rows = {}
    for n in (1, 2):
        env = {**os.environ, "VIDEOGEN_DATA_DIR": str(tmp_path / f"data-{n}"), "VIDEOGEN_EXECUTOR_BROKER": redis.url,
               "VIDEOGEN_BACKENDS_VOICE": "espeak"}
        (tmp_path / f"w{n}").mkdir()
        workers = Workers(env, tmp_path / f"w{n}").start(n)
        try:
            before = [cpu_seconds(p.pid) for p, _ in workers.procs]
            t = time.perf_counter()
            client = subprocess.Popen([VIDEOGEN, "render", text, "-o", tmp_path / f"f{n}.mp4", "--resolution", "480p", "--executor", "celery", "-q"],
                                      env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            _, err = client.communicate(timeout=1200)
            wall = time.perf_counter() - t
            assert client.returncode == 0, err
            cpu = sum(cpu_seconds(p.pid) - b for (p, _), b in zip(workers.procs, before))
        finally: workers.stop()
        rows[n] = (wall, cpu)
        print(f"\n20 scenes at 480p, {n} worker(s): {wall:.1f} s wall, workers {cpu:.1f} CPU-s")
    print(f"2 workers against 1: {rows[1][0] / rows[2][0]:.2f}x faster (wall), {rows[2][1] / rows[1][1]:.2f}x the CPU")
