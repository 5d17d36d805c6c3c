#!/bin/sh
# Creates Temporal's persistence and visibility databases and applies every schema version.
# Idempotent: create fails harmlessly when the database exists; update-schema applies only what is missing.
set -eu
TOOL="temporal-sql-tool --plugin postgres12 --ep postgresql -u temporal -p 5432"
SCHEMA=/etc/temporal/schema/postgresql/v12
until nc -z postgresql 5432; do echo "waiting for postgresql"; sleep 1; done
for db in temporal temporal_visibility; do
  $TOOL --db "$db" create || true
done
$TOOL --db temporal setup-schema -v 0.0 || true
$TOOL --db temporal update-schema -d "$SCHEMA/temporal/versioned"
$TOOL --db temporal_visibility setup-schema -v 0.0 || true
$TOOL --db temporal_visibility update-schema -d "$SCHEMA/visibility/versioned"
echo "Temporal schema ready"
