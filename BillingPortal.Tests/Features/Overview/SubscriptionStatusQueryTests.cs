using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Subscriptions.Status;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Overview;

/// <summary>What the banner reads about a workspace, from a real SQLite file.</summary>
public sealed class SubscriptionStatusQueryTests : IAsyncLifetime
{
    private TestDatabase database = default!;
    private SubscriptionStatusQuery query = default!;
    private string ownerId = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(); // the clock reads 2026-03-01
        query = new SubscriptionStatusQuery(database.Factory, database.Clock);
        ownerId = await database.AddUserAsync("owner@example.test");
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Get_ForATrial_ReadsThePlanAndTheTrialEnd()
    {
        var id = await database.Provisioner.CreateTeamWorkspaceAsync("Trial", ownerId, PlanCatalog.Pro, trialDays: 9, Ct);

        var standing = await query.GetAsync(id, Ct);

        Assert.NotNull(standing);
        Assert.Equal(SubscriptionStatus.Trial, standing.Status);
        Assert.Equal("Pro", standing.Plan.Name);
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime.AddDays(9), standing.TrialEndsAt);
        Assert.False(standing.HasUsableCard);
        Assert.Equal(0, standing.OverdueCount);
        Assert.Null(standing.OldestOverdue);
    }

    [Fact]
    public async Task Get_CountsOnlyACardThatIsNeitherRemovedNorExpired()
    {
        var id = await database.Provisioner.CreateTeamWorkspaceAsync("Cards", ownerId, PlanCatalog.Pro, trialDays: 9, Ct);
        await AddCardAsync(id, expMonth: 2, expYear: 2026); // expired last month
        await AddCardAsync(id, expMonth: 12, expYear: 2030, removed: true);
        Assert.False((await query.GetAsync(id, Ct))!.HasUsableCard);

        await AddCardAsync(id, expMonth: 3, expYear: 2026); // good through the end of this month

        Assert.True((await query.GetAsync(id, Ct))!.HasUsableCard);
    }

    [Fact]
    public async Task Get_WhenPastDue_FindsTheOldestOverdueInvoice_AndTheirCountAndTotal()
    {
        var id = await database.Provisioner.CreateTeamWorkspaceAsync("Late", ownerId, PlanCatalog.Pro, trialDays: null, Ct);
        var other = await database.Provisioner.CreateTeamWorkspaceAsync("Other", ownerId, PlanCatalog.Pro, trialDays: null, Ct);
        var first = await IssueAsync(id, "period:1", 49_000_000, InvoiceStatus.PastDue);
        await IssueAsync(id, "period:2", 60_000_001, InvoiceStatus.PastDue);
        await IssueAsync(id, "upgrade:1", 7_000_000, InvoiceStatus.Open);
        await IssueAsync(id, "period:0", 49_000_000, InvoiceStatus.Paid);
        await IssueAsync(other, "period:1", 1_000_000, InvoiceStatus.PastDue);

        var standing = await query.GetAsync(id, Ct);

        Assert.Equal(2, standing!.OverdueCount);
        Assert.Equal(109_000_001, standing.OverdueTotalMicros);
        Assert.Equal(new OverdueInvoice(first.Number, 49_000_000, first.DueAt), standing.OldestOverdue);
    }

    [Fact]
    public async Task Get_UnknownWorkspace_ReturnsNull()
    {
        Assert.Null(await query.GetAsync(Guid.NewGuid(), Ct));
    }

    private async Task AddCardAsync(Guid workspaceId, int expMonth, int expYear, bool removed = false)
    {
        await using var db = database.Open();
        db.PaymentMethods.Add(new PaymentMethod
        {
            WorkspaceId = workspaceId,
            Provider = PaymentProvider.Local,
            ProviderMethodId = Guid.NewGuid().ToString("N"),
            Brand = "visa",
            Last4 = "4242",
            ExpMonth = expMonth,
            ExpYear = expYear,
            CreatedAt = database.Clock.GetUtcNow().UtcDateTime,
            RemovedAt = removed ? database.Clock.GetUtcNow().UtcDateTime : null,
        });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>An invoice through the one issuer, then set to <paramref name="status"/> as the collector would.</summary>
    private async Task<Invoice> IssueAsync(Guid workspaceId, string key, long micros, InvoiceStatus status)
    {
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        var now = database.Clock.GetUtcNow().UtcDateTime;
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        var issued = await InvoiceIssuer.IssueWithinAsync(db, new InvoiceDraft(workspaceId, InvoiceKind.Period, key, "pro",
            now.AddMonths(-1), now, now, now.AddDays(7), "Customer", null, [new InvoiceLineSpec(InvoiceLineKind.PlanFee, "Pro plan", micros)]), Ct);
        issued.Invoice.Status = status;
        issued.Invoice.NextPaymentAttemptAt = null;
        await db.SaveChangesAsync(Ct);
        await tx.CommitAsync(Ct);
        return issued.Invoice;
    }
}
