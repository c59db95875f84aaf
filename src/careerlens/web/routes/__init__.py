"""Page groups of the web app, one module each (like the CLI's command groups)."""
