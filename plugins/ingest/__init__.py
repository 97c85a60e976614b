"""Archive ingestion. The core (every module but pelican_glue) is plain Python that knows nothing of
Pelican; `register()` wires the Pelican reader and signals in when Pelican loads the plugin."""

# Checked at start by the contract plugin: plugins enabled with this one, and those that must come
# before it in PLUGINS.
# Needs: the tag vocabulary and its settings; the site's tags are made from what ingestion finds.
REQUIRES = ("tagging",)
AFTER = ()


def register() -> None:
    from .pelican_glue import register as register_with_pelican

    register_with_pelican()
