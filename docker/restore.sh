#!/usr/bin/env bash
# Restores a backup made by docker/backup.sh into an EMPTY database (create it first: createdb -O USER NAME), as the
# user the servers will connect with: it owns everything restored. Then start the servers on that database; Flyway
# finds the schema up to date (or migrates it, if the servers are newer than the backup).
#
# usage: docker/restore.sh FILE DATABASE
#   DATABASE  a database name or a connection URI, as for backup.sh.
# All or nothing: one transaction, stopped at the first error.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 FILE DATABASE" >&2
    exit 2
fi
tables=$(psql --dbname="$2" --no-psqlrc -tAc "select count(*) from pg_tables where schemaname = 'public'")
if [ "$tables" != "0" ]; then
    echo "$2 is not empty ($tables tables): restore into a new database" >&2
    exit 1
fi
pg_restore --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$2" "$1"
echo "Restored $1 into $2"
