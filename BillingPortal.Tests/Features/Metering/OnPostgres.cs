using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Metering;

// Metering's money suites again on PostgreSQL: ingestion, replays and group commit under row locks.
public sealed class UsageIngestionTestsOnPostgres : UsageIngestionTests, IRunsOnPostgres;
public sealed class RunAdmissionTestsOnPostgres : RunAdmissionTests, IRunsOnPostgres;
