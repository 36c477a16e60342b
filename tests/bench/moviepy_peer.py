"""The render benchmark's peer: the same kind of video videogen makes, done the way a MoviePy 2 user would.

Each scene is a still image (painted with overscan, so larger than the frame) shown centered, scaled to
fill the frame, with a smooth zoom over the scene; scenes overlap by their crossfade and the soundtrack
is trimmed to the picture. It runs in its own virtual environment (see peer-requirements.txt):

    python moviepy_peer.py SPEC.json

SPEC.json:
    {"size": [1920, 1080], "fps": 30, "output": "/path/out.mp4", "audio": "/path/audio.wav" or null,
     "scenes": [{"image": "/path/scene1.png", "duration": 6.0, "zoom": [1.0, 1.15]}, ...],
     "transitions": [0.5, 0.0, ...],
     "codec_args": {"codec": "libx264", "preset": "veryfast", "crf": 20}}

`transitions[i]` is the crossfade in seconds between scene i and i+1 (0 is a cut), so the video lasts
sum(durations) - sum(transitions). Prints one JSON line: {"seconds": ..., "duration": ..., "frames": ...}.
"""
import json
import math
import sys
import time

from moviepy import AudioFileClip, CompositeVideoClip, ImageClip, vfx

BLACK = (0, 0, 0)  # an opaque background: with bg_color=None MoviePy composites a mask too, which is slower


def scene_clip(scene: dict, size: tuple[int, int]) -> CompositeVideoClip:
    """One scene: its image centered, covering the frame, zooming from zoom[0] to zoom[1]."""
    width, height = size
    duration = float(scene["duration"])
    z0, z1 = scene.get("zoom", [1.0, 1.0])
    image = ImageClip(scene["image"]).with_duration(duration)
    cover = max(width / image.w, height / image.h)

    def zoomed_size(t: float) -> tuple[int, int]:
        """The image's size at time t; rounded up so it never falls a pixel short of the frame."""
        scale = cover * (z0 + (z1 - z0) * t / duration)
        return math.ceil(image.w * scale), math.ceil(image.h * scale)

    moving = image.resized(zoomed_size).with_position("center")
    return CompositeVideoClip([moving], size=size, bg_color=BLACK).with_duration(duration)


def timeline(scenes: list[dict], transitions: list[float], size: tuple[int, int]) -> CompositeVideoClip:
    """All scenes on one timeline, each starting its crossfade's length before the previous one ends."""
    clips, start = [], 0.0
    for i, scene in enumerate(scenes):
        clip = scene_clip(scene, size)
        fade = float(transitions[i - 1]) if i else 0.0
        start -= fade
        if fade > 0:
            clip = clip.with_effects([vfx.CrossFadeIn(fade)])
        clips.append(clip.with_start(start))
        start += clip.duration
    return CompositeVideoClip(clips, size=size, bg_color=BLACK).with_duration(round(start, 6))


def render(spec: dict) -> dict:
    """Builds and writes the video the spec describes; returns the timing line."""
    began = time.perf_counter()
    size = tuple(spec["size"])
    fps = spec["fps"]
    codec = spec.get("codec_args", {})
    if len(spec["transitions"]) != len(spec["scenes"]) - 1:
        raise ValueError("need one transition between each pair of scenes")
    video = timeline(spec["scenes"], spec["transitions"], size)
    if spec.get("audio"):
        audio = AudioFileClip(spec["audio"])
        video = video.with_audio(audio.subclipped(0, min(audio.duration, video.duration)))
    video.write_videofile(
        spec["output"], fps=fps, codec=codec.get("codec", "libx264"), preset=codec.get("preset", "veryfast"),
        ffmpeg_params=["-crf", str(codec.get("crf", 20)), "-pix_fmt", "yuv420p"],
        audio_codec="aac", logger=None)
    video.close()
    return {"seconds": round(time.perf_counter() - began, 3), "duration": video.duration,
            "frames": int(video.duration * fps)}


def main(argv: list[str]) -> int:
    """Reads the spec named on the command line, renders it, prints the JSON line."""
    if len(argv) != 2:
        print("usage: python moviepy_peer.py SPEC.json", file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        spec = json.load(f)
    print(json.dumps(render(spec)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
