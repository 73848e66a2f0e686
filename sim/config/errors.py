"""Errors in what a user gave the model (configs, scenarios, overrides)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ConfigError(ValueError):
    """A config value, scenario file or override that the model cannot accept. The
    message names the key, the value given and what is allowed."""


def nearest(name: str, known: Iterable[str], n: int = 3) -> str:
    """' Did you mean: a, b?' for the known names closest to `name`, or ''."""
    close = difflib.get_close_matches(name, list(known), n=n, cutoff=0.6)
    return f" Did you mean: {', '.join(close)}?" if close else ""
