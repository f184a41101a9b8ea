#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 and lets the user `postgres` in
# without a password, for the test suite (`make test-postgres`). On a plain Debian or
# Ubuntu machine it installs the server, creates a cluster and starts it; on a machine
# that already has one it only starts it. Never touches a server that already answers.
set -euo pipefail

ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if command -v pg_isready >/dev/null && ready; then
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  echo "PostgreSQL is not installed: installing it (apt-get install postgresql)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql postgresql-client
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if [ -z "$(pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v')" ]; then
  echo "Creating the PostgreSQL $version cluster 'main' on 127.0.0.1:5432 (trust for local connections)"
  pg_createcluster "$version" main --port 5432 -- --auth-local=trust --auth-host=trust >/dev/null
fi

cluster_version=$(pg_lsclusters -h | awk '$2 == "main" && $3 == 5432 {print $1; exit}')
if [ -z "$cluster_version" ]; then
  echo "No PostgreSQL cluster 'main' on port 5432; create one or set PG_URL." >&2
  exit 1
fi
pg_ctlcluster --skip-systemctl-redirect "$cluster_version" main start 2>/dev/null || true

for _ in $(seq 1 30); do
  ready && exit 0
  sleep 1
done
echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
exit 1
