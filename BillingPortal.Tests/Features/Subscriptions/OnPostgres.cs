using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Subscriptions;

// Billing periods, invoice numbering and trial conversion on PostgreSQL.
public sealed class BillingConcurrencyTestsOnPostgres : BillingConcurrencyTests, IRunsOnPostgres;
public sealed class PeriodRolloverTestsOnPostgres : PeriodRolloverTests, IRunsOnPostgres;
public sealed class TrialConversionTestsOnPostgres : TrialConversionTests, IRunsOnPostgres;
public sealed class BillingWorkerTestsOnPostgres : BillingWorkerTests, IRunsOnPostgres;
