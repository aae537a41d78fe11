"""The pages of mkdocs.yml's nav, in reading order."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


class _ConfigLoader(yaml.SafeLoader):
    """safe_load, plus mkdocs' own tags (`!ENV`, `!!python/name`), read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *args: None)


def mkdocs_config():
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def nav_pages(entries=None):
    """Every page path of the nav (or of `entries`), depth first, in order."""
    if entries is None:
        entries = mkdocs_config()["nav"]
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from nav_pages(value)
        else:
            yield value
