#!/usr/bin/env bash
# Makes sure the local PostgreSQL (localhost:5432, trust auth) is up and that each database named on the
# command line exists. Run by Maven's initialize phase, so `./mvnw quarkus:dev` and `./mvnw verify` work
# on a fresh machine. Where no local PostgreSQL is installed (a container build), it says so and does nothing.
set -euo pipefail

if ! command -v psql >/dev/null 2>&1; then
    echo "local-postgres: no psql on this machine; skipping (point QUARKUS_DATASOURCE_JDBC_URL at your database)"
    exit 0
fi

if ! pg_isready -q -h localhost -p 5432; then
    if command -v pg_lsclusters >/dev/null 2>&1; then
        version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
        cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $2}')
        echo "local-postgres: starting PostgreSQL $version/$cluster"
        pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
    fi
    for _ in $(seq 1 30); do
        pg_isready -q -h localhost -p 5432 && break
        sleep 1
    done
    pg_isready -h localhost -p 5432 || { echo "local-postgres: PostgreSQL is not answering on localhost:5432" >&2; exit 1; }
fi

for db in "$@"; do
    exists=$(psql -h localhost -U postgres -d postgres -tAc "select 1 from pg_database where datname = '$db'")
    if [ "$exists" != "1" ]; then
        echo "local-postgres: creating database $db"
        psql -h localhost -U postgres -d postgres -qc "create database \"$db\""
    fi
done
