"""The edit: where dialogue sits, the OpenTimelineIO timeline, subtitles and interchange files."""
