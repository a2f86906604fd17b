using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Methods;

namespace BillingPortal.Tests.Features.Payments.Methods;

public sealed class ChargeHistoryQueryTests : IAsyncLifetime
{
    private PaymentMethodFixture team = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => team = await PaymentMethodFixture.CreateAsync();
    public ValueTask DisposeAsync() => team.DisposeAsync();

    private async Task<Payment> AddPaymentAsync(int dollars, PaymentStatus status, PaymentPurpose purpose = PaymentPurpose.CreditPurchase, Guid? workspaceId = null, Action<Payment>? change = null)
    {
        team.Database.Clock.Advance(TimeSpan.FromMinutes(1));
        var now = team.Database.Clock.GetUtcNow().UtcDateTime;
        var payment = new Payment
        {
            WorkspaceId = workspaceId ?? team.WorkspaceId, Purpose = purpose, AmountMicros = dollars * Money.MicrosPerDollar, Status = status,
            RequestKey = Guid.NewGuid().ToString("N"), Description = $"${dollars}", CreatedAt = now, UpdatedAt = now,
        };
        change?.Invoke(payment);
        await using var db = team.Database.Open();
        db.Payments.Add(payment);
        await db.SaveChangesAsync(Ct);
        return payment;
    }

    [Fact]
    public async Task GetPage_ListsTheWorkspacesPayments_NewestFirst_APageAtATime()
    {
        var made = new List<Payment>();
        for (var i = 1; i <= 7; i++)
            made.Add(await AddPaymentAsync(i * 5, PaymentStatus.Succeeded));
        var otherOwner = await team.Database.AddUserAsync("other@else.test");
        await AddPaymentAsync(99, PaymentStatus.Succeeded, workspaceId: await team.Database.Provisioner.CreateTeamWorkspaceAsync("Else", otherOwner, PlanCatalog.Pro, null, Ct));

        var first = await ChargeHistory().GetPageAsync(team.WorkspaceId, page: 0, pageSize: 3, Ct);
        var last = await ChargeHistory().GetPageAsync(team.WorkspaceId, page: 2, pageSize: 3, Ct);

        Assert.Equal(7, first.TotalCount);
        Assert.Equal(made.AsEnumerable().Reverse().Take(3).Select(p => p.Id), first.Rows.Select(r => r.Id));
        Assert.Equal([made[0].Id], last.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task GetPage_CarriesFailuresRefundsAndTheCard_EvenAfterTheCardIsRemoved()
    {
        var card = await team.AddCardAsync("4242");
        await AddPaymentAsync(25, PaymentStatus.Failed, PaymentPurpose.AutoTopUp, change: p =>
        {
            p.PaymentMethodId = card.Id;
            p.FailureCode = "card_declined";
            p.FailureMessage = "Your card was declined.";
        });
        await AddPaymentAsync(50, PaymentStatus.Succeeded, change: p =>
        {
            p.CardDescription = "Mastercard •••• 4444";
            p.RefundedMicros = 20 * Money.MicrosPerDollar;
            p.DisputedMicros = 30 * Money.MicrosPerDollar;
        });
        await team.Service.RemoveAsync(team.Owner, team.WorkspaceId, card.Id, Ct);

        var rows = (await ChargeHistory().GetPageAsync(team.WorkspaceId, 0, 10, Ct)).Rows;

        Assert.Equal("Mastercard •••• 4444", rows[0].Card);
        Assert.Equal(20 * Money.MicrosPerDollar, rows[0].RefundedMicros);
        Assert.Equal(30 * Money.MicrosPerDollar, rows[0].DisputedMicros);
        Assert.Equal(PaymentStatus.Failed, rows[1].Status);
        Assert.Equal(PaymentPurpose.AutoTopUp, rows[1].Purpose);
        Assert.Equal("Visa •••• 4242", rows[1].Card);
        Assert.Equal("Your card was declined.", rows[1].FailureMessage);
    }

    private ChargeHistoryQuery ChargeHistory() => new(team.Database.Factory);
}
