"""Shot renderers: the backend protocol, the registry, and the built-in previs backend."""
