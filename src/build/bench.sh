#!/usr/bin/env bash
# Runs the benchmark harness (called by `./mvnw -Pbench verify` with the test classpath and -D options).
# Installs pgbench when it is missing, lifts the open-file limit to the hard limit (the connection scenario
# needs one descriptor per connection on each side; the server the harness starts inherits it), and runs the
# load generator in a JVM of its own.
set -euo pipefail
classpath="$1"
shift

if ! command -v pgbench >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing pgbench (Debian's postgresql-contrib) for the PostgreSQL ceiling"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q postgresql-contrib || { apt-get update -q && apt-get install -y -q postgresql-contrib; }
    else
        echo "The benchmarks need pgbench (Debian: sudo apt-get install postgresql-contrib)" >&2
        exit 1
    fi
fi

# Each idle connection is one file descriptor in the server and one in the load generator.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

exec java -Xms1g -Xmx4g -XX:+UseParallelGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager "$@" -cp "$classpath" dev.dealroom.bench.Bench
