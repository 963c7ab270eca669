"""Interchange files at frame rates SMPTE timecode does not have (12 and 15 fps).

OpenTimelineIO formats every timecode with `RationalTime.to_timecode`, which refuses rates
outside the SMPTE list (23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60, ...). The FCP 7 XML
writer puts a timecode on every file and on the sequence, and an EDL is nothing but
timecodes, so both raised "SMPTE timecode does not support this rate" at 12 and 15 fps.

The way round is a *carrier* rate: the smallest SMPTE rate that is a whole multiple of the
film's (24 for 12, 30 for 15), so every frame boundary of the cut lands on a carrier frame
and nothing is rounded. The timeline is rescaled to it and written by the adapter; then
 - the FCP XML, which states its own rate, is put back at the film's rate (timebases
   restored, frame counts divided), so an NLE sees the real 12 or 15 fps cut;
 - the EDL, which cannot state a rate, stays at the carrier rate (timecode at 12 fps can be
   neither written nor read by OpenTimelineIO) and says so in a comment.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.dom import minidom

import opentimelineio as otio

from ..model.time import timecode

RT = otio.opentime.RationalTime
TR = otio.opentime.TimeRange

# FCP 7 XML elements that count frames at their context's rate (clip items, files, the
# sequence, timecodes). onecrew timelines hold only clips and gaps, so this list is whole.
_FRAME_TAGS = ("duration", "in", "out", "start", "end", "frame")


def carrier(fps: int) -> int:
    """The rate timecodes are written at: `fps` itself where SMPTE has it."""
    k = 1
    while not RT.is_valid_timecode_rate(fps * k):
        k += 1
        if k > 10:
            raise ValueError(f"no SMPTE timecode rate is a multiple of {fps} fps")
    return fps * k


def rescaled(tl: otio.schema.Timeline, rate: int) -> otio.schema.Timeline:
    """A copy of `tl` with every time at `rate` (an exact multiple of the timeline's own)."""
    def tr(r: TR) -> TR:
        return TR(r.start_time.rescaled_to(rate), r.duration.rescaled_to(rate))

    copy = tl.deepcopy()
    copy.global_start_time = copy.global_start_time.rescaled_to(rate)
    for item in copy.find_children():
        if isinstance(item, (otio.schema.Clip, otio.schema.Gap)) and item.source_range is not None:
            item.source_range = tr(item.source_range)
        ref = getattr(item, "media_reference", None)
        if ref is not None and ref.available_range is not None:
            ref.available_range = tr(ref.available_range)
    return copy


def fcp_xml_at(xml: str, written: int, fps: int) -> str:
    """FCP XML written at rate `written`, put back at `fps` (which divides it)."""
    k, rem = divmod(written, fps)
    assert rem == 0, (written, fps)
    root = ET.fromstring(xml)
    for rate in root.iter("rate"):
        base = rate.find("timebase")
        if base is not None and base.text == str(written):
            base.text = str(fps)
    for el in root.iter():
        if el.tag in _FRAME_TAGS and el.text and el.text.strip().lstrip("-").isdigit():
            n = int(el.text)
            if n >= 0:  # -1 is FCP's "no value" (e.g. a start next to a transition)
                if n % k:
                    raise ValueError(f"<{el.tag}>{n}</{el.tag}> is not a whole frame at {fps} fps")
                el.text = str(n // k)
    for tc in root.iter("timecode"):
        string, frame = tc.find("string"), tc.find("frame")
        if string is not None and frame is not None:
            string.text = timecode(int(frame.text), fps)
    # pretty-printed as the adapter does its own, so every rate's file looks alike
    return minidom.parseString(ET.tostring(_unindented(root))).toprettyxml(indent="    ")


def _unindented(el: ET.Element) -> ET.Element:
    """Drop the whitespace the adapter's pretty-printing left, or minidom doubles it."""
    for e in el.iter():
        if len(e) and e.text is not None and not e.text.strip():
            e.text = None
        if e.tail is not None and not e.tail.strip():
            e.tail = None
    return el


def edl_note(edl: str, written: int, fps: int) -> str:
    """The EDL with a comment saying what rate its timecodes count. EDL readers take any
    line before the first event for a malformed event, so it is a comment of event 001."""
    lines = edl.splitlines(keepends=True)
    at = next((i + 1 for i, ln in enumerate(lines) if ln[:1].isdigit()), len(lines))
    note = f"* TIMECODE AT {written} FPS: THE FILM IS {fps} FPS, {written // fps} TIMECODE FRAMES A FRAME\n"
    return "".join(lines[:at] + [note] + lines[at:])
