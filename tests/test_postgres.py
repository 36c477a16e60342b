"The store and jobs on PostgreSQL: a real server (pgserver's binaries, on a Unix socket in a temp folder), started and stopped here."
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from videogen.core import RenderSettings
from videogen.jobs import Job, job_steps
from videogen.rendering import render
from videogen.db import Base, JobRow, head_revision, schema_revision
from videogen.keys import step_key
from videogen.store import Store
from videogen.script import parse_file

pgserver = pytest.importorskip("pgserver")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory):
    "A fresh PostgreSQL server for this module; stopped (and its folder removed) at the end."
    server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="delete")
    try:
        yield server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        server.cleanup()


def test_schema_and_library_calls_on_postgres(pg_url, tmp_path):
    store = Store(tmp_path / "data", pg_url)
    assert schema_revision(store.engine) == head_revision()
    with store.engine.connect() as c:
        assert compare_metadata(MigrationContext.configure(c), Base.metadata) == []
    sb = parse_file(ROOT / "examples/last_train.fountain")
    p = store.create_project("Last train (pg)", sb)
    store.update_scene(p.id, sb.scenes[0].id, seed=5)
    assert store.storyboard(p.id).scenes[0].seed == 5
    a = store.save_asset(b"png", "reference", ext="png", tags=["maya"], meta=dict(prompt="red coat"), project=p.id, scene=sb.scenes[0].id)
    assert [x.id for x in store.find_assets(tags=["maya"], text="RED")] == [a.id]
    store.delete_project(p.id)
    assert not store.objects.has(a.key, "png")


def test_render_twice_on_postgres_runs_nothing_the_second_time(pg_url, tmp_path):
    store = Store(tmp_path / "data", pg_url)
    sb = parse_file(ROOT / "examples/coffee_shop.txt")
    sb.scenes = sb.scenes[:1]
    fast = RenderSettings(resolution="480p", quality="draft")
    first = render(sb, fast, tmp_path / "a.mp4", store=store)
    again = render(sb, fast, tmp_path / "b.mp4", store=store)
    assert first.ran and again.ran == {} and again.reused == first.ran
    assert {s.status for s in job_steps(store, again.job)} == {"cached"}


def test_two_processes_render_into_one_postgres_database(pg_url, tmp_path):
    env = {**os.environ, "VIDEOGEN_DATABASE_URL": pg_url, "VIDEOGEN_DATA_DIR": str(tmp_path / "data")}
    procs = [subprocess.Popen([str(Path(sys.executable).parent / "videogen"), "render", str(ROOT / "examples" / name), "-o",
                               str(tmp_path / f"{name}.mp4"), "--resolution", "480p", "--quality", "draft", "-q"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("lighthouse.txt", "last_train.fountain")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    store = Store(tmp_path / "data", pg_url)
    with store.session() as s:
        mine = [j for j in s.scalars(select(JobRow)) if (j.output or "").startswith(str(tmp_path))]
    assert sorted(j.status for j in mine) == ["completed", "completed"]


def test_one_key_one_maker_across_workers_on_postgres(pg_url, tmp_path):
    store = Store(tmp_path / "data", pg_url)
    k = step_key("music", "t", "1", "pg")
    made = []
    def make(out): made.append(1); out["wav"].write_bytes(b"x")
    with Job.start(store) as a, Job.start(store) as b:
        a.run("music", k, ["wav"], make)
        b.run("music", k, ["wav"], make)
    assert len(made) == 1 and b.reused["music"] == 1
