"""lvterm Datasette plugin."""
