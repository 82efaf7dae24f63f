"""The database snapshot: SQLite's online backup API, or PostgreSQL's pg_dump.

Both read one consistent state while the site keeps running. Restoring
targets the connection Django is configured with (the test database under
the test suite) and is all or nothing: SQLite copies the snapshot into the
live database through the backup API, under its write lock, so connections
of running workers see the old data or the new, never a torn file;
pg_restore drops and recreates everything in a single transaction. The
PostgreSQL password reaches the tools through PGPASSWORD, never their
command line.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing, contextmanager
from pathlib import Path

import django.db

from .errors import BackupError

NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
SNAPSHOTS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def name(vendor: str) -> str:
    return NAMES.get(vendor, vendor)


@contextmanager
def _answering(doing: str):
    """The database's own errors as a BackupError: down, locked, disk full."""
    try:
        yield
    except (sqlite3.Error, django.db.Error) as error:
        raise BackupError(f"The database could not be {doing}: {error}") from error


def snapshot(connection, folder: Path) -> Path:
    """A consistent snapshot of the database, written into `folder`."""
    _check(connection)
    path = folder / SNAPSHOTS[connection.vendor]
    if connection.vendor == "sqlite":
        with _answering("backed up"), closing(sqlite3.connect(path)) as target:
            connection.ensure_connection()
            connection.connection.backup(target)
            # A file of its own, readable anywhere without a -wal beside it.
            target.execute("PRAGMA journal_mode=DELETE")
    else:
        tool = _tool("pg_dump")
        with _answering("backed up"):
            server = connection.pg_version // 10000
        client = _major_version(tool)
        if client < server:
            raise BackupError(
                f"pg_dump {client} cannot dump a PostgreSQL {server} server: "
                f"install the client tools of PostgreSQL {server} or newer."
            )
        args, env = _pg_connection(connection)
        _run([tool, "--format=custom", f"--file={path}", *args], env)
    return path


def server_version(connection) -> str:
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version
    with _answering("reached"):
        version = connection.pg_version
    return f"{version // 10000}.{version % 10000}"


def restore(connection, path: Path) -> None:
    """Replace everything in the database with the snapshot at `path`."""
    _check(connection)
    if connection.vendor == "sqlite":
        uri = f"{path.as_uri()}?mode=ro"
        with _answering("restored"), closing(sqlite3.connect(uri, uri=True)) as db:
            verdict = db.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"The database snapshot is damaged: {verdict}")
            connection.ensure_connection()
            db.backup(connection.connection)
    else:
        tool = _tool("pg_restore")
        # No session of ours may hold a lock on a table about to be dropped.
        connection.close()
        args, env = _pg_connection(connection)
        options = ["--clean", "--if-exists", "--no-owner", "--no-privileges"]
        _run([tool, *options, "--single-transaction", *args, str(path)], env)


def _check(connection) -> None:
    if connection.vendor not in SNAPSHOTS:
        raise BackupError(
            f"Backups are made of SQLite and PostgreSQL databases, not "
            f"{connection.display_name}."
        )
    if connection.in_atomic_block:
        raise BackupError(
            "The database cannot be backed up or restored inside a transaction."
        )


def _pg_connection(connection) -> tuple[list[str], dict]:
    """pg_dump and pg_restore options and environment from Django's settings."""
    settings = connection.settings_dict
    if not settings.get("NAME"):
        raise BackupError("DATABASES must name the PostgreSQL database (NAME).")
    # Django's own psql client maps the password, service and TLS options
    # to libpq's environment variables.
    _, env = connection.client.settings_to_cmd_args_env(settings, [])
    args = [f"--dbname={settings['NAME']}"]
    for option, key in [("--username", "USER"), ("--host", "HOST"), ("--port", "PORT")]:
        if settings.get(key):
            args.append(f"{option}={settings[key]}")
    return args, env or {}


def _tool(command: str) -> str:
    path = shutil.which(command)
    if path is None:
        raise BackupError(
            f"{command} was not found: install the PostgreSQL client tools."
        )
    return path


def _major_version(tool: str) -> int:
    output = _run([tool, "--version"], {})
    match = re.search(r"(\d+)(?:\.\d+)*", output)
    if match is None:
        raise BackupError(f"{tool} did not say its version: {output!r}")
    return int(match.group(1))


def _run(command: list[str], env: dict) -> str:
    """Run a PostgreSQL tool; its output, or BackupError with what it said."""
    result = subprocess.run(
        command, env={**os.environ, **env}, capture_output=True, text=True
    )
    if result.returncode:
        said = result.stderr.strip()[-2000:] or f"exit status {result.returncode}"
        raise BackupError(f"{Path(command[0]).name} failed: {said}")
    return result.stdout
