"""What the plugins promise each other: typed, checked settings (settings.py: one dataclass per
plugin, each setting with its default and meaning) and the plugins each one needs (REQUIRES and
AFTER in each plugin's __init__.py). Listed first in PLUGINS: the other plugins import it, and its
check runs when Pelican starts (pelican_glue.py). Pelican's own settings keep Pelican's defaults."""


def register() -> None:
    from pelican import signals

    from .pelican_glue import check_at_start

    signals.initialized.connect(check_at_start)
