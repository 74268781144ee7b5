"""One document's tasks, pure: extraction with the configured calendar and seasons, then
routing to offices. Used by the service on every changed document and by ``pipeline parse``.

The extractor (its compiled grammar is about a tenth of a second of start-up) is imported on
first use: a tick that finds no changed document never loads it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pipeline.config import Config
from pipeline.models import Document, Task
from pipeline.route import SELF_SUBJECT, Router
from pipeline.workcal import WorkCalendar

if TYPE_CHECKING:
    from pipeline.extract import Extraction


def build_calendar(config: Config) -> WorkCalendar:
    return WorkCalendar(config.calendar.extra_holidays, config.calendar.extra_workdays)


def document_tasks(
    doc: Document,
    config: Config,
    as_of: dt.date,
    cal: WorkCalendar | None = None,
    router: Router | None = None,
) -> list[Task]:
    """Extract and route the dated tasks of one document (pure)."""
    return document_extraction(doc, config, as_of, cal, router).tasks


def document_extraction(
    doc: Document,
    config: Config,
    as_of: dt.date,
    cal: WorkCalendar | None = None,
    router: Router | None = None,
    *,
    undated: bool = False,
) -> Extraction:
    """A document's routed tasks (with undated actions when asked) and past dates (pure)."""
    from pipeline.extract import Resolver, analyse

    resolver = Resolver(calendar=cal or build_calendar(config), seasons=config.seasons)
    found = analyse(doc, as_of, resolver, undated=undated)
    voiced = {b.line for b in doc.blocks if SELF_SUBJECT.search(b.text)} if doc.issuer else set()
    found.tasks = (router or Router(config)).route_all(found.tasks, doc.issuer, voiced)
    return found
