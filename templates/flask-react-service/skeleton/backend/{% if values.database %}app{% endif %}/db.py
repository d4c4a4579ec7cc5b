"""SQLAlchemy engine and sessions. The schema belongs to Alembic (migrations/), never to
create_all(): the pod's init container runs `alembic upgrade head` before the app starts."""

from __future__ import annotations

import logging
from contextlib import contextmanager

from flask import Flask
from sqlalchemy import create_engine, select, text  # noqa: F401 (select is re-exported)
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("app.db")


def init_app(app: Flask, settings) -> None:
    if not settings.database_url:
        raise RuntimeError("DATABASE_URL or PGHOST must be set")
    engine = create_engine(
        settings.database_url,
        future=True,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        connect_args={"connect_timeout": 3},
    )
    app.extensions["db_engine"] = engine
    app.extensions["db_sessions"] = sessionmaker(bind=engine, future=True, expire_on_commit=False)


@contextmanager
def session(app: Flask):
    factory = app.extensions["db_sessions"]
    with factory() as s:  # type: Session
        yield s


def ping(app: Flask) -> str | None:
    """None when the database answers, else a short reason (never the URL: it holds secrets)."""
    try:
        with app.extensions["db_engine"].connect() as connection:
            connection.execute(text("SELECT 1"))
        return None
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        log.warning("database ping failed", extra={"error": type(error).__name__})
        return type(error).__name__
