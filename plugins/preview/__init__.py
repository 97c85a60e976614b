"""A preview server for the built site (`make serve`): standard library only, not a Pelican plugin.
See server.py."""
