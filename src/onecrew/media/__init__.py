"""The one place onecrew talks to FFmpeg (through PyAV): encode, join, mux, decode."""
