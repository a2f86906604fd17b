using BillingPortal.Domain;
using BillingPortal.Domain.Forecasts;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Forecasts;
using BillingPortal.Features.Overview;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Forecasts;

/// <summary>
/// The forecast read from a real database. The clock stands at 1 Mar 2026 09:00 UTC (<see cref="TestDatabase"/>), so the
/// 7 complete days are 22–28 Feb; a Pro workspace made then runs its period to 1 Apr 09:00 with a $25 allowance.
/// </summary>
public class ForecastServiceTests : IAsyncLifetime
{
    private const long Dollar = 1_000_000;
    private TestDatabase database = default!;
    private ForecastService service = default!;
    private string ownerId = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        service = new ForecastService(database.Factory, database.Clock);
        ownerId = await database.AddUserAsync("owner@example.test");
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task SpendHistory_SumsEachCompleteUtcDay_OfThisWorkspaceOnly()
    {
        var id = await NewWorkspaceAsync();
        var other = await NewWorkspaceAsync();
        await RollupAsync(id, Day(21), 100 * Dollar);                 // before the window: only the first day counts
        await RollupAsync(id, Day(22), 1_500_000, "a");
        await RollupAsync(id, Day(22), 1_500_001, "b");               // two agents on one day add up
        await RollupAsync(id, Day(28), 7);
        await RollupAsync(id, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), 50 * Dollar); // today: not complete
        await RollupAsync(other, Day(25), 1_000 * Dollar);

        await using var db = database.Open();
        var (first, days) = await ForecastService.SpendHistoryAsync(db, id, database.Clock.GetUtcNow().UtcDateTime, Ct);

        Assert.Equal(new DateOnly(2026, 2, 21), first);
        Assert.Equal([3_000_001, 0, 0, 0, 0, 0, 7], days);
    }

    [Fact]
    public async Task Get_ThreeDollarsADay_LastsUntilTheFundsAreGone_AndProjectsTheInvoice()
    {
        var id = await NewWorkspaceAsync();
        for (var d = 22; d <= 28; d++)
            await RollupAsync(id, Day(d), 3 * Dollar);
        await CreditAsync(id, 30 * Dollar);
        await DebitAsync(id, 10 * Dollar); // the allowance pays: $15 of it left, $30 of credits

        var forecast = await service.GetAsync(id, Ct);

        Assert.NotNull(forecast);
        var spend = forecast.Spend;
        // $21 a week = $3 a day; $45 lasts 15 days: 16 Mar 09:00, before the 1 Apr reset.
        Assert.Equal(3 * Dollar, spend.DailyPaceMicros);
        Assert.Equal(15, spend.DaysLeft);
        Assert.Equal(new DateTime(2026, 3, 16, 9, 0, 0, DateTimeKind.Utc), spend.RunsOutAt);
        Assert.Equal(new AutoTopUpSuggestion(6 * Dollar, 21 * Dollar), spend.SuggestedTopUp);
        // To 1 Apr 09:00 (31 days, $93 at this pace) only the $45 can be spent: $10 + $15 from the allowance, $30 from
        // credits, which end at $0: no overage, so the invoice is the $49 Pro fee for the next period.
        var invoice = forecast.ProjectedInvoice;
        Assert.Equal(new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc), invoice.IssuesOn);
        Assert.Equal(49 * Dollar, invoice.TotalMicros);
        Assert.Equal(0, invoice.OverageMicros);
        Assert.Equal(55 * Dollar, Assert.Single(invoice.Lines, l => l.Kind == InvoiceLineKind.UsageSummary).AmountMicros);
        Assert.Equal(55 * Dollar, forecast.ProjectedUsageMicros);
        Assert.Contains("$25.00 from the allowance, $30.00 from credits", Assert.Single(invoice.Lines, l => l.Kind == InvoiceLineKind.UsageSummary).Description);
    }

    [Fact]
    public async Task Get_AfterAnOverdraft_ProjectsTheOverageSoFar_TheSameAsTheOverviewsEstimate()
    {
        var id = await NewWorkspaceAsync();
        for (var d = 22; d <= 28; d++)
            await RollupAsync(id, Day(d), 3 * Dollar);
        await CreditAsync(id, 30 * Dollar);
        await DebitAsync(id, 60_004_999); // $25 from the allowance, $35.004999 from credits: -$5.004999

        var forecast = await service.GetAsync(id, Ct);
        var overview = await new OverviewService(database.Factory, database.Clock).GetAsync(id, Ct);

        Assert.NotNull(forecast);
        Assert.NotNull(overview?.NextInvoice);
        // Runs are refused from here, so nothing is added: $49 fee + $5.00 overage (whole cents, rounded down).
        Assert.Equal(0, forecast.Spend.DaysLeft);
        Assert.Equal(54 * Dollar, forecast.ProjectedInvoice.TotalMicros);
        Assert.Equal(overview.NextInvoice.TotalMicros, forecast.ProjectedInvoice.TotalMicros);
        Assert.Equal(overview.NextInvoice.Lines, forecast.ProjectedInvoice.Lines);
    }

    [Fact]
    public async Task Get_WithUsageFromOnlySixDaysAgo_IsNotEnoughHistory_AndTheInvoiceIsTheOneSoFar()
    {
        var id = await NewWorkspaceAsync();
        for (var d = 23; d <= 28; d++)
            await RollupAsync(id, Day(d), 3 * Dollar);

        var forecast = await service.GetAsync(id, Ct);

        Assert.NotNull(forecast);
        Assert.Same(SpendForecast.NotEnoughHistory, forecast.Spend);
        Assert.Equal(49 * Dollar, forecast.ProjectedInvoice.TotalMicros);
        Assert.DoesNotContain(forecast.ProjectedInvoice.Lines, l => l.Kind == InvoiceLineKind.UsageSummary);
    }

    [Fact]
    public async Task Get_UnknownWorkspace_IsNull()
    {
        Assert.Null(await service.GetAsync(Guid.NewGuid(), Ct));
    }

    private static DateTime Day(int february) => new(2026, 2, february, 0, 0, 0, DateTimeKind.Utc);

    private Task<Guid> NewWorkspaceAsync() =>
        database.Provisioner.CreateTeamWorkspaceAsync("Team " + Guid.NewGuid().ToString("N")[..6], ownerId, PlanCatalog.Pro, trialDays: null, Ct);

    private async Task RollupAsync(Guid workspaceId, DateTime day, long costMicros, string agent = "support-bot")
    {
        await using var db = database.Open();
        db.UsageDailyRollups.Add(new UsageDailyRollup
        {
            WorkspaceId = workspaceId, Day = day, Agent = agent, LineItem = LineItemKind.Llm, Metric = UsageMetric.InputTokens,
            Key = "gpt-4.1", ApiKeyId = Guid.Empty, Quantity = 1, CostMicros = costMicros, LineItems = 1,
        });
        await db.SaveChangesAsync(Ct);
    }

    private Task CreditAsync(Guid workspaceId, long micros) =>
        database.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(workspaceId, micros, Guid.NewGuid().ToString(), "Purchase"), Ct);

    private Task DebitAsync(Guid workspaceId, long micros) =>
        database.Ledger.DebitAsync(new Posting(workspaceId, micros, Guid.NewGuid().ToString(), "Usage"), DebitMode.AllowOverdraft, Ct);
}

public sealed class ForecastServiceTestsOnPostgres : ForecastServiceTests, IRunsOnPostgres;
