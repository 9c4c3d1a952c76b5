#!/bin/bash
# The compose `tests` service: the same pytest suite as `make test` (pytest.ini), in the
# official odoo:18.0 image, against the compose PostgreSQL. Odoo's own runner is not used:
# it would skip the cross-addon tests of tests/.
set -euo pipefail
export PATH="$HOME/.local/bin:$PATH" PIP_BREAK_SYSTEM_PACKAGES=1 PYTHONDONTWRITEBYTECODE=1
export SOCIAL_STATE=/tmp/social-state SOCIAL_ODOO_BIN=/usr/bin/odoo SOCIAL_ODOO_SRC=/usr/lib/python3/dist-packages
mkdir -p "$SOCIAL_STATE"
python3 -m pip install --quiet --user --disable-pip-version-check \
    pytest==8.3.4 pytest-odoo==2.1.3 websocket-client==1.8.0
# OCA addons from PyPI (social_reporting needs report_xlsx, social_approval
# base_tier_validation), in a folder of the addons path
python3 -m pip install --quiet --disable-pip-version-check --no-deps \
    --target "$SOCIAL_STATE/addons-pypi" -r /mnt/repo/requirements-addons.txt
config="$SOCIAL_STATE/odoo-test.conf"
cat >"$config" <<CONF
[options]
addons_path = /usr/lib/python3/dist-packages/odoo/addons,/mnt/repo/addons,$SOCIAL_STATE/addons-pypi/odoo/addons
data_dir = $SOCIAL_STATE/data
db_host = $PGHOST
db_user = $PGUSER
db_password = $PGPASSWORD
list_db = False
log_level = warn
max_cron_threads = 0
CONF
export SOCIAL_ODOO_CONFIG="$config"
db=social_test
odoo -c "$config" -d "$db" -i social_case,social_network_partners,social_discharge,social_reporting,social_survey,social_approval \
    --stop-after-init --no-http
cd /mnt/repo
exec python3 -m pytest -p no:cacheprovider --odoo-config="$config" --odoo-database="$db" \
    --odoo-http "$@"
