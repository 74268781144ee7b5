"""Exception tree.

PipelineError
├── ConfigError        invalid or missing configuration (names the key path)
├── IngestError        a document cannot be read, decoded or understood (names the file)
├── TemplateError      a template is missing or fails to render
└── LedgerError        the database cannot be opened or written

A failed send is not an exception: channels classify it into an ``Outcome`` (sent, retry,
failed) that the ledger records, so one office's failure never aborts a tick.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose."""


class ConfigError(PipelineError):
    """Configuration is invalid; the message names the key path."""


class IngestError(PipelineError):
    """A document cannot be ingested; the message names the file."""


class TemplateError(PipelineError):
    """A template is missing or fails to render."""


class LedgerError(PipelineError):
    """The ledger database cannot be used."""
