"""onecrew — the one-person film crew."""

__version__ = "0.1.0"
