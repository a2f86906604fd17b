using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Features.Payments.Stripe;

namespace BillingPortal.Tests.Api;

// The metering API's concurrency and replay suites, and the Stripe webhooks (fulfilment, refunds, disputes), on PostgreSQL.
public sealed class MeteringConcurrencyTestsOnPostgres(BillingAppFactoryFixture app) : MeteringConcurrencyTests(app), IRunsOnPostgres;
public sealed class MeteringUsageTestsOnPostgres(BillingAppFactoryFixture app) : MeteringUsageTests(app), IRunsOnPostgres;
public sealed class StripeWebhookTestsOnPostgres(StripeAppFixture app) : StripeWebhookTests(app), IRunsOnPostgres;
public sealed class StripeWebhookMoneyBackTestsOnPostgres(StripeAppFixture app) : StripeWebhookMoneyBackTests(app), IRunsOnPostgres;
