#!/bin/sh
# Creates Temporal's two PostgreSQL databases (runs and visibility) and brings both schemas to the
# version of this admin-tools image; run by the temporal-schema service of docker-compose.yml.
# Safe to run again: creating a database or the base schema that exists fails harmlessly, and
# update-schema applies only the versions that are missing. A real failure (wrong password,
# unreachable server) still fails update-schema, and so the script.
#
# temporal-sql-tool takes its connection from the environment: SQL_PLUGIN (postgres12), SQL_HOST,
# SQL_PORT, SQL_USER, SQL_PASSWORD.
set -eu
schema=/etc/temporal/schema/postgresql/v12
for db in temporal temporal_visibility; do
  temporal-sql-tool --db "$db" create-database || echo "setup-postgres: database $db exists"
done
temporal-sql-tool --db temporal setup-schema -v 0.0 || echo "setup-postgres: schema of temporal set up before"
temporal-sql-tool --db temporal update-schema -d "$schema/temporal/versioned"
temporal-sql-tool --db temporal_visibility setup-schema -v 0.0 || echo "setup-postgres: schema of temporal_visibility set up before"
temporal-sql-tool --db temporal_visibility update-schema -d "$schema/visibility/versioned"
echo "setup-postgres: Temporal's schemas are up to date"
