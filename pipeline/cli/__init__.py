"""Command line: thin commands over the library; errors become one line and an exit code.

Exit codes: 0 done; 1 a runtime failure (database, unexpected error); 2 bad input
(usage, config, unreadable document, bad date). ``app`` holds the group and shared helpers,
``commands``/``ops``/``desk`` the commands, ``main`` the entry point.
"""

from pipeline.cli.app import cli
from pipeline.cli.main import main

__all__ = ["cli", "main"]
