"""Set up, run and test the hospital social service addons against a real Odoo 18.

    python3 scripts/devenv run      # Odoo with the addons and demo data on :8069
    python3 scripts/devenv test     # every test, in a fresh database, then drop it
    python3 scripts/devenv lint     # the pre-commit checks
    python3 scripts/devenv setup    # only the virtualenv, Odoo source and PostgreSQL
    python3 scripts/devenv i18n [addon...]  # refresh i18n/*.pot, merge into fr.po, nl.po
    python3 scripts/devenv bench [--rebuild] [--scale S] [-k NAME]
                                    # the hospital group benchmark (scripts/bench/)
    python3 scripts/devenv load [--users 18] [--duration 10m] [--ramp 3,6,12]
                                    # locust against Odoo --workers=3 (scripts/load/)
    python3 scripts/devenv drill    # faults and recovery on a private cluster
    python3 scripts/devenv replica  # a streaming replica, reads routed to it by Odoo

Environment variables (all optional):
    ODOO_SRC        an Odoo 18.0 source tree (default: $XDG_CACHE_HOME/odoo/18.0,
                    downloaded there from github.com/odoo/odoo when missing)
    VENV            the virtualenv to use (default: .venv in the repository)
    PGHOST, PGPORT, PGUSER, PGPASSWORD
                    the PostgreSQL server (libpq defaults otherwise); when no server
                    answers, a private cluster is started in .state/postgresql
                    (with the server binaries of the pgserver wheel when PostgreSQL
                    is not installed; as root, under the system user odoo-pg)
    SOCIAL_STATE    the folder of the configuration, filestore and private cluster
                    (default: .state in the repository)
    SOCIAL_DB       the database of `run` (default: social_service)
    BENCH_DB        the database of `bench` (default: social_bench)
    HTTP_PORT       the port of `run` (default: 8069)
"""

import sys
from pathlib import Path

# `python3 scripts/devenv` puts this folder first on the path: put scripts/ there instead,
# so that this folder is the package `devenv` (as scripts/drill and scripts/replica import it)
HERE = Path(__file__).resolve().parent
if sys.path and Path(sys.path[0] or ".").resolve() == HERE:
    sys.path[0] = str(HERE.parent)
elif str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from devenv import commands, scale  # noqa: E402

COMMANDS = {
    "setup": lambda extra: commands.cmd_setup(),
    "run": commands.cmd_run,
    "test": commands.cmd_test,
    "lint": commands.cmd_lint,
    "i18n": commands.cmd_i18n,
    "bench": scale.cmd_bench,
    "load": scale.cmd_load,
    "drill": scale.cmd_drill,
    "replica": scale.cmd_replica,
}


def main(argv):
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) or 0)
