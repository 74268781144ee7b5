"""The supervision desk's domain: signed links, answers and extensions, the board's lights,
the dry-run timeline and calendar feeds. Pure modules (board, simulate, ics, links) apart
from ``desk.Desk``, which does the ledger I/O for the web app and the CLI."""
