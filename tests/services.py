"""Services the tests start for real, on 127.0.0.1 and a free port, and stop: Redis (Debian's redis-server),
videogen workers and Voila."""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REDIS = Path("/usr/bin/redis-server")
VIDEOGEN = str(Path(sys.executable).parent / "videogen")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str, poll: float = 0.1):
    "Poll `check()` until it is true; an AssertionError naming `what` after `timeout` seconds."
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if (v := check()): return v
        time.sleep(poll)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Redis:
    "A redis-server on 127.0.0.1, persisting to an append-only file (a restart keeps the queues), stopped and started at will."
    def __init__(self, folder: Path):
        self.folder, self.port, self.proc = folder, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen([str(REDIS), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
                                      "--appendfsync", "always", "--dir", str(self.folder), "--protected-mode", "yes"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.ping, 10, "redis-server to answer")
        return self

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n"); return s.recv(16).startswith(b"+PONG")
        except OSError: return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try: self.proc.wait(10)
            except subprocess.TimeoutExpired: self.proc.kill(); self.proc.wait()


class Workers:
    "`videogen worker` processes sharing one store and broker; their logs in the folder."
    def __init__(self, env: dict, folder: Path):
        self.env, self.folder, self.procs = env, folder, []

    def start(self, n: int = 1, env: dict | None = None):
        for _ in range(n):
            log = self.folder / f"worker-{len(self.procs)}.log"
            p = subprocess.Popen([VIDEOGEN, "worker"], env={**self.env, **(env or {})}, stdout=open(log, "w"), stderr=subprocess.STDOUT,
                                 start_new_session=True)
            self.procs.append((p, log))
            wait_for(lambda: " ready." in log.read_text() or p.poll() is not None, 60, f"worker {len(self.procs)} to be ready")
            assert p.poll() is None, log.read_text()[-2000:]
        return self

    def stop(self):
        for p, _ in self.procs:
            if p.poll() is None: os.killpg(p.pid, signal.SIGTERM)
        for p, _ in self.procs:
            try: p.wait(30)
            except subprocess.TimeoutExpired: os.killpg(p.pid, signal.SIGKILL); p.wait()


class S3Server:
    "moto's standalone S3-compatible server on 127.0.0.1 (`moto_server`), with dummy credentials for its clients."
    env = dict(AWS_ACCESS_KEY_ID="videogen-test", AWS_SECRET_ACCESS_KEY="videogen-test", AWS_DEFAULT_REGION="us-east-1")

    def __init__(self):
        self.port, self.proc = free_port(), None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self):
        exe = Path(sys.executable).parent / "moto_server"
        self.proc = subprocess.Popen([str(exe), "-H", "127.0.0.1", "-p", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        def up():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5): return True
            except OSError: return False
        wait_for(up, 30, "moto_server to listen")
        return self

    def client(self):
        import boto3
        return boto3.client("s3", endpoint_url=self.url, aws_access_key_id=self.env["AWS_ACCESS_KEY_ID"],
                            aws_secret_access_key=self.env["AWS_SECRET_ACCESS_KEY"], region_name=self.env["AWS_DEFAULT_REGION"])

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try: self.proc.wait(10)
            except subprocess.TimeoutExpired: self.proc.kill(); self.proc.wait()


def server_env(tmp_path: Path, **extra) -> dict:
    "An environment whose home, Jupyter dirs and store are in tmp_path; no browser is opened."
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {**os.environ, **dict(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "jc"), JUPYTER_DATA_DIR=str(home / "jd"),
            JUPYTER_RUNTIME_DIR=str(home / "jr"), TMPDIR=str(tmp_path), BROWSER="true", VIDEOGEN_DATA_DIR=str(tmp_path / "data")), **extra}


@contextmanager
def voila_server(args: list, cwd: Path, env: dict, log: Path, voila=Path(sys.executable).parent / "voila"):
    "Voila started with `args` (plus a free port on 127.0.0.1); yields (process, base URL) and stops it."
    port = free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen([str(voila), *args, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"],
                                cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(url + "voila/static/", timeout=2)
                    break
                except OSError as e:
                    if getattr(e, "code", None): break  # an HTTP error is an answer
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"Voila did not start: {log.read_text()[-2000:]}")
                    time.sleep(0.3)
            yield proc, url
        finally:
            proc.terminate()
            try: proc.wait(15)
            except subprocess.TimeoutExpired: proc.kill()
