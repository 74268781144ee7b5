"""The renderer: notices into messages, email digests and webhook payloads, from Jinja2 templates.

Every template is rendered in a ``SandboxedEnvironment`` with ``StrictUndefined``; only
``.html`` templates are autoescaped. Webhook payload templates produce JSON, which is parsed
and validated here, so a new robot format needs a template, not code. Failures of any kind
inside a template become ``TemplateError`` naming the template and, when known, the line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from pipeline.config import Office
from pipeline.errors import TemplateError
from pipeline.labels import send_label
from pipeline.models import Message, Notice
from pipeline.render.cache import bytecode_cache
from pipeline.render.filters import FILTERS, clip, cn_date, days_phrase, single_line

EMAIL_SUBJECT = "email_subject.txt.j2"
EMAIL_TEXT = "email_body.txt.j2"
EMAIL_HTML = "email_body.html.j2"
WEBHOOK_KINDS = ("generic", "dingtalk", "wecom", "feishu")


def webhook_template(kind: str) -> str:
    """Template name of a webhook kind's payload."""
    return f"webhook_{kind}.json.j2"


TEMPLATE_NAMES = (EMAIL_SUBJECT, EMAIL_TEXT, EMAIL_HTML) + tuple(
    webhook_template(k) for k in WEBHOOK_KINDS
)

# UTF-8 byte limits per robot: (path of the limited string in the payload, () = whole body).
# WeCom documents 4096 bytes for markdown.content; the DingTalk and Feishu numbers are
# conservative caps (their documents give no exact figure for these fields).
PAYLOAD_LIMITS: dict[str, tuple[tuple[str, ...], int]] = {
    "wecom": (("markdown", "content"), 4096),
    "dingtalk": (("markdown", "text"), 20000),
    "feishu": ((), 20000),
}
OMITTED_NOTE = "…其余{n}项见邮件/系统"
SUBJECT_MAX = 150

# --- keys ----------------------------------------------------------------------------------


def message_key(reminder_ids: Sequence[str]) -> str:
    """The reminder id for one reminder; for a digest a stable hash of the sorted ids."""
    ids = sorted(set(reminder_ids))
    if len(ids) == 1:
        return ids[0]
    digest = hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()
    return f"digest-{digest[:32]}"


# --- renderer ------------------------------------------------------------------------------


def _autoescape(name: str | None) -> bool:
    return bool(name) and str(name).endswith((".html.j2", ".html", ".htm"))


def _template_line(exc: BaseException) -> tuple[str, int] | None:
    """(file, line) of the innermost template frame in a traceback rewritten by Jinja."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


class Renderer:
    """Renders notices for one office into a ``Message`` through the named templates."""

    def __init__(
        self,
        template_dir: Path,
        overrides: Mapping[str, Path] = {},
        *,
        tz: ZoneInfo,
        shipped: Path | None = None,
    ) -> None:
        """``template_dir`` first, then ``shipped`` (the package's templates) for any name
        the folder lacks; ``overrides`` (one file per name) before both."""
        self.template_dir = Path(template_dir)
        self.shipped = Path(shipped) if shipped is not None else None
        if self.shipped is not None and not self.template_dir.is_dir():
            raise TemplateError(f"templates: folder {self.template_dir} does not exist")
        self.overrides = {name: Path(p) for name, p in overrides.items()}
        self.tz = tz
        for name, path in self.overrides.items():
            known = name in TEMPLATE_NAMES or re.fullmatch(r"webhook_\w+\.json\.j2", name)
            if not known and not self._shipped_file(name):
                raise TemplateError(
                    f"template override {name!r}: unknown template name; "
                    f"expected one of {', '.join(TEMPLATE_NAMES)}"
                )
            if not path.is_file():
                raise TemplateError(f"template override {name}: file {path} not found")
        operator = jinja2.FunctionLoader(self._load_override)
        folders = [str(self.template_dir)]
        if self.shipped is not None and self.shipped != self.template_dir:
            folders.append(str(self.shipped))
        self.env = SandboxedEnvironment(
            loader=jinja2.ChoiceLoader([operator, jinja2.FileSystemLoader(folders)]),
            undefined=jinja2.StrictUndefined,
            autoescape=_autoescape,
            # Not on every render (a stat of each file per message was 40 % of a robot
            # pass): `refresh` at the start of each pass picks up edited templates.
            auto_reload=False,
            bytecode_cache=bytecode_cache(Path(__file__)),  # this file sets the options
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(FILTERS)

    def refresh(self) -> None:
        """Forget compiled templates, so files edited since are read again when next used."""
        if self.env.cache is not None:
            self.env.cache.clear()

    def _shipped_file(self, name: str) -> bool:
        return any((d / name).is_file() for d in (self.template_dir, self.shipped) if d)

    def _load_override(self, name: str) -> tuple[str, str, Callable[[], bool]] | None:
        path = self.overrides.get(name)
        if path is None:
            return None
        try:
            source, mtime = path.read_text(encoding="utf-8"), path.stat().st_mtime
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"template {name}: cannot read override {path}: {exc}") from exc
        return source, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime

    def check(self, names: Sequence[str] = TEMPLATE_NAMES) -> None:
        """Load and compile templates. Raises TemplateError for a missing one or a syntax error."""
        for name in names:
            self._template(name)

    def _template(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"template {name}: {exc.name or name!r} not found in {self.template_dir}"
            ) from exc
        except jinja2.TemplateSyntaxError as exc:
            where = exc.filename or exc.name or name
            raise TemplateError(
                f"template {name} ({where}) line {exc.lineno}: syntax error: {exc.message}"
            ) from exc

    def _render(self, name: str, ctx: Mapping[str, Any]) -> str:
        template = self._template(name)
        try:
            return template.render(ctx)
        except TemplateError:
            raise
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template {name}: included {exc.name!r} not found") from exc
        except Exception as exc:  # undefined names, sandbox violations, filter errors
            frame = _template_line(exc)
            where = f" ({frame[0]}) line {frame[1]}" if frame else ""
            kind = "security violation" if isinstance(exc, SecurityError) else "error"
            raise TemplateError(f"template {name}{where}: {kind}: {exc}") from exc

    def _json(self, name: str, ctx: Mapping[str, Any]) -> dict[str, Any]:
        raw = self._render(name, ctx)
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise TemplateError(
                f"template {name}: output is not valid JSON "
                f"(output line {exc.lineno} column {exc.colno}: {exc.msg})"
            ) from exc
        if not isinstance(value, dict):
            raise TemplateError(f"template {name}: output must be a JSON object")
        return value

    # --- context ---------------------------------------------------------------------------

    def _item(self, n: Notice, today: dt.date) -> dict[str, Any]:
        r, t = n.reminder, n.task
        left = (r.due - today).days
        return {
            "reminder_id": r.id,
            "task_id": t.id,
            "text": t.text,
            "sentence": t.sentence or t.text,
            "section": t.section,
            "document": n.document_title.strip().strip("《》"),
            "document_key": t.document,
            "line": t.line,
            "expr": t.expr or "",
            "due": r.due.isoformat(),
            "due_cn": cn_date(r.due),
            "days_left": left,
            "days_phrase": days_phrase(left),
            "overdue": left < 0 or r.kind.startswith("overdue"),
            "due_today": left == 0,
            "kind": r.kind,
            "kind_phrase": send_label(r.kind, left),  # true when sent (pipeline.labels)
            "strength": t.strength,
            "office": n.office_name,
            "cc_names": list(n.cc_names),
            "ack_hint": n.ack_hint,
            "links": [{"label": label, "url": url} for label, url in n.links],
            "supervisor": n.supervisor,
            "late_since_cn": cn_date(r.due + dt.timedelta(days=1)),
            "contacts": list(n.contacts),
            "channel": r.channel,
            "flags": list(t.flags),
        }

    def context(
        self, office: Office, notices: Sequence[Notice], now: dt.datetime, **extra: Any
    ) -> dict[str, Any]:
        """Variables every template sees (documented in templates/README.md)."""
        if not notices:
            raise ValueError("nothing to render: no notices")
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        local = now.astimezone(self.tz)
        today = local.date()
        items = sorted(
            (self._item(n, today) for n in notices),
            key=lambda i: (i["days_left"], i["due"], i["text"], i["reminder_id"]),
        )
        cc_names: list[str] = []
        for i in items:
            cc_names += [c for c in i["cc_names"] if c not in cc_names]
        overdue = sum(1 for i in items if i["overdue"])
        ctx: dict[str, Any] = {
            "office": {"id": office.id, "name": office.name},
            "items": items,
            "count": len(items),
            "shown": len(items),
            "omitted": 0,
            "overdue_count": overdue,
            "due_today_count": sum(1 for i in items if i["due_today"]),
            "escalate": overdue > 0,
            "supervisor": all(i["supervisor"] for i in items),
            "cc_names": cc_names,
            "now": local,
            "now_iso": local.isoformat(timespec="seconds"),
            "today": today,
            "today_cn": cn_date(today),
            "key": message_key([n.reminder.id for n in notices]),
            "title": "",
        }
        ctx.update(extra)
        return ctx

    def _title(self, ctx: dict[str, Any]) -> str:
        title = single_line(self._render(EMAIL_SUBJECT, ctx))
        title = clip(title, SUBJECT_MAX)
        ctx["title"] = title
        return title

    # --- public ----------------------------------------------------------------------------

    def render_email(
        self,
        office: Office,
        notices: Sequence[Notice],
        now: dt.datetime,
        *,
        to: Sequence[str],
        cc: Sequence[str] = (),
    ) -> Message:
        """One digest email for one office. Raises TemplateError, ValueError (no notices)."""
        to_t = tuple(a for a in (single_line(x) for x in to) if a)
        cc_t = tuple(a for a in (single_line(x) for x in cc) if a and a not in to_t)
        ctx = self.context(office, notices, now, channel="email", to=list(to_t), cc=list(cc_t))
        subject = self._title(ctx)
        return Message(
            key=ctx["key"],
            office=office.id,
            channel="email",
            subject=subject,
            text=self._render(EMAIL_TEXT, ctx),
            html=self._render(EMAIL_HTML, ctx),
            to=to_t,
            cc=cc_t,
            reminder_ids=tuple(sorted({n.reminder.id for n in notices})),
            created=now,
        )

    def render_webhook(
        self,
        kind: str,
        office: Office,
        notices: Sequence[Notice],
        now: dt.datetime,
        *,
        channel: str,
    ) -> Message:
        """One robot message for one office; ``payload`` is the parsed JSON of the kind's
        template (the message's ``text`` is its title: a robot is sent the payload only).

        Raises TemplateError (also for output that is not a JSON object), ValueError.
        """
        ctx = self.context(office, notices, now, channel=channel, kind=kind)
        title = self._title(ctx)
        payload, shown = self._payload(kind, ctx)
        # A robot message that had to leave items out carries only the shown ones, keyed by
        # them; the caller sends the rest in further messages. When not even one item fits,
        # a single notice is cut to size, and several carry none (the caller splits them).
        if shown:
            ids = [i["reminder_id"] for i in ctx["items"][:shown]]
        else:
            ids = [n.reminder.id for n in notices] if len(notices) == 1 else []
        return Message(
            key=message_key(ids) if ids else ctx["key"],
            office=office.id,
            channel=channel,
            subject=title,
            text=title,
            payload=payload,
            reminder_ids=tuple(sorted(set(ids))),
        )

    def _payload(self, kind: str, ctx: dict[str, Any]) -> tuple[dict[str, Any], int]:
        """The payload and how many items it shows (0: none fit, the note stands for all)."""
        name = webhook_template(kind)
        payload = self._json(name, ctx)
        limit = PAYLOAD_LIMITS.get(kind)
        if limit is None or _size(payload, limit[0]) <= limit[1]:
            return payload, len(ctx["items"])
        path, max_bytes = limit
        items = ctx["items"]

        def attempt(k: int) -> dict[str, Any]:
            return self._json(
                name, {**ctx, "items": items[:k], "shown": k, "omitted": len(items) - k}
            )

        # Binary search for the most items that fit; every accepted payload was measured.
        best: dict[str, Any] | None = None
        best_k = 0
        lo, hi = 0, len(items) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            candidate = attempt(mid)
            if _size(candidate, path) <= max_bytes:
                best, best_k, lo = candidate, mid, mid + 1
            else:
                hi = mid - 1
        if best is not None:
            return best, best_k
        # Even without items the template is too big: cut the limited string itself.
        bare = attempt(0)
        value = _get(bare, path) if path else None
        if not isinstance(value, str):
            raise TemplateError(f"template {name}: payload exceeds {max_bytes} bytes")
        note = "\n" + OMITTED_NOTE.format(n=len(items))
        room = max_bytes - len(note.encode("utf-8"))
        cut = value.encode("utf-8")[: max(room, 0)].decode("utf-8", errors="ignore")
        _set(bare, path, cut + note)
        return bare, 0


def _get(payload: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = payload
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _set(payload: dict[str, Any], path: tuple[str, ...], value: str) -> None:
    node = payload
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _size(payload: dict[str, Any], path: tuple[str, ...]) -> int:
    """UTF-8 bytes of the limited string, or of the whole JSON body when it is not there."""
    value = _get(payload, path) if path else None
    if not isinstance(value, str):
        value = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return len(value.encode("utf-8"))
