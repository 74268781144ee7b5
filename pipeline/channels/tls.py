"""One classification for a rejected TLS certificate, on SMTP and on webhooks: a permanent
failure (retrying cannot fix it) with the same clear message."""

from __future__ import annotations

import ssl


def cert_error(exc: BaseException | None) -> ssl.SSLCertVerificationError | None:
    """The certificate verification error behind ``exc`` (itself, its cause or context)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, ssl.SSLCertVerificationError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def cert_message(where: str, err: ssl.SSLCertVerificationError) -> str:
    reason = err.verify_message or err.reason or str(err)
    return (
        f"TLS certificate of {where} rejected: {reason} (fix the server's certificate, "
        f"or set verify_tls: false for this channel if you trust the network)"
    )
