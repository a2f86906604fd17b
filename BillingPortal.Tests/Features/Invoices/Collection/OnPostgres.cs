using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Invoices.Collection;

// Collection and dunning on PostgreSQL.
public sealed class DunningLifecycleTestsOnPostgres : DunningLifecycleTests, IRunsOnPostgres;
public sealed class InvoiceCollectorTestsOnPostgres : InvoiceCollectorTests, IRunsOnPostgres;
public sealed class InvoiceSettlementTestsOnPostgres : InvoiceSettlementTests, IRunsOnPostgres;
