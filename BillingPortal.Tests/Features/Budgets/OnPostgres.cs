using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Budgets;

// Budgets' counters, refusals and holds again on PostgreSQL: counters added after the wallets' row lock, holds under it.
public sealed class BudgetCounterTestsOnPostgres : BudgetCounterTests, IRunsOnPostgres;
public sealed class RunHoldTestsOnPostgres : RunHoldTests, IRunsOnPostgres;
public sealed class BudgetRefusalTestsOnPostgres : BudgetRefusalTests, IRunsOnPostgres;
public sealed class BudgetAlertTestsOnPostgres : BudgetAlertTests, IRunsOnPostgres;
