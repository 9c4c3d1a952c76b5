PYTHON ?= python3
DEVENV := $(PYTHON) scripts/devenv

.PHONY: run test lint setup i18n bench load drill replica his-demo

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

## load: locust against Odoo --workers=3 on 127.0.0.1 and the benchmark database
##   LOAD_USERS=18 LOAD_DURATION=10m LOAD_RAMP=3,6,12,18,24,36 LOAD_STEP=60s
LOAD_USERS ?= 18
LOAD_DURATION ?= 10m
LOAD_RAMP ?= 3,6,12,18,24,36,48
LOAD_STEP ?= 60s
load:
	$(DEVENV) load --users $(LOAD_USERS) --duration $(LOAD_DURATION) $(if $(LOAD_RAMP),--ramp $(LOAD_RAMP) --step $(LOAD_STEP)) $(ARGS)

## drill: a worker killed mid-request, PostgreSQL down 10 s under load, backup and restore,
##   on a private cluster under .state/drill (never the shared server)
drill:
	$(DEVENV) drill $(ARGS)

## replica: a local streaming replica of the drill's primary (pg_basebackup), Odoo on both,
##   proof that reads go to the replica and writes to the primary
replica:
	$(DEVENV) replica $(ARGS)

## his-demo: post a day of a hospital's ADT messages (HL7 v2) to the instance of `make run`
##   (social_his installed); ARGS="--url ... --key ... --patients ..." for another instance
his-demo:
	$(PYTHON) scripts/his_demo.py $(if $(ARGS),$(ARGS),--setup)
