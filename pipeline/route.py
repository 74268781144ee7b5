"""Route tasks to configured offices.

Order: owners named in the document (责任单位/牵头单位/配合单位, "（…负责）", "由…牵头"),
mapped by office name or alias, or by a short form naming one office alone (区发改局); then
configured offices written as the task's subject ("区住建局、区城管局要……完成" — basis
``subject``); then the first routing rule in config order whose
keywords or pattern match the task text or its section; then the fallback office. A task
left to a rule or the fallback where the document's own office speaks as the subject (我局,
本委 … opening a clause of its paragraph) goes to the document's issuer (basis ``issuer``).
No task leaves this stage without an office. Pure: config in, tasks out.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import replace

from pipeline.config import Config, RoutingRule
from pipeline.models import Task
from pipeline.textnorm import normalise

_STRIP = re.compile(r"[\s（）()【】\[\]“”\"'·]")
# Prefixes a document may put before an office name: 区/市 level, "各", "（区）".
_PREFIXES = ("郑州市", "管城回族区", "管城区", "区", "市", "县")
# What kind of body a name ends in; a short form keeps the kind, or swaps 局 and 委 (a district
# may call its 发展和改革委员会 "发改局"). Longest first.
_KINDS = (
    ("委员会", "bureau"), ("管理局", "bureau"), ("分局", "bureau"), ("局", "bureau"),
    ("委", "bureau"), ("办公室", "office"), ("办", "office"), ("中心", "centre"),
    ("指挥部", "command"), ("管委会", "zone"),
)  # fmt: skip


def _kinds(name: str) -> list[tuple[str, str]]:
    """Each (stem, kind) the name splits into: "城市管理局" → ("城市", "bureau") and
    ("城市管理", "bureau")."""
    return [
        (name[: -len(suffix)], kind)
        for suffix, kind in _KINDS
        if name.endswith(suffix) and len(name) > len(suffix)
    ]


def _unprefixed(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix) :]
    return name


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is a short form of ``full``: it starts with the same character and
    its characters come in ``full`` in order (住建 of 住房和城乡建设, 人社 of 人力资源和社会保障)."""
    if not short or short[0] != full[0]:
        return False
    pos = 0
    for ch in short:
        pos = full.find(ch, pos) + 1
        if pos == 0:
            return False
    return True


# An office written as the task's subject, by a short form ("区应急局牵头…"), or one config
# lacks ("区财政局要在…前拨付…"): listed as an unknown owner, so the operator sees whom to
# configure; the task is routed on.
_OFFICE_SUBJECT = re.compile(
    r"(?:由|请)?(?P<name>[区市县][\u4e00-\u9fff]{1,10}?(?:局|委|办|中心|指挥部|管委会|公司))"
    r"(?=[、和与及]|要|负责|牵头|于|在|将|应|须|必须|务必|会同|联合|按照|[，,])"
)

# ... and any bodies written as the subject, configured or not ("请共青团广西区委、各设区市科协
# 于4月14日前…", "各供热单位9月底前…"): those not configured are listed for the operator
_BODY_CHAIN = (
    r"(?:[\u4e00-\u9fff]{1,16}?(?:局|委|办|中心|政府|街道|镇|乡|公司|部门|单位|管委会|指挥部|办事处"
    r"|科协|团委|协会|学会|集团|医院|学校)[、和与及]?){1,6}"
)
_NAMED_SUBJECT = re.compile(
    rf"(?:由|请)?(?P<names>{_BODY_CHAIN})"
    r"(?=要|负责|牵头|于|在|将|应|须|必须|务必|会同|联合|按照|的|[，,]|[0-9一二三四五六七八九十本今明]"
    r"[^，,。；;]{0,6}?[前内底末])"
)
# names not configured are listed only after 请/由, or opening with 各, a level (省, 市, 区, 县,
# 市直 …) or 共青团 (not "我国将共有高等学校", "今年政府")
_ADDRESSED = re.compile(r"由|请|各|[省市区县镇乡]|共青团")
# The document's own office as a clause's subject: "…的问题，我局高度重视，…" (not "报送我局")
SELF_SUBJECT = re.compile(
    r"(?:^|[，,；;。：:])[ \t]*(?:同时|此外|下一步|目前|近日|近期)?[，,]?[ \t]*"
    r"(?:我|本)(?:局|委|办|厅|中心)(?![的之])"
)
# 、 joins names; 和/与/及 only after a body's last character (not 人力资源和社会保障局)
_JOINS = re.compile(r"、|(?<=[局委办心府道镇乡司门位协会团院校])[和与及]")
# collective addressees that name no body an operator could map ("各单位", "全区各有关部门")
_GENERIC = re.compile(
    r"(?:全[区市县镇])?(?:各级)?(?:各地)?各?(?:有关|相关)?(?:单位|部门|镇|乡|街道|人民政府|政府)"
)


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

    def first(self, text: str, section: str) -> RoutingRule | None:
        hits = [self._first("text", text)]
        if section not in self._section_cache:
            self._section_cache[section] = self._first("section", section)
        hits.append(self._section_cache[section])
        found = [h for h in hits if h is not None]
        return self.rules[min(found)] if found else None


def _norm(name: str) -> str:
    return _STRIP.sub("", normalise(name))


class Router:
    """Maps tasks to office ids with one config; build once, route many."""

    def __init__(self, config: Config) -> None:
        self.fallback = config.fallback_office
        self._names: dict[str, str] = {}
        for office in config.offices:
            for name in (office.name, *office.aliases, office.id):
                self._names.setdefault(_norm(name), office.id)
        self._rules = _RuleIndex(config.routing)
        self._short_cache: dict[str, str | None] = {}
        self._stems = [
            (stem, kind, oid)
            for n, oid in self._names.items()
            for stem, kind in _kinds(_unprefixed(n))
        ]
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
        return self._short_form(n)

    def _exact(self, name: str) -> str | None:
        """The office a configured name is, written with or without a level prefix."""
        n = _norm(name)
        return next((self._names[p + n] for p in ("", *_PREFIXES) if p + n in self._names), None)

    def _short_form(self, name: str) -> str | None:
        """The one office whose name ``name`` abbreviates ("区发改局" for 区发展和改革委员会,
        "区自规局" for 区自然资源和规划局), with the same kind of body; None when none or
        several do."""
        if name in self._short_cache:
            return self._short_cache[name]
        found = {
            oid
            for stem, kind in _kinds(_unprefixed(name))
            if len(stem) >= 2
            for full, full_kind, oid in self._stems
            if full_kind == kind and _abbreviates(stem, full)
        }
        oid = found.pop() if len(found) == 1 else None
        self._short_cache[name] = oid
        return oid

    def route(self, task: Task) -> Task:
        """The task with its offices; traditional text reads as simplified (縣住建局將…)."""
        return self._route(task, normalise(task.text), normalise(task.section))

    def _route(self, task: Task, text: str, section: str) -> Task:
        lead, unknown_lead = self._map(task.named_lead)
        assist, unknown_assist = self._map(task.named_assist)
        unknown = unknown_lead + unknown_assist
        if lead:
            return with_offices(task, lead, assist, "explicit", unknown)
        if unknown_lead:  # named, but not configured: the supervision office holds it meanwhile
            return with_offices(task, (self.fallback,), assist, "fallback", unknown)
        subject = self.subject(text)
        if subject:
            return with_offices(task, subject, assist, "subject", unknown)
        if m := _OFFICE_SUBJECT.match(_STRIP.sub("", text)):  # 区应急局牵头…, 区财政局要…
            if oid := self.office_for(m["name"]):
                return with_offices(task, (oid,), assist, "subject", unknown)
            unknown = (*unknown, m["name"])  # not configured: listed for the operator
        elif m := _NAMED_SUBJECT.match(_STRIP.sub("", text)):
            names = [n for n in _JOINS.split(m["names"]) if n and not _GENERIC.fullmatch(n)]
            # not addressed, a name must be one configured, with or without its level: in
            # "完成与区住建局的数据对接" the office is a partner, not the subject
            find = self.office_for if (addressed := _ADDRESSED.match(m.group())) else self._exact
            if ids := tuple(dict.fromkeys(o for n in names if (o := find(n)))):
                return with_offices(task, ids, assist, "subject", unknown)
            if addressed:
                unknown = (*unknown, *names)
        rule = self._rules.first(text, section)
        if rule is not None:
            return with_offices(task, rule.lead, assist or rule.assist, "rule", unknown)
        return with_offices(task, (self.fallback,), assist, "fallback", unknown)

    def route_all(
        self, tasks: Iterable[Task], issuer: str | None = None, voiced: Container[int] = ()
    ) -> list[Task]:
        """Each task routed; one with no owner of its own in a sentence whose task before it
        has its subject's office ("区城管局牵头，…3月底前完成整治，每周五报送进展") is that
        office's too, not a keyword rule's or the fallback's; one in a paragraph (its line in
        ``voiced``) or sentence whose subject is the document's own office ("我局高度重视，…。
        每月25日前将…汇总") is the ``issuer``'s."""
        out: list[Task] = []
        for task in tasks:
            routed = self._issuers(self.route(task), issuer, voiced)
            prev = out[-1] if out else None
            if (
                prev is not None
                and routed.owner_basis in ("rule", "fallback")
                and not routed.unknown_owners
                and prev.owner_basis == "subject"
                and (prev.document, prev.line, prev.sentence)
                == (task.document, task.line, task.sentence)
            ):
                routed = with_offices(routed, prev.lead, routed.assist or prev.assist, "subject")
            out.append(routed)
        return out

    def _issuers(self, task: Task, issuer: str | None, voiced: Container[int]) -> Task:
        """A task with no owner of its own where the issuer speaks as the subject (我局, 本委 …
        opening a clause; not "报送我局", where it receives) is the issuer's; not one
        addressed to others (各单位…, 请…)."""
        if issuer is None or task.owner_basis not in ("rule", "fallback") or task.unknown_owners:
            return task
        if _ADDRESSED.match(_STRIP.sub("", normalise(task.text))):  # 請各單位… too
            return task
        if task.line not in voiced and not SELF_SUBJECT.search(task.sentence or task.text):
            return task
        if oid := self.office_for(issuer):
            return with_offices(task, (oid,), task.assist, "issuer")
        return with_offices(task, (self.fallback,), task.assist, "fallback", (issuer,))

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
