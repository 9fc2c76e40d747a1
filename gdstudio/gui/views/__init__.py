"""Views: widgets that subscribe to the session and draw. A view never imports another view."""
