"""Operator sign-in: an argon2 password hash from config, or a token from the environment;
sessions in signed cookies (Starlette's SessionMiddleware, itsdangerous); CSRF tokens kept
in the session and required on every operator form."""

from __future__ import annotations

import hmac
import os
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from starlette.requests import Request

from pipeline.config import Config
from pipeline.errors import ConfigError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


class SignIn:
    """Checks what an operator types on the sign-in page."""

    def __init__(self, config: Config) -> None:
        web = config.web
        self.password_hash = web.password_hash
        self.token = os.environ.get(web.token_env) if web.token_env else None
        if not self.password_hash and not self.token:
            raise ConfigError(
                "web: nobody could sign in: set web.password_hash (`pipeline hash-password`) "
                "or web.token_env naming a variable that holds a sign-in token"
            )

    def check(self, secret: str) -> bool:
        if not secret:
            return False
        if self.token and hmac.compare_digest(secret.encode(), self.token.encode()):
            return True
        if self.password_hash:
            try:
                return _hasher.verify(self.password_hash, secret)
            except (VerificationError, InvalidHashError):
                return False
        return False


def session_secret(config: Config) -> str:
    env = config.web.secret_env
    value = os.environ.get(env) if env else None
    if not value:
        where = f"environment variable {env} is not set" if env else "is not configured"
        raise ConfigError(f"web.secret_env: {where} (the desk signs its session cookies with it)")
    if len(value) < 16:
        raise ConfigError(f"web.secret_env: the key in {env} is too short (16 characters at least)")
    return value


def signed_in(request: Request) -> bool:
    return request.session.get("user") == "operator"


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return str(token)


def csrf_ok(request: Request, submitted: str | None) -> bool:
    expected = request.session.get("csrf")
    return bool(expected and submitted) and hmac.compare_digest(str(expected), str(submitted))
