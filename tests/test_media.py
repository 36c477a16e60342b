"""Frames stream to ffmpeg and the output appears only when complete, even when the process is killed."""
import os, signal, subprocess, sys, textwrap, time
from pathlib import Path
import pytest
from videogen.media import probe

WRITER = textwrap.dedent("""
    import sys, numpy as np
    from videogen.media import FrameWriter
    with FrameWriter(sys.argv[1], (640, 360), 30) as fw:
        for i in range(100_000):
            fw.write(np.full((360, 640, 3), i % 256, np.uint8))
            if i == 10: print("writing", flush=True)
""")

def test_killed_writer_leaves_nothing_at_the_output_path(tmp_path):
    out = tmp_path / "video.mp4"
    p = subprocess.Popen([sys.executable, "-c", WRITER, str(out)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "writing"
    time.sleep(0.5)
    p.send_signal(signal.SIGKILL); p.wait()
    time.sleep(0.2)
    assert not out.exists()
    assert all(f.name.startswith(".") and ".part" in f.name for f in tmp_path.iterdir())

def test_probe_rejects_non_media(tmp_path):
    from videogen.core import VideoAssemblyError
    bad = tmp_path / "x.mp4"; bad.write_text("not a video")
    with pytest.raises(VideoAssemblyError, match="Cannot read media file"):
        probe(bad)
