"""Serving the studio with Voila as the README says: the template is found after `pip install -e .` or a wheel, a page
that fails leaves no kernel behind, an abandoned one is culled, and the page loads without version warnings.

Every server runs on 127.0.0.1 and a free port, with its home, Jupyter dirs and store in tmp_path, and is stopped by
the test."""
import os, subprocess, sys, sysconfig, time, urllib.request
from pathlib import Path

import nbformat, psutil, pytest

from services import server_env, voila_server

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")


def fetch(url: str, timeout=180) -> tuple[int, str]:
    "The status and body of a GET, an HTTP error included."
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r: return r.status, r.read().decode()
    except urllib.error.HTTPError as e: return e.code, e.read().decode()


def kernels(proc) -> list:
    "The kernel processes under a server."
    found = []
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()): found.append(child)
        except psutil.NoSuchProcess: pass
    return found


def wait_for_no_kernels(proc, seconds: float) -> list:
    "The kernels still alive after `seconds` (none as soon as they are gone)."
    deadline = time.monotonic() + seconds
    while (alive := kernels(proc)) and time.monotonic() < deadline: time.sleep(0.25)
    return alive


def assert_studio_page(status: int, body: str, log: Path):
    assert status == 200, f"the studio page answered {status}: {body[-1500:]}\n{log.read_text()[-2000:]}"
    assert "TemplateNotFound" not in body and "Voil" in body, body[-1500:]
    # the videogen template drops the CDN stylesheets the lab template asks for
    assert "cdn.jsdelivr.net" not in body, "the page is not rendered with the studio's template"


def bare_prefix(tmp_path: Path) -> Path:
    """A virtual environment that sees this one's packages (through a .pth) but whose share/jupyter holds Voila's and
    nbconvert's own templates only: nothing of videogen's is installed or linked there."""
    venv = tmp_path / "venv"
    subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site_packages = Path(subprocess.check_output([str(venv / "bin/python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True).strip())
    # addsitedir also runs this environment's .pth files (the editable videogen among them)
    (site_packages / "_parent_env.pth").write_text(f"import site; site.addsitedir({sysconfig.get_path('purelib')!r})\n")
    share = Path(sys.prefix) / "share/jupyter"
    for entry in share.iterdir():
        if entry.name != "voila": (venv / "share/jupyter").mkdir(parents=True, exist_ok=True); (venv / "share/jupyter" / entry.name).symlink_to(entry)
    for entry in (share / "voila").iterdir():
        if entry.name != "templates": (venv / "share/jupyter/voila").mkdir(parents=True, exist_ok=True); (venv / "share/jupyter/voila" / entry.name).symlink_to(entry)
    for entry in (share / "voila/templates").iterdir():
        if entry.name != "videogen":
            (venv / "share/jupyter/voila/templates").mkdir(parents=True, exist_ok=True)
            (venv / "share/jupyter/voila/templates" / entry.name).symlink_to(entry)
    (venv / "bin/voila").write_text(f"#!{venv / 'bin/python'}\nimport sys\nfrom voila.app import main\nsys.exit(main())\n")
    (venv / "bin/voila").chmod(0o755)
    return venv


@pytest.mark.slow
@pytest.mark.parametrize("install", ["editable", "wheel"])
def test_voila_finds_the_studio_template_after_pip_install(install, tmp_path):
    venv = bare_prefix(tmp_path)
    python, pip_env = str(venv / "bin/python"), server_env(tmp_path, PIP_DISABLE_PIP_VERSION_CHECK="1")
    assert not (venv / "share/jupyter/voila/templates/videogen").exists()
    if install == "editable": target = ["-e", str(ROOT)]
    else:
        subprocess.run([python, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(ROOT)], check=True, env=pip_env)
        target = [str(next((tmp_path / "dist").glob("scriptreel-*.whl")))]
    # --target-less and --no-deps: the packages come from the environment this test runs in
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", *target], check=True, env=pip_env)
    assert (venv / "share/jupyter/voila/templates/videogen/index.html.j2").exists(), f"{install} install left the template out"
    log = tmp_path / "voila.log"
    env = server_env(tmp_path, PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", VIDEOGEN_RENDER_RESOLUTION="480p")
    with voila_server(["dashboards/studio.ipynb"], ROOT, env, log, voila=venv / "bin/voila") as (proc, url):
        assert_studio_page(*fetch(url), log)


def write_notebook(path: Path, *sources: str):
    "A notebook of code cells, served with the studio's template."
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata.update(kernelspec=dict(name="python3", display_name="python3", language="python"), voila=dict(template="videogen"))
    nbformat.write(nb, path)


def test_a_failed_page_leaves_no_kernel_and_an_abandoned_one_is_culled(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    # the studio pointed at a script that is not there
    write_notebook(pages / "broken.ipynb", "from videogen.studio import Studio", 'Studio.from_script("missing.fountain")')
    write_notebook(pages / "quiet.ipynb", "1 + 1")
    log = tmp_path / "voila.log"
    # From the repository root, as the README serves the studio, so ./voila.py is read; a short idle timeout here
    # shows that its culling reaches Voila's kernels.
    args = [str(pages), "--MappingKernelManager.cull_idle_timeout=3", "--MappingKernelManager.cull_interval=1"]
    with voila_server(args, ROOT, server_env(tmp_path), log) as (proc, url):
        for _ in range(3):
            status, body = fetch(url + "voila/render/broken.ipynb")
            assert status == 200, body[-1500:]
            alive = wait_for_no_kernels(proc, 8)
            assert not alive, f"a failed page left kernel(s) {[k.pid for k in alive]} running\n{log.read_text()[-3000:]}"
        status, body = fetch(url + "voila/render/quiet.ipynb")
        assert status == 200, body[-1500:]
        assert kernels(proc), "the page that ran has no kernel"
        alive = wait_for_no_kernels(proc, 20)
        assert not alive, f"an abandoned page's kernel was not culled\n{log.read_text()[-3000:]}"


def console_messages(url: str) -> list[str]:
    "Every console message of the page at `url` in headless Chromium, until its widgets are drawn."
    playwright = pytest.importorskip("playwright.sync_api")
    messages = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
            page.goto(url, wait_until="domcontentloaded", timeout=120_000)
            page.wait_for_selector(".jupyter-widgets", timeout=120_000)
            page.wait_for_timeout(2000)
        finally:
            browser.close()
    return messages


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is missing: run scripts/install-chromium.sh (make test does)")
def test_the_studio_page_loads_without_version_warnings(tmp_path):
    log = tmp_path / "voila.log"
    env = server_env(tmp_path, VIDEOGEN_RENDER_RESOLUTION="480p")
    with voila_server(["dashboards/studio.ipynb"], ROOT, env, log) as (proc, url):
        messages = console_messages(url)
    unsatisfied = [m for m in messages if "Unsatisfied version" in m]
    assert not unsatisfied, "Voila's and JupyterLab's shared packages disagree:\n" + "\n".join(unsatisfied)
