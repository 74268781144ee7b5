"""Safe YAML reading through libyaml when PyYAML has it (the config and document sidecars are
read on every tick; the C loader reads the shipped config about ten times faster than the
pure-Python one), else through the pure-Python safe loader. Text libyaml refuses is read
again by the pure-Python loader, whose error marks (line and column) the messages quote."""

from __future__ import annotations

from typing import Any

import yaml

LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available."""
    try:
        return yaml.load(text, Loader=LOADER)  # noqa: S506 - a safe loader, C or Python
    except (yaml.YAMLError, UnicodeError):  # libyaml cannot encode a lone surrogate
        if LOADER is yaml.SafeLoader:
            raise
    return yaml.safe_load(text)  # raises again, marked where the pure-Python loader stops
