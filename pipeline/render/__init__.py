"""Rendering: notices into email and robot messages from Jinja2 templates (``renderer``), and
the filters those templates use (``filters``)."""

from pipeline.render.filters import (
    FILTERS,
    clip,
    cn_date,
    days_phrase,
    kind_phrase,
    single_line,
    tojson,
)
from pipeline.render.renderer import (
    EMAIL_HTML,
    EMAIL_SUBJECT,
    EMAIL_TEXT,
    TEMPLATE_NAMES,
    WEBHOOK_KINDS,
    Renderer,
    message_key,
    webhook_template,
)

__all__ = [
    "EMAIL_HTML",
    "EMAIL_SUBJECT",
    "EMAIL_TEXT",
    "FILTERS",
    "TEMPLATE_NAMES",
    "WEBHOOK_KINDS",
    "Renderer",
    "clip",
    "cn_date",
    "days_phrase",
    "kind_phrase",
    "message_key",
    "single_line",
    "tojson",
    "webhook_template",
]
