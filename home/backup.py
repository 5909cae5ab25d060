"""Backups: the database and every folder of files in one archive, and the way back.

An archive (``gpe-backup-<UTC time>.tar.gz``) holds ``manifest.json``, the database (SQLite: a
consistent copy made with SQLite's online backup API; PostgreSQL: ``pg_dump -Fc``) and the
files under ``files/<name>/`` for each folder of ``home.hooks.backup_folders()`` (MEDIA_ROOT
and the apps' private folders). It holds personal data: store it encrypted.

Restoring replaces the configured database's content and those folders with the archive's.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from . import hooks

FORMAT = 1
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}


class BackupError(Exception):
    """Something the person running the command can act on (the message says what)."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    vendor: str
    database: str
    folders: list[str]

    @classmethod
    def read(cls, data: bytes) -> Manifest:
        values = json.loads(data)
        if values.get("format") != FORMAT:
            raise BackupError("This archive was not made by this version of the backup command.")
        return cls(values["created_at"], values["vendor"], values["database"], values["folders"])

    def dumps(self) -> bytes:
        return json.dumps({"format": FORMAT, **self.__dict__}, indent=2).encode()


def _connection(alias: str):
    connection = connections[alias]
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection


def _postgres_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client tools, in the server's "
            "version or newer (Debian: apt-get install postgresql-client)."
        )
    return path


def _postgres_env(settings_dict: dict) -> dict[str, str]:
    """libpq's variables: the password never appears in a process list."""
    env = dict(os.environ)
    names = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    for key, variable in names.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS") or {}
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if options.get(key):
            env[f"PG{key.upper()}"] = str(options[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    return env


def _run(arguments: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(arguments, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(arguments[0]).name} failed: {result.stderr.strip()[-2000:]}")


def dump_database(target: Path, *, alias: str = DEFAULT_DB_ALIAS) -> str:
    """Write a consistent copy of the database to ``target``; returns the vendor."""
    connection = _connection(alias)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            with connection.wrap_database_errors:
                connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        _run(
            [_postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
            + ["--file", str(target)],
            _postgres_env(connection.settings_dict),
        )
    return connection.vendor


def load_database(source: Path, vendor: str, *, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the database's content with the dump at ``source``."""
    connection = _connection(alias)
    if vendor != connection.vendor:
        raise BackupError(
            f"This archive holds a {vendor} database; the site is configured for "
            f"{connection.vendor}. Restore it into a {vendor} database."
        )
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        dump = sqlite3.connect(source)
        try:
            with connection.wrap_database_errors:
                dump.backup(connection.connection)
        finally:
            dump.close()
    else:
        connection.close()  # pg_restore drops and recreates the tables
        _run(
            [_postgres_tool("pg_restore"), "--clean", "--if-exists", "--no-owner"]
            + ["--no-privileges", "--exit-on-error", "--single-transaction"]
            + ["--dbname", connection.settings_dict["NAME"], str(source)],
            _postgres_env(connection.settings_dict),
        )


def create_backup(directory: Path, *, alias: str = DEFAULT_DB_ALIAS) -> Path:
    """Write an archive of the database and the files into ``directory``; returns its path.
    The folder and the archive are readable by their owner only."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"gpe-backup-{stamp}.tar.gz"
    folders = hooks.backup_folders()
    with tempfile.TemporaryDirectory(dir=directory) as work:
        vendor = _connection(alias).vendor
        database = DATABASE_FILES[vendor]
        dump_database(Path(work) / database, alias=alias)
        manifest = Manifest(timezone.now().isoformat(), vendor, database, sorted(folders))
        (Path(work) / "manifest.json").write_bytes(manifest.dumps())
        partial = archive.with_suffix(".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with (
            os.fdopen(descriptor, "wb") as handle,
            tarfile.open(fileobj=handle, mode="w:gz") as tar,
        ):
            tar.add(Path(work) / "manifest.json", arcname="manifest.json")
            tar.add(Path(work) / database, arcname=database)
            for name, folder in sorted(folders.items()):
                if Path(folder).is_dir():
                    tar.add(folder, arcname=f"files/{name}")
        partial.rename(archive)  # only a complete archive carries the final name
    return archive


def _replace_folder(extracted: Path, target: Path) -> None:
    """Give ``target`` exactly ``extracted``'s content. The folder itself stays (it may be a
    mount point); what was in it goes, as the database's rows did."""
    target.mkdir(parents=True, exist_ok=True)
    for child in target.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in extracted.iterdir():
        shutil.move(str(child), str(target / child.name))


def restore_backup(archive: Path, *, alias: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Replace the database and the folders with the archive's content."""
    if not archive.is_file():
        raise BackupError(f"No archive at {archive}.")
    folders = hooks.backup_folders()
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as work:
        manifest = Manifest.read(tar.extractfile("manifest.json").read())
        unknown = set(manifest.folders) - set(folders)
        if unknown:
            raise BackupError(f"The archive has folders this site does not: {sorted(unknown)}.")
        # The "data" filter refuses absolute paths, links out of the folder and devices.
        tar.extractall(work, filter="data")
        load_database(Path(work) / manifest.database, manifest.vendor, alias=alias)
        for name in manifest.folders:
            extracted = Path(work) / "files" / name
            extracted.mkdir(parents=True, exist_ok=True)  # absent: the folder was empty
            _replace_folder(extracted, Path(folders[name]))
    return manifest
