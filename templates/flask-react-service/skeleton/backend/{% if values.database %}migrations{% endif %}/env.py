"""Alembic environment: online migrations only, with the URL from DATABASE_URL or PG* variables.

Every replica's init container runs `alembic upgrade head`; a PostgreSQL advisory lock makes
concurrent runs wait for each other instead of racing on the same DDL.
"""

import os
import sys

from alembic import context
from sqlalchemy import create_engine, text

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from app.config import database_url_from_env  # noqa: E402
from app.models import Base  # noqa: E402

MIGRATION_LOCK_ID = 7_241_001  # any constant shared by all replicas of this service

target_metadata = Base.metadata


def run_migrations_online() -> None:
    url = context.config.attributes.get("database_url") or database_url_from_env(os.environ)
    if not url:
        raise RuntimeError("DATABASE_URL or PGHOST must be set to run migrations")
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": MIGRATION_LOCK_ID})
        try:
            context.configure(connection=connection, target_metadata=target_metadata)
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": MIGRATION_LOCK_ID})
            connection.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run against a database.")
run_migrations_online()
