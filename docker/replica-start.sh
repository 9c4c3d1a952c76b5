#!/bin/bash
# The streaming replica of the compose profile "scale": on an empty volume, a base backup
# of the primary (pg_basebackup -R writes standby.signal and primary_conninfo), then the
# server as a hot standby, with the primary's settings (JIT off).
set -euo pipefail
export PGDATA=/var/lib/postgresql/data
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready -h db -U odoo -d postgres; do sleep 1; done
    pg_basebackup -h db -U odoo -D "$PGDATA" -R -X stream -c fast
    chown -R postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
fi
exec gosu postgres postgres -c hot_standby=on -c jit=off
