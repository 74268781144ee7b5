"""Exception tree.

PipelineError
├── ConfigError        invalid or missing configuration (names the key path)
├── IngestError        a document cannot be read, decoded or understood (names the file)
├── TemplateError      a template is missing or fails to render
├── LedgerError        the database cannot be opened or written
└── DeliveryError      a send failed
    ├── TransientDeliveryError   worth retrying later (timeout, 5xx, 429, SMTP 4xx)
    └── PermanentDeliveryError   retrying will not help (4xx, SMTP 5xx, bad address)
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


class DeliveryError(PipelineError):
    """A message could not be delivered."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TransientDeliveryError(DeliveryError):
    """Delivery failed for a reason that may pass: retry later."""


class PermanentDeliveryError(DeliveryError):
    """Delivery failed for a reason retrying will not fix."""
