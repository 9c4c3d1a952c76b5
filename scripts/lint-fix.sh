#!/usr/bin/env bash
# Apply the automatic fixes of the lint tools (make lint only checks).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VENV:-.venv}/bin"
find addons -name '*.xml' -print0 | xargs -0 sed -i '1s/^<?xml version="1.0" encoding="utf-8" ?>/<?xml version="1.0" encoding="UTF-8" ?>/'
"$bin/ruff" check --fix --exit-zero --quiet .
"$bin/ruff" format --quiet .
