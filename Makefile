PYTHON ?= python3
DEVENV := $(PYTHON) scripts/devenv.py

.PHONY: run test lint setup i18n bench load drill

## run: Odoo with the addons and demo data on http://localhost:8069
run:
	$(DEVENV) run

## test: every test in real Odoo and PostgreSQL, in a fresh database
##   ARGS="pytest arguments" (a node id, -k, -m), TAGS="Odoo test tags" (/social_case, -at_install)
test:
	$(DEVENV) test $(if $(TAGS),--odoo-tags=$(TAGS)) $(ARGS)

## lint: the pre-commit checks (ruff, pylint-odoo, OCA module checks)
lint:
	$(DEVENV) lint

## setup: the virtualenv, the Odoo source and PostgreSQL, nothing else
setup:
	$(DEVENV) setup

## i18n: export the terms of the addons (or ADDONS="...") and merge them into fr.po / nl.po
i18n:
	$(DEVENV) i18n $(ADDONS)

## bench: the hospital group benchmark (100k cases, 1M interventions) in the database
##   social_bench, built on the first call; ARGS="--rebuild", "--scale 0.1", "-k form"
bench:
	$(DEVENV) bench $(ARGS)
