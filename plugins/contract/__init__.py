"""What the plugins promise each other: typed, checked settings (settings.py: one dataclass per
plugin, each setting with its default and meaning) and the plugins each one needs (REQUIRES and
AFTER in each plugin's __init__.py). Listed first in PLUGINS: the other plugins import it, and its
check runs when Pelican starts (pelican_glue.py). Pelican's own settings keep Pelican's defaults."""


def register() -> None:
    import sys

    from pelican import signals

    from .settings import PLUGINS_ROOT

    # Pelican makes only the plugins in PLUGINS importable by name. The check reads every plugin's
    # settings, and a plugin enabled without one it imports must register, so the check can say
    # what is missing (Pelican would drop it from PLUGINS with a traceback and build on).
    if str(PLUGINS_ROOT) not in sys.path:
        sys.path.append(str(PLUGINS_ROOT))

    from .pelican_glue import check_at_start

    signals.initialized.connect(check_at_start)
