#!/usr/bin/env bash
# Adds a migration with the same name to every migration set (SQLite, PostgreSQL and SQL Server).
# Usage: scripts/add-migration.sh NameOfChange
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NameOfChange}
cd "$(dirname "$0")/../BillingPortal"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" --project . --context "${provider}BillingDbContext" --output-dir "Data/Migrations/$provider"
done
rm -f design.db design.db-shm design.db-wal
# Keep the committed SQL Server deployment script (docs/sql/sqlserver-migrate.sql) in step.
cd .. && BILLING_REFRESH_SQL=1 dotnet test BillingPortal.Tests --filter "FullyQualifiedName~SqlServerScriptTests" >/dev/null
