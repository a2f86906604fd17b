using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Data;

// The unit of work on PostgreSQL: read committed and row locks instead of SQLite's one write lock.
public sealed class BillingWritesTestsOnPostgres : BillingWritesTests, IRunsOnPostgres;

// Prepared inserts are a binary COPY on PostgreSQL: what they store must still be what SaveChanges stores.
public sealed class PreparedInsertTestsOnPostgres : PreparedInsertTests, IRunsOnPostgres;

// The shared throttle counters on PostgreSQL, where two instances' failures race for real.
public sealed class DatabaseFailureCountersTestsOnPostgres : DatabaseFailureCountersTests, IRunsOnPostgres;
