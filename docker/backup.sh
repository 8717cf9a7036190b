#!/usr/bin/env bash
# Backs up a Deal Room database into one file: every table and the documents' contents, which are PostgreSQL large
# objects (pg_dump's custom format holds them; a plain `pg_dump -t` of tables would not).
#
# usage: docker/backup.sh DATABASE FILE
#   DATABASE  a database name, or a connection URI (postgresql://dealroom@db.example:5432/dealroom); the usual
#             libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD) apply.
# It can run while the servers run: pg_dump reads one consistent snapshot.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 DATABASE FILE" >&2
    exit 2
fi
pg_dump --format=custom --blobs --dbname="$1" --file="$2"
echo "Backed up $1 to $2 ($(stat -c %s "$2") bytes)"
