using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Ledger;

// The ledger's suites again on PostgreSQL: row locks and read committed instead of SQLite's one write lock.
public sealed class CreditLedgerConcurrencyTestsOnPostgres : CreditLedgerConcurrencyTests, IRunsOnPostgres;
public sealed class CreditLedgerDebitManyTestsOnPostgres : CreditLedgerDebitManyTests, IRunsOnPostgres;
public sealed class CreditLedgerFaultTestsOnPostgres : CreditLedgerFaultTests, IRunsOnPostgres;
public sealed class CreditLedgerIdempotencyTestsOnPostgres : CreditLedgerIdempotencyTests, IRunsOnPostgres;
public sealed class CreditLedgerTestsOnPostgres : CreditLedgerTests, IRunsOnPostgres;
public sealed class LedgerAuditTestsOnPostgres : LedgerAuditTests, IRunsOnPostgres;
public sealed class CreditLedgerPublishTestsOnPostgres : CreditLedgerPublishTests, IRunsOnPostgres;
