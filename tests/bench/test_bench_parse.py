"""Parsing speed: videogen's Fountain reader against screenplain's own parse of the same text, in the same run.

videogen drives screenplain paragraph by paragraph to keep line numbers and then builds the storyboard
(ids, descriptions, durations, prompts); this prints what that costs over the bare parse.
Run with `make bench`.
"""
import io, time
from screenplain.parsers import fountain
from videogen.script import parse_script

def script(scenes: int) -> str:
    parts = ["Title: Bench\n\n"]
    for i in range(scenes):
        parts.append(f"{'INT' if i % 2 else 'EXT'}. PLACE {i} - {'DAY' if i % 3 else 'NIGHT'}\n\n"
                     f"PERSON{i % 7} (30s, coat number {i}) walks in and looks around the room.\n\n"
                     f"PERSON{i % 7}\n(quietly)\nLine {i}, said with feeling.\n\nPERSON{(i + 1) % 7}\nAnswer {i}.\n\nCUT TO:\n\n")
    return "".join(parts)

def best(f, n=5):
    ts = []
    for _ in range(n):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return min(ts)

def test_parse_overhead():
    text = script(400)
    ours = best(lambda: parse_script(text, "fountain"))
    ref = best(lambda: fountain.parse(io.StringIO(text)))
    print(f"\nparse 400-scene Fountain ({len(text):,} bytes): videogen {ours*1000:.1f} ms, "
          f"screenplain alone {ref*1000:.1f} ms, ratio {ours/ref:.2f}x")
    assert ours > 0 and ref > 0
