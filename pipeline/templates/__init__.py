"""The message and desk templates shipped with the package (Chinese by default).

``SHIPPED`` is their folder. A config's ``templates:`` names a folder whose files replace
these by name (anything it lacks comes from here); ``template_overrides`` replaces single
templates by file. See templates/README.md at the repository root.
"""

from __future__ import annotations

from pathlib import Path

SHIPPED = Path(__file__).resolve().parent
