"""Turn sources into triples and triples into the store. Never imports `server`."""

__version__ = "0.1.0"
