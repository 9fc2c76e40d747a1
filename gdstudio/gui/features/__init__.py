"""Features built on the session and the views: analysis, lessons, presenter mode, export, help."""
