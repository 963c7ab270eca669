"""Benchmark: plan a generated ~120-page screenplay (~1,500 dialogue lines).

Targets (issue 2): under 2 s and under 300 MB peak memory on the 2-core machine. Prints each
stage's time, the whole plan against the target, and peak RSS of a fresh process that plans
against one that only imports onecrew (the floor), all measured in this one run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from screenplay import pages, screenplay  # noqa: E402

TARGET_S, TARGET_MB = 2.0, 300.0

# Peak memory is VmHWM: ru_maxrss would carry the forking parent's high-water mark across exec.
_CHILD = """
import re, time
t = time.perf_counter()
{body}
hwm = re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)
print(time.perf_counter() - t, int(hwm) / 1024)
"""


def child(body: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD.format(body=body)], capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    from onecrew.check.continuity import lint
    from onecrew.direct.director import direct
    from onecrew.export.contact_sheet import contact_sheet
    from onecrew.parse.fountain import parse_fountain
    from onecrew.parse.storyboard_file import dump_json, dump_storyboard
    from onecrew.pipeline import plan

    text = screenplay()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "long.fountain"
        src.write_text(text)
        stages = {}
        t = time.perf_counter(); script = parse_fountain(text); stages["parse"] = time.perf_counter() - t
        t = time.perf_counter(); sb = direct(script); stages["direct"] = time.perf_counter() - t
        t = time.perf_counter(); dump_storyboard(sb); stages["yaml"] = time.perf_counter() - t
        t = time.perf_counter(); dump_json(sb); stages["json"] = time.perf_counter() - t
        t = time.perf_counter(); contact_sheet(sb); stages["html"] = time.perf_counter() - t
        t = time.perf_counter(); findings = lint(sb); stages["lint"] = time.perf_counter() - t
        best = min(_timed(plan, str(src), Path(tmp) / "out") for _ in range(3))
        _, floor_mb = child("import onecrew.pipeline")
        child_s, peak_mb = child(f"from onecrew.pipeline import plan; plan({str(src)!r}, __import__('pathlib').Path({tmp!r}) / 'o2')")
    lines = sum(len(s.lines) for s in sb.scenes)
    print(f"screenplay: {pages(text):.0f} pages, {len(sb.scenes)} scenes, {lines} dialogue lines "
          f"→ {len(sb.shots)} shots, {sb.duration / sb.fps / 60:.1f} min; lint findings: {len(findings)}")
    print("stages (s): " + ", ".join(f"{k} {v:.3f}" for k, v in stages.items()))
    print(f"plan, whole CLI path, best of 3: {best:.3f} s  = {best / TARGET_S:.2f}× the {TARGET_S:.0f} s target")
    print(f"plan in a fresh process: {child_s:.3f} s; peak RSS {peak_mb:.0f} MB "
          f"= {peak_mb / TARGET_MB:.2f}× the {TARGET_MB:.0f} MB target "
          f"({peak_mb / floor_mb:.2f}× the {floor_mb:.0f} MB of just importing onecrew)")
    print(json.dumps({"plan_s": round(best, 3), "peak_mb": round(peak_mb), "shots": len(sb.shots)}))
    if best > TARGET_S or peak_mb > TARGET_MB:
        sys.exit("benchmark: over target")


def _timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
