using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Hosting;

// The worker leases on PostgreSQL: racing updates of one expired lease there wait for each other and re-check it.
public sealed class WorkerLeasesTestsOnPostgres : WorkerLeasesTests, IRunsOnPostgres;
public sealed class WorkerLeaderTestsOnPostgres : WorkerLeaderTests, IRunsOnPostgres;
