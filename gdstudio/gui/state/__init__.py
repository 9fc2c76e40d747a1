"""The session and what it owns: the scene model, playback, the worker thread, the
remembered settings. No widgets."""
