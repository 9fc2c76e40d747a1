"""The application: start-up, the main window that composes the views and wires the
actions, the language switch, opening scenes."""
