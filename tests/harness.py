"""Harness of the cross-addon tests: Odoo's source, configuration and databases.

`make test` (scripts/devenv) sets SOCIAL_ODOO_SRC and SOCIAL_ODOO_CONFIG; the tests
here start odoo-bin in databases of their own, which they drop afterwards.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))
BASE_DEPENDENCIES = "base,mail,contacts,calendar"


def odoo_bin(src):
    """odoo-bin of the source tree, or SOCIAL_ODOO_BIN (`odoo` in the official image)."""
    return Path(os.environ.get("SOCIAL_ODOO_BIN") or Path(src) / "odoo-bin")


class OdooDatabases:
    """Create databases with odoo-bin, copy them, query them, drop them all at the end."""

    def __init__(self, src, config, prefix):
        self.src, self.config, self.prefix = Path(src), Path(config), prefix
        self.odoo_bin = odoo_bin(src)
        self.created = []

    def name(self, suffix):
        return f"{self.prefix}_{suffix}"

    def odoo(self, db, *args, stdin=None, subcommand=()):
        command = [sys.executable, str(self.odoo_bin), *subcommand]
        command += ["-c", str(self.config), "-d", db, *args]
        result = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=1200)
        assert result.returncode == 0, f"odoo-bin {' '.join(args)} failed:\n{result.stderr[-4000:]}"
        errors = [line for line in result.stderr.splitlines() if " ERROR " in line]
        assert not errors, "odoo-bin logged errors:\n" + "\n".join(errors[-20:])
        return result

    def install(self, db, modules, demo=True):
        self.drop(db)
        self.created.append(db)
        args = ["-i", modules, "--stop-after-init", "--no-http"]
        if not demo:
            args.append("--without-demo=all")
        return self.odoo(db, *args)

    def copy(self, source, target):
        self.drop(target)
        self.created.append(target)
        self._admin(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')

    def shell(self, db, code):
        return self.odoo(db, "--no-http", stdin=code, subcommand=["shell"]).stdout

    def query(self, db, sql, params=None):
        connection = psycopg2.connect(dbname=db)
        try:
            with connection.cursor() as cr:
                cr.execute(sql, params)
                return cr.fetchall()
        finally:
            connection.close()

    def module_states(self, db):
        return dict(self.query(db, "SELECT name, state FROM ir_module_module"))

    def drop(self, db):
        self._admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", db)
        self._admin(f'DROP DATABASE IF EXISTS "{db}"')

    @staticmethod
    def _admin(statement, *params):
        # CREATE and DROP DATABASE cannot run inside a transaction
        connection = psycopg2.connect(dbname="postgres")
        connection.autocommit = True
        try:
            with connection.cursor() as cr:
                cr.execute(statement, params or None)
        finally:
            connection.close()

    def drop_all(self):
        for db in reversed(self.created):
            self.drop(db)


def odoo_databases_fixture():
    src, config = os.environ.get("SOCIAL_ODOO_SRC"), os.environ.get("SOCIAL_ODOO_CONFIG")
    if not (src and config):
        pytest.fail(
            "Run these tests with `make test`, which sets SOCIAL_ODOO_SRC and SOCIAL_ODOO_CONFIG."
        )
    databases = OdooDatabases(src, config, prefix=f"social_it_{os.getpid()}")
    try:
        yield databases
    finally:
        databases.drop_all()
