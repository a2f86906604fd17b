using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Credits.AutoTopUp;

// Auto top-up claims and settlement on PostgreSQL.
public sealed class AutoTopUpRunnerTestsOnPostgres : AutoTopUpRunnerTests, IRunsOnPostgres;
public sealed class AutoTopUpTriggerTestsOnPostgres : AutoTopUpTriggerTests, IRunsOnPostgres;
public sealed class CreditSettingsServiceTestsOnPostgres : CreditSettingsServiceTests, IRunsOnPostgres;
