"""The development environment of the hospital social service addons (``make run``,
``make test``, ``make lint``...): run as ``python3 scripts/devenv COMMAND`` (see __main__.py).

Only the standard library is used here: this package creates the virtualenv that holds
everything else. Its modules, from the bottom up:

    common.py     the repository's paths, the addons, logging, content digests
    venv.py       the virtualenvs (Odoo's, locust's), the OCA addons from PyPI, the
                  Debian packages of the programs the reports need
    pg.py         the PostgreSQL server: finding one, SQL, roles, databases, settings
    cluster.py    a private PostgreSQL cluster, when no server answers
    odoo.py       the Odoo source tree, its configuration files, odoo-bin
    templates.py  the template database of the tests, the benchmark database
    commands.py   setup, run, test, lint, i18n
    scale.py      bench, load, drill, replica
    __main__.py   the command line: which command to run
"""
