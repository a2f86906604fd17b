using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Activity;

// The audit trail's recording (same transaction, nothing on refusal or rollback) on PostgreSQL.
public sealed class AuditRecordingTestsOnPostgres(BillingAppFactoryFixture app) : AuditRecordingTests(app), IRunsOnPostgres;
