#!/bin/bash
# Run once by the postgres image on a new volume: let the replica connect for replication.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
