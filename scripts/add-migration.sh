#!/usr/bin/env bash
# Adds a migration with the same name to both migration sets (SQLite and SQL Server).
# Usage: scripts/add-migration.sh NameOfChange
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NameOfChange}
cd "$(dirname "$0")/../BillingPortal"
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  dotnet ef migrations add "$name" --project . --context "${provider}BillingDbContext" --output-dir "Data/Migrations/$provider"
done
rm -f design.db design.db-shm design.db-wal
