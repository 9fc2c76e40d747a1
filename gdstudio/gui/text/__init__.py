"""Interface text: translators and the translation of core messages."""
