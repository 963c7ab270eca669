"""Test helpers that ship with onecrew, so plug-ins and the engine's own tests share them.
`onecrew.testing.ark`: a local emulator of the Ark video-generation task API."""
