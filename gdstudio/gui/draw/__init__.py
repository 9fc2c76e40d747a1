"""Drawing kits shared by the views: palette, display maps, GL items, step marks, path geometry."""
