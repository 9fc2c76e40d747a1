"""The desktop window: the only place Qt lives (``gdstudio.gui.app.main`` starts it)."""
