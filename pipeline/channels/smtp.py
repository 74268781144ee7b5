"""Email over SMTP: one lazily opened connection, reused until ``close()``.

Classification:
  connection refused / timeout / other OSError, server disconnect   → retry
  reply 4xx (greeting, MAIL, DATA, AUTH 454)                        → retry
  reply 5xx (including AUTH 535)                                    → failed
  every recipient refused: any 4xx → retry, all 5xx → failed
  some recipients refused                                           → sent (refused ones in detail)
  no complete answer within smtp.timeout (a total deadline per send,
  not only per read: a server trickling its replies cannot hold the pass) → retry
  STARTTLS unsupported, certificate rejected, no host, username without
  password, message that cannot be built, no recipients             → failed
"""

from __future__ import annotations

import functools
import smtplib
import socket
import ssl
from collections.abc import Sequence

from pipeline.channels import tls
from pipeline.channels.base import failed, retry, sent
from pipeline.channels.deadline import Deadline
from pipeline.channels.mime import email_bytes, recipients, sender_address
from pipeline.config import Smtp
from pipeline.models import Message, Outcome


class _Client(smtplib.SMTP):
    """smtplib's client, given the bare envelope addresses this channel has parsed once:
    MAIL and RCPT do not parse each address again per message (``smtplib.quoteaddr``)."""

    def mail(self, sender: str, options: Sequence[str] = ()) -> tuple[int, bytes]:
        if any(o.lower() == "smtputf8" for o in options):
            return super().mail(sender, options)
        self.putcmd("mail", f"from:<{sender}>{_options(self, options)}")
        return self.getreply()

    def rcpt(self, recip: str, options: Sequence[str] = ()) -> tuple[int, bytes]:
        self.putcmd("rcpt", f"to:<{recip}>{_options(self, options)}")
        return self.getreply()


class _ClientSSL(_Client, smtplib.SMTP_SSL):
    pass


def _options(conn: smtplib.SMTP, options: Sequence[str]) -> str:
    return " " + " ".join(options) if options and conn.does_esmtp else ""


class SmtpChannel:
    """Sends emails through ``cfg.host``; one connection per instance (i.e. per tick)."""

    def __init__(self, cfg: Smtp, password: str | None, *, name: str = "email") -> None:
        self.cfg = cfg
        self.name = name
        self._password = password
        self._conn: smtplib.SMTP | None = None
        self._deadline = Deadline()

    # --- connection --------------------------------------------------------------------

    def _tls_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context()
        if not self.cfg.verify_tls:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        return ctx

    def _connect(self) -> smtplib.SMTP:
        cfg = self.cfg
        conn: smtplib.SMTP
        if cfg.ssl:
            conn = _ClientSSL(
                timeout=cfg.timeout, context=self._tls_context(), local_hostname=_local_name()
            )
        else:
            conn = _Client(timeout=cfg.timeout, local_hostname=_local_name())
        # What the constructor records when given a host: TLS checks the certificate by it.
        conn._host = cfg.host  # type: ignore[attr-defined]
        self._conn = conn  # from here the deadline can shut its socket
        try:
            code, reply = conn.connect(cfg.host, cfg.port)
            if code != 220:
                raise smtplib.SMTPConnectError(code, reply)
            conn.ehlo_or_helo_if_needed()
            if cfg.starttls:
                conn.starttls(context=self._tls_context())
                conn.ehlo()
            if cfg.username:
                conn.login(cfg.username, self._password or "")
        except BaseException:
            self._conn = None
            conn.close()
            raise
        return conn

    def _abort(self) -> None:
        """The deadline passed: shut the socket so the blocked read returns now."""
        sock = getattr(self._conn, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def close(self) -> None:
        """Say QUIT politely; never raises."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        self._conn = conn  # for the deadline's abort
        try:
            with self._deadline.guard(self.cfg.timeout, self._abort):
                conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()
        finally:
            self._conn = None

    # --- sending -----------------------------------------------------------------------

    def send(self, msg: Message) -> Outcome:
        if not self.cfg.host:
            return failed("smtp.host is empty (use the outbox channel instead)")
        if self.cfg.username and self._password is None:
            return failed("smtp.username is set but no password was given (smtp.password_env)")
        try:
            data = email_bytes(msg, self.cfg.from_)
        except (ValueError, TypeError) as exc:
            return failed(f"cannot build the message: {exc}")
        rcpts = recipients(msg)
        if not rcpts:
            return failed("no recipients")
        sender = sender_address(self.cfg.from_)
        for attempt in range(2):
            reused = self._conn is not None
            try:
                with self._deadline.guard(self.cfg.timeout, self._abort):
                    if self._conn is None:
                        self._conn = self._connect()
                    refused = self._conn.sendmail(sender, rcpts, data)
            except Exception as exc:  # noqa: BLE001 - a channel classifies, never raises
                if self._deadline.expired:
                    self._drop()  # the server may have the message: retry later, not now
                    where = f"{self.cfg.host}:{self.cfg.port}"
                    return retry(
                        f"timed out: no complete answer within {self.cfg.timeout:g}s from {where}"
                    )
                if not isinstance(exc, smtplib.SMTPServerDisconnected):
                    return self._classify(exc)
                self._drop()
                # smtplib reports a reply timeout as a disconnect too; the server may have
                # taken the message, so that is a retry later, never an immediate resend.
                timed_out = isinstance(exc.__context__, TimeoutError)
                if reused and attempt == 0 and not timed_out:
                    continue  # the kept connection went stale: reconnect once
                what = (
                    "no reply from the server (timed out)"
                    if timed_out
                    else "server closed the connection"
                )
                return retry(self._scrub(f"{what}: {exc}"))
            return self._accepted(msg, rcpts, refused)
        raise AssertionError("unreachable")

    def _accepted(self, msg: Message, rcpts: list[str], refused: dict) -> Outcome:
        if refused:
            listed = "; ".join(f"{a} ({_reply(c, m)})" for a, (c, m) in refused.items())
            if msg.to and all(a in refused for a in msg.to):
                # Only copies got through: the responsible office itself did not get it.
                codes = [refused[a][0] for a in msg.to]
                detail = self._scrub(f"every To address refused (copies delivered): {listed}")
                return retry(detail) if any(400 <= c < 500 for c in codes) else failed(detail)
            return sent(self._scrub(f"some recipients refused: {listed}"))
        return sent(f"{self.cfg.host}:{self.cfg.port} accepted {len(rcpts)} recipient(s)")

    def _classify(self, exc: Exception) -> Outcome:
        if isinstance(exc, smtplib.SMTPRecipientsRefused):
            # sendmail has reset the transaction; the connection stays usable.
            codes = [code for code, _ in exc.recipients.values()]
            listed = "; ".join(f"{a} ({_reply(c, m)})" for a, (c, m) in exc.recipients.items())
            detail = self._scrub(f"all recipients refused: {listed}")
            return retry(detail) if any(400 <= c < 500 for c in codes) else failed(detail)
        if isinstance(exc, (smtplib.SMTPSenderRefused, smtplib.SMTPDataError)):
            return self._by_code(exc.smtp_code, _reply(exc.smtp_code, exc.smtp_error))
        self._drop()
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            reply = _reply(exc.smtp_code, exc.smtp_error)
            if 500 <= exc.smtp_code < 600:
                return failed(self._scrub(f"authentication failed: {reply}"))
            # e.g. 454 4.7.0 temporary authentication failure
            return retry(self._scrub(f"authentication deferred: {reply}"))
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return failed(f"server does not support a required feature: {exc}")
        if isinstance(exc, smtplib.SMTPResponseException):
            return self._by_code(exc.smtp_code, _reply(exc.smtp_code, exc.smtp_error))
        if (cert := tls.cert_error(exc)) is not None:  # as on webhooks: permanent
            return failed(tls.cert_message(f"{self.cfg.host}:{self.cfg.port}", cert))
        where = f"{self.cfg.host}:{self.cfg.port}"
        if isinstance(exc, TimeoutError):
            return retry(f"timed out after {self.cfg.timeout:g}s talking to {where}")
        if isinstance(exc, ConnectionRefusedError):
            return retry(f"connection refused by {where}")
        if isinstance(exc, (OSError, smtplib.SMTPException)):
            return retry(self._scrub(f"{type(exc).__name__} talking to {where}: {exc}"))
        return retry(self._scrub(f"unexpected {type(exc).__name__}: {exc}"))

    def _by_code(self, code: int, reply: str) -> Outcome:
        detail = self._scrub(f"server replied {reply}")
        if 500 <= code < 600:
            return failed(detail)
        return retry(detail)  # 4xx, and the odd unparsable reply

    def _scrub(self, text: str) -> str:
        if self._password:
            text = text.replace(self._password, "***")
        return text


@functools.cache
def _local_name() -> str:
    """The name said in EHLO, looked up once per process (smtplib asks DNS on every
    connection otherwise)."""
    fqdn = socket.getfqdn()
    if "." in fqdn:
        return fqdn
    try:
        return f"[{socket.gethostbyname(socket.gethostname())}]"
    except OSError:
        return "[127.0.0.1]"


def _reply(code: int, message: bytes | str) -> str:
    if isinstance(message, bytes):
        message = message.decode("utf-8", errors="replace")
    return f"{code} {message}".strip()
