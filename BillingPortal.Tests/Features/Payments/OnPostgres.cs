using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Payments;

// Purchases and their fulfilment on PostgreSQL.
public sealed class PaymentFulfilmentTestsOnPostgres : PaymentFulfilmentTests, IRunsOnPostgres;
public sealed class PurchaseServiceTestsOnPostgres : PurchaseServiceTests, IRunsOnPostgres;
public sealed class LocalCheckoutTestsOnPostgres : LocalCheckoutTests, IRunsOnPostgres;
