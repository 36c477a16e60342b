"""Every command in README.md, run as written (`make docs-check`).

The fenced `bash`, `sh` and `console` blocks are read with markdown-it-py (already installed with rich; it gives each
block's line in the file, so a failure names README.md's line), one command a line (a line ending in `\\` goes on);
a block's lines share one bash, so a variable set on one line is there on the next.
They run in order in a copy of the repository, with the environment's `bin` first on PATH and a fresh store for each
section (`VIDEOGEN_DATA_DIR`); renders are small (`VIDEOGEN_RENDER_RESOLUTION=480p`, `VIDEOGEN_RENDER_QUALITY=draft`)
wherever a command does not say otherwise. Commands that install into the environment (`pip install`, `make demo`) run
in the repository itself, where the editable install must keep pointing. Servers (`voila`, `videogen serve`,
`videogen worker`) are started, must answer on 127.0.0.1 (a worker: stay up) and are stopped at the end of their
section, so the commands after them in it can use them. The `python` blocks run in one interpreter, in order, as a
notebook would, with a store of their own. Redis for the Celery workers is Debian's redis-server on 127.0.0.1.
"""
import json, os, shlex, shutil, signal, socket, subprocess, sys, time, urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent

# What cannot run here, by how the command (or a python block's first line) starts, and why.
SKIP = {
    "make test": "it is what CI runs: the whole suite, on its own",
    "videogen models add ~/": "model weights or a Piper voice the README says to download first",
    "videogen models add facebook/": "a model already in the Hugging Face cache, downloaded first",
    "videogen models download": "the Hugging Face Hub: only package registries are reachable here",
    "from websockets.sync.client import connect": "it needs the token a shell printed above; tests/test_api.py reads the WebSocket",
}
# Servers: how the command starts, and the port it answers on (None: a worker, which listens to its broker).
SERVERS = {"voila ": 8866, "videogen serve": 8000, "videogen worker": None}
# Commands that install into this environment run in the repository, not in the copy.
IN_REPOSITORY = ("pip install", "make demo")


@dataclass
class Command:
    line: int  # README.md's line
    text: str
    section: str
    python: bool = False
    block: int = 0  # the fenced block it is in: a block's shell lines share one bash (its variables)

    def skip(self) -> str | None:
        return next((why for start, why in SKIP.items() if self.text.startswith(start)), None)

    def server(self):
        return next(((True, port) for start, port in SERVERS.items() if self.text.startswith(start)), (False, None))


def readme_commands(text: str) -> list[Command]:
    "The README's commands in order: one per shell line, one per python block."
    commands, section = [], ""
    tokens = MarkdownIt().parse(text)
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open": section = tokens[i + 1].content
        if tok.type != "fence": continue
        lang = tok.info.split()[0] if tok.info.strip() else ""
        first = tok.map[0] + 2  # the fence's first content line, counted from 1
        if lang == "python":
            commands.append(Command(first, tok.content, section, python=True, block=i))
        elif lang in ("bash", "sh", "console"):
            pending, start = "", None
            for n, line in enumerate(tok.content.splitlines(), first):
                if lang == "console": line = line.removeprefix("$ ")
                if not pending and (not line.strip() or line.lstrip().startswith("#")): continue
                start = start or n
                if line.endswith("\\"): pending += line[:-1] + " "; continue
                commands.append(Command(start, pending + line, section, block=i))
                pending, start = "", None
    return commands


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port: int) -> bool:
    try: urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2); return True
    except urllib.error.HTTPError: return True
    except OSError: return False


def stop(proc: subprocess.Popen):
    "Stop a process group started here: SIGTERM, then SIGKILL."
    if proc.poll() is not None: return
    os.killpg(proc.pid, signal.SIGTERM)
    try: proc.wait(30)
    except subprocess.TimeoutExpired: os.killpg(proc.pid, signal.SIGKILL); proc.wait(10)


# Runs python blocks in one namespace; each block's outcome is one marked line on stdout.
DRIVER = r'''
import json, sys, traceback
ns = {"__name__": "__main__"}
for message in sys.stdin:
    block = json.loads(message)
    try: exec(compile(block["code"], block["name"], "exec"), ns); result = dict(ok=True)
    except BaseException: result = dict(ok=False, error=traceback.format_exc()[-3000:])
    print("\n@@docs@@ " + json.dumps(result), flush=True)
'''


class Runner:
    "Runs the README's commands in `work`, a copy of the repository, and records the failures."

    def __init__(self, work: Path, tmp: Path):
        self.work, self.tmp, self.failures, self.servers, self.logs = work, tmp, [], [], tmp / "logs"
        self.logs.mkdir()
        home = tmp / "home"
        home.mkdir()
        self.env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", HOME=str(home), BROWSER="true",
                        PIP_CACHE_DIR=os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache/pip")),
                        JUPYTER_CONFIG_DIR=str(home / "jc"), JUPYTER_DATA_DIR=str(home / "jd"),
                        JUPYTER_RUNTIME_DIR=str(home / "jr"), PIP_DISABLE_PIP_VERSION_CHECK="1",
                        TMPDIR=str(tmp), VIDEOGEN_RENDER_RESOLUTION="480p", VIDEOGEN_RENDER_QUALITY="draft")
        self.section, self.sections, self.python, self.bash, self.bash_block = None, 0, None, None, None

    def fail(self, cmd: Command, why: str):
        self.failures.append(f"README.md:{cmd.line}: {cmd.text.splitlines()[0][:100]}\n    {why}")

    def enter(self, section: str):
        "A fresh store for each section; the servers of the last one are stopped."
        if section == self.section: return
        for proc in self.servers: stop(proc)
        self.servers, self.section, self.sections = [], section, self.sections + 1
        data = self.tmp / "data" / str(self.sections)
        data.mkdir(parents=True)
        self.env["VIDEOGEN_DATA_DIR"] = str(data)

    def shell(self, cmd: Command, log: Path) -> int:
        "Run a shell line in its block's bash (started in the copy); the exit status of the line."
        if self.bash is None or self.bash_block != cmd.block:
            if self.bash: self.bash.stdin.close(); self.bash.wait(30)
            self.bash = subprocess.Popen(["bash"], cwd=self.work, env=self.env, text=True, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
            self.bash_block = cmd.block
        line = f"(cd {shlex.quote(str(ROOT))} && {cmd.text}\n)" if cmd.text.startswith(IN_REPOSITORY) else cmd.text
        self.bash.stdin.write(f"{line}\necho; echo \"@@docs@@ $?\"\n")
        self.bash.stdin.flush()
        with open(log, "w") as out:
            for out_line in self.bash.stdout:
                if out_line.startswith("@@docs@@ "): return int(out_line.split()[1])
                out.write(out_line)
        return -1  # the shell ended: `exit` in the line

    def serve(self, cmd: Command, port, log: Path):
        if port and answers(port): return self.fail(cmd, f"port {port} is already taken on 127.0.0.1: stop what holds it")
        out = open(log, "w")
        proc = subprocess.Popen(["bash", "-c", f"exec {cmd.text}"], cwd=self.work, env=self.env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        self.servers.append(proc)
        begun = time.monotonic()
        while time.monotonic() < begun + 120:
            if proc.poll() is not None: return self.fail(cmd, f"exited {proc.returncode}: {log.read_text()[-1500:]}")
            if port and answers(port): return
            if not port and time.monotonic() > begun + 10: return  # a worker still up after ten seconds
            time.sleep(0.5)
        self.fail(cmd, f"did not answer on 127.0.0.1:{port} in 120 s: {log.read_text()[-1500:]}")

    def run_python(self, cmd: Command):
        if self.python is None:
            env = dict(self.env, VIDEOGEN_DATA_DIR=str(self.tmp / "python-store"))
            self.python = subprocess.Popen([sys.executable, "-u", "-c", DRIVER], cwd=self.work, env=env, text=True,
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.python.stdin.write(json.dumps(dict(code=cmd.text, name=f"README.md:{cmd.line}")) + "\n")
        self.python.stdin.flush()
        for line in self.python.stdout:
            if line.startswith("@@docs@@ "):
                result = json.loads(line.split(" ", 1)[1])
                if not result["ok"]: self.fail(cmd, result["error"])
                return
        self.fail(cmd, "the python interpreter ended")

    def run(self, cmd: Command):
        self.enter(cmd.section)
        if cmd.python: return self.run_python(cmd)
        log = self.logs / f"{cmd.line}.log"
        is_server, port = cmd.server()
        if is_server: return self.serve(cmd, port, log)
        rc = self.shell(cmd, log)
        if rc != 0: self.fail(cmd, f"exit {rc}: {log.read_text()[-1500:]}")

    def close(self):
        for proc in self.servers: stop(proc)
        if self.bash: self.bash.stdin.close(); self.bash.wait(30)
        if self.python:
            self.python.stdin.close()
            try: self.python.wait(30)
            except subprocess.TimeoutExpired: self.python.kill()


def repository_copy(dest: Path) -> Path:
    "The repository's files as git sees them (tracked, and untracked but not ignored), copied to `dest`."
    names = subprocess.check_output(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, text=True).split("\0")
    for name in filter(None, names):
        src = ROOT / name
        if src.is_file(): (dest / name).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(src, dest / name)
    return dest


def test_readme_commands_are_read():
    cmds = readme_commands(README.read_text())
    texts = [c.text for c in cmds]
    assert any(t.startswith("make demo ") for t in texts) and any(t.startswith("voila dashboards/studio.ipynb ") for t in texts), texts
    # a line's comment stays with it (bash reads it), a comment alone is no command
    assert all(not t.lstrip().startswith("#") for t in texts)
    line = next(c for c in cmds if c.text.startswith("voila "))
    assert README.read_text().splitlines()[line.line - 1].startswith("voila dashboards/studio.ipynb")
    assert sum(c.python for c in cmds) >= 4


@pytest.mark.docs
@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_every_readme_command_runs_as_written(tmp_path):
    redis = None
    runner = Runner(repository_copy(tmp_path / "repo"), tmp_path)
    if shutil.which("redis-server"):
        port = free_port()
        redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                                 stdout=subprocess.DEVNULL, start_new_session=True)
        runner.env["VIDEOGEN_EXECUTOR_BROKER"] = f"redis://127.0.0.1:{port}/0"
    skipped, started = [], time.monotonic()
    try:
        for cmd in readme_commands(README.read_text()):
            if why := cmd.skip(): skipped.append(f"README.md:{cmd.line}: {why}"); continue
            if not redis and ("celery" in cmd.text or cmd.text.startswith("videogen worker")):
                skipped.append(f"README.md:{cmd.line}: redis-server is not installed (scripts/install-redis.sh)"); continue
            t0 = time.monotonic()
            runner.run(cmd)
            print(f"README.md:{cmd.line} {time.monotonic() - t0:6.1f} s  {cmd.text.splitlines()[0][:90]}")
    finally:
        runner.close()
        if redis: stop(redis)
    print(f"{time.monotonic() - started:.0f} s; skipped:\n" + "\n".join(skipped))
    assert not runner.failures, f"{len(runner.failures)} README command(s) failed as written:\n" + "\n".join(runner.failures)
