"""Archive ingestion. The core (every module but pelican_glue) is plain Python that knows nothing of
Pelican; `register()` wires the Pelican reader and signals in when Pelican loads the plugin."""


def register() -> None:
    from .pelican_glue import register as register_with_pelican

    register_with_pelican()
