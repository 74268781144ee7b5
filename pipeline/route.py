"""Route tasks to configured offices.

Order: owners named in the document (责任单位/牵头单位/配合单位, "（…负责）", "由…牵头"),
mapped by office name or alias; then configured offices written as the task's subject
("区住建局、区城管局要……完成" — basis ``subject``); then the first routing rule in config order whose
keywords or pattern match the task text or its section; then the fallback office.
No task leaves this stage without an office. Pure: config in, tasks out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from pipeline.config import Config, RoutingRule
from pipeline.models import Task

_STRIP = re.compile(r"[\s（）()【】\[\]“”\"'·]")
# Prefixes a document may put before an office name: 区/市 level, "各", "（区）".
_PREFIXES = ("郑州市", "管城回族区", "管城区", "区", "市", "县")


class _RuleIndex:
    """Finds the first rule, in config order, that matches a task: one regex pass per field.

    Each rule's keywords and pattern become one named alternative inside a lookahead, so
    at every position the lowest-numbered rule matching there wins; the minimum over all
    positions is the first rule in config order that matches anywhere.
    """

    def __init__(self, rules: Sequence[RoutingRule]) -> None:
        self.rules = tuple(rules)
        self._by_field = {f: self._combine(f) for f in ("text", "section")}
        self._section_cache: dict[str, int | None] = {}

    def _combine(self, field: str) -> re.Pattern[str] | None:
        alts = []
        for i, rule in enumerate(self.rules):
            if field not in rule.match_in:
                continue
            parts = [re.escape(k) for k in sorted(rule.keywords, key=len, reverse=True)]
            if rule.pattern:
                parts.append(f"(?:{rule.pattern})")
            alts.append(f"(?P<r{i}>{'|'.join(parts)})")
        return re.compile(f"(?=(?:{'|'.join(alts)}))") if alts else None

    def _first(self, field: str, value: str) -> int | None:
        pattern = self._by_field[field]
        if pattern is None or not value:
            return None
        best = None
        for m in pattern.finditer(value):
            i = int(m.lastgroup[1:]) if m.lastgroup else None
            if i is not None and (best is None or i < best):
                best = i
                if i == 0:
                    break
        return best

    def first(self, task: Task) -> RoutingRule | None:
        hits = [self._first("text", task.text)]
        if task.section not in self._section_cache:
            self._section_cache[task.section] = self._first("section", task.section)
        hits.append(self._section_cache[task.section])
        found = [h for h in hits if h is not None]
        return self.rules[min(found)] if found else None


def _norm(name: str) -> str:
    return _STRIP.sub("", name)


class Router:
    """Maps tasks to office ids with one config; build once, route many."""

    def __init__(self, config: Config) -> None:
        self.fallback = config.fallback_office
        self._names: dict[str, str] = {}
        for office in config.offices:
            for name in (office.name, *office.aliases, office.id):
                self._names.setdefault(_norm(name), office.id)
        self._rules = _RuleIndex(config.routing)
        known = sorted((n for n in self._names if len(n) >= 2), key=len, reverse=True)
        name = "|".join(map(re.escape, known))
        prefix = "|".join(map(re.escape, _PREFIXES))
        # One or more configured names at the very start of the task text, joined by 、/和.
        self._subject = (
            re.compile(rf"(?:由|请)?(?:{prefix})?(?P<name>{name})(?P<more>[、和与及])?")
            if known
            else None
        )

    def subject(self, text: str) -> tuple[str, ...]:
        """Configured offices written as the subject of the task text, in order."""
        if self._subject is None:
            return ()
        ids: list[str] = []
        pos = 0
        text = _STRIP.sub("", text)
        while m := self._subject.match(text, pos):
            oid = self._names[m.group("name")]
            if oid not in ids:
                ids.append(oid)
            if not m.group("more"):
                break
            pos = m.end()
        return tuple(ids)

    def office_for(self, name: str) -> str | None:
        """The office id a written owner name refers to, or None when unknown."""
        n = _norm(name)
        if n in self._names:
            return self._names[n]
        for prefix in _PREFIXES:
            if n.startswith(prefix) and n[len(prefix) :] in self._names:
                return self._names[n[len(prefix) :]]
        # "区住房和城乡建设局" written where config says "住房和城乡建设局", or the reverse.
        for known, oid in self._names.items():
            if len(known) >= 4 and (n.endswith(known) or known.endswith(n) and len(n) >= 4):
                return oid
        return None

    def route(self, task: Task) -> Task:
        lead, unknown_lead = self._map(task.named_lead)
        assist, unknown_assist = self._map(task.named_assist)
        unknown = unknown_lead + unknown_assist
        if lead:
            return with_offices(task, lead, assist, "explicit", unknown)
        if unknown_lead:  # named, but not configured: the supervision office holds it meanwhile
            return with_offices(task, (self.fallback,), assist, "fallback", unknown)
        subject = self.subject(task.text)
        if subject:
            return with_offices(task, subject, assist, "subject", unknown)
        rule = self._rules.first(task)
        if rule is not None:
            return with_offices(task, rule.lead, assist or rule.assist, "rule", unknown)
        return with_offices(task, (self.fallback,), assist, "fallback", unknown)

    def route_all(self, tasks: Iterable[Task]) -> list[Task]:
        return [self.route(t) for t in tasks]

    def _map(self, names: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        ids: list[str] = []
        unknown: list[str] = []
        for name in names:
            oid = self.office_for(name)
            if oid is None:
                unknown.append(name)
            elif oid not in ids:
                ids.append(oid)
        return tuple(ids), tuple(unknown)


def with_offices(
    task: Task,
    lead: tuple[str, ...],
    assist: tuple[str, ...],
    basis: str,
    unknown: tuple[str, ...] = (),
) -> Task:
    """The task with its routed offices (assisting offices never repeat a lead)."""
    return replace(
        task,
        lead=lead,
        assist=tuple(a for a in assist if a not in lead),
        owner_basis=basis,
        unknown_owners=unknown,
    )
