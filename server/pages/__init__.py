"""The browser: page blueprints, the store reads they need, templates and static files."""
