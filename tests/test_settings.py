"""settings.ini, VIDEOGEN_* variables and arguments, in that order."""
import configparser
from pathlib import Path
import pytest
from videogen.core import ConfigError, RenderSettings, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]

def test_project_settings_ini_lists_the_defaults():
    assert load_settings(ROOT / "settings.ini", env={}) == Settings()
    cp = configparser.ConfigParser(); cp.read(ROOT / "settings.ini")
    assert set(cp["render"]) == set(RenderSettings.model_fields)
    assert set(cp["backends"]) == set(Settings().backends)

def test_environment_overrides_file_and_arguments_override_both(tmp_path):
    ini = tmp_path / "settings.ini"
    ini.write_text("[videogen]\ndata_dir = /from/file\n[render]\nresolution = 1080p\n")
    s = load_settings(ini, env={"VIDEOGEN_DATA_DIR": str(tmp_path), "VIDEOGEN_BACKENDS_IMAGE": "painter"})
    assert (s.data_dir, s.render.resolution, s.backends["image"]) == (tmp_path, "1080p", "painter")
    s = load_settings(ini, env={"VIDEOGEN_DATA_DIR": str(tmp_path)}, data_dir="/arg", render={"resolution": "480p"})
    assert (s.data_dir, s.render.resolution) == (Path("/arg"), "480p")

def test_settings_file_found_through_environment(tmp_path, monkeypatch):
    ini = tmp_path / "mine.ini"
    ini.write_text("[render]\nstyle = noir\n")
    monkeypatch.setenv("VIDEOGEN_SETTINGS", str(ini))
    monkeypatch.chdir(tmp_path)
    assert load_settings().render.style == "noir"

@pytest.mark.parametrize("text,where", [("[render]\nfps = 60\n", "render.fps"), ("[render]\naspect = 3:2\n", "render.aspect"),
                                        ("[backends]\npainting = x\n", "backends"), ("[nope]\na = 1\n", "nope"),
                                        ("[render]\nmusic_volume = loud\n", "render.music_volume"), ("not an ini", "settings")])
def test_bad_settings_name_the_setting(tmp_path, text, where):
    ini = tmp_path / "settings.ini"
    ini.write_text(text)
    with pytest.raises(ConfigError) as e:
        load_settings(ini, env={})
    assert where in str(e.value)

def test_missing_settings_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.ini")
