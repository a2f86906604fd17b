using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Plans;

// Plan changes (upgrades with their charge, switches) on PostgreSQL.
public sealed class PlanChangeServiceTestsOnPostgres : PlanChangeServiceTests, IRunsOnPostgres;
public sealed class PlanSwitchTestsOnPostgres : PlanSwitchTests, IRunsOnPostgres;
public sealed class UpgradeChargeTestsOnPostgres : UpgradeChargeTests, IRunsOnPostgres;
public sealed class PlanWalletEventsTestsOnPostgres : PlanWalletEventsTests, IRunsOnPostgres;
public sealed class PlanWhatIfQueryTestsOnPostgres : PlanWhatIfQueryTests, IRunsOnPostgres;
