using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Domain.Budgets;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Activity;
using BillingPortal.Features.Budgets;
using BillingPortal.Features.Metering;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Budgets;

/// <summary>
/// A Pro workspace on a real test database (the engine of the test class) with two API keys and two members, and the
/// real budget service, ingestion and authorize over it. The clock starts Sun 1 Mar 2026 09:00 UTC, the billing anchor.
/// </summary>
public abstract class BudgetTesting : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    protected TestDatabase Database { get; private set; } = null!;
    protected Guid Workspace { get; private set; }
    protected Guid KeyA { get; private set; }
    protected Guid KeyB { get; private set; }
    protected string Owner { get; private set; } = null!;
    protected string Member { get; private set; } = null!;
    protected BudgetService Budgets { get; private set; } = null!;
    protected UsageIngestion Ingestion { get; private set; } = null!;
    protected MeteringService Metering { get; private set; } = null!;
    protected DateTime Now => Database.Clock.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await new RateCardSeeder(Database.Factory, NullLogger<RateCardSeeder>.Instance).SeedIfEmptyAsync(Ct);
        Owner = await Database.AddUserAsync("owner@example.test");
        Member = await Database.AddUserAsync("member@example.test");
        Workspace = await Database.Provisioner.CreateTeamWorkspaceAsync("Budgets", Owner, PlanCatalog.Pro, trialDays: null, Ct);
        await using (var db = Database.Open())
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = Workspace, UserId = Member, Role = WorkspaceRole.Member });
            var a = new ApiKey { WorkspaceId = Workspace, Name = "a", Prefix = "bp_a", SecretHash = Guid.NewGuid().ToString("N"), CreatedAt = Now };
            var b = new ApiKey { WorkspaceId = Workspace, Name = "b", Prefix = "bp_b", SecretHash = Guid.NewGuid().ToString("N"), CreatedAt = Now };
            db.ApiKeys.AddRange(a, b);
            await db.SaveChangesAsync(Ct);
            (KeyA, KeyB) = (a.Id, b.Id);
        }
        Budgets = new BudgetService(Database.Factory, Database.Writes, new AuditTrail(Database.Clock),
            new FixedAuditContext(AuditActor.User(Owner, "owner@example.test", AuditSource.Page)), Database.Clock);
        Ingestion = new UsageIngestion(Database.Writes, Database.Ledger, Database.Clock);
        Metering = new MeteringService(Database.Factory, Database.Writes, Database.Clock);
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();

    /// <summary>A tool call of <paramref name="calls"/> web searches: priced by the seeded rate card, so costs are not typed by hand here.</summary>
    protected static UsageEvent Call(string id, DateTime at, string agent = "support-bot", string? userId = null, string runId = "run-1", long calls = 1) =>
        new(id, runId, agent, at, 0, "tool_call", LineItemKind.Tool, "web-search", [(UsageMetric.Calls, calls)], UserId: userId);

    protected async Task<IngestResult> IngestAsync(Guid? key, params UsageEvent[] events)
    {
        var result = await Ingestion.IngestAsync(Workspace, key, events, ct: Ct);
        Assert.Null(result.Errors);
        return result;
    }

    protected async Task<BudgetView> CreateAsync(string scope, string? target, string period, long limitMicros, string action = "block", IReadOnlyList<int>? thresholds = null)
    {
        var change = await Budgets.CreateAsync(Workspace, new BudgetDraft(scope, target, period, limitMicros, action, thresholds), Ct);
        Assert.Null(change.Errors);
        return change.Budget!;
    }

    /// <summary>Sets what the workspace has to spend, as a test's starting point.</summary>
    protected async Task SetWalletAsync(long allowanceMicros, long creditMicros)
    {
        await using var db = Database.Open();
        await db.Wallets.Where(w => w.WorkspaceId == Workspace)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.AllowanceRemainingMicros, allowanceMicros).SetProperty(w => w.CreditBalanceMicros, creditMicros), Ct);
    }

    /// <summary>The counters as stored: (budget, period start) → spent.</summary>
    protected async Task<Dictionary<(Guid, DateTime), long>> CountersAsync()
    {
        await using var db = Database.Open();
        return (await db.BudgetSpends.AsNoTracking().ToListAsync(Ct)).ToDictionary(s => (s.BudgetId, s.PeriodStart), s => s.SpentMicros);
    }

    /// <summary>
    /// The same counters worked out from the raw line items, independently of ingestion: each charged line of the budget's
    /// scope, by the period it falls in, from the period the budget counts from.
    /// </summary>
    protected async Task<Dictionary<(Guid, DateTime), long>> ExpectedFromUsageAsync()
    {
        await using var db = Database.Open();
        var lines = await db.UsageLineItems.AsNoTracking().Where(l => l.WorkspaceId == Workspace && l.CostMicros != 0).ToListAsync(Ct);
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.WorkspaceId == Workspace).ToListAsync(Ct);
        var billing = await BudgetStandings.BillingWindowAsync(db, Workspace, Ct);
        var expected = new Dictionary<(Guid, DateTime), long>();
        foreach (var budget in budgets)
            foreach (var line in lines.Where(l => BudgetRules.Covers(budget, l.Agent, l.ApiKeyId, l.UserId)))
                if (BudgetPeriods.Start(budget.Period, line.Timestamp, billing) is { } start && start >= budget.CountsFrom)
                    expected[(budget.Id, start)] = expected.GetValueOrDefault((budget.Id, start)) + line.CostMicros;
        return expected;
    }

    protected async Task<long> WebSearchMicrosAsync()
    {
        await using var db = Database.Open();
        var rate = await db.CostRates.AsNoTracking().SingleAsync(r => r.Key == "web-search" && r.PlanCode == null && r.EffectiveTo == null, Ct);
        return Pricing.PriceMicros(1, rate);
    }
}
