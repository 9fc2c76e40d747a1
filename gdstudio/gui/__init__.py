"""The desktop window: the only place Qt lives (``gdstudio.gui.app.launch.main`` starts it)."""
