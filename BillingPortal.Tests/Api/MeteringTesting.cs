using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Workspaces;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api;

/// <summary>A workspace with a real API key and a client that sends it.</summary>
public sealed record MeteredWorkspace(Guid WorkspaceId, Guid KeyId, string Secret, HttpClient Client);

/// <summary>Every row the metering API may write for a workspace, to prove a refusal wrote nothing.</summary>
public sealed record MeteringSnapshot(int LineItems, int Receipts, int Runs, int Rollups, int Entries, long CreditMicros, long AllowanceMicros)
{
    public long SpendableMicros => CreditMicros + AllowanceMicros;
}

/// <summary>Helpers the metering API tests share: keys, workspaces, event bodies and snapshots.</summary>
public static class MeteringTesting
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A key in the demo's Acme workspace, stored as the app stores keys (hash only).</summary>
    public static async Task<MeteredWorkspace> AcmeAsync(BillingAppFactory factory)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        return await WithKeyAsync(factory, acme);
    }

    /// <summary>A fresh Pro team workspace (its $25 allowance, no credits), owned by the demo owner, with a key.</summary>
    public static async Task<MeteredWorkspace> NewWorkspaceAsync(BillingAppFactory factory, int? trialDays = null)
    {
        string owner;
        await using (var db = await factory.DbFactory.CreateDbContextAsync(Ct))
            owner = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(Ct);
        var provisioner = factory.Services.GetRequiredService<WorkspaceProvisioner>();
        var id = await provisioner.CreateTeamWorkspaceAsync($"Metering {Guid.NewGuid():N}", owner, PlanCatalog.Pro, trialDays, Ct);
        return await WithKeyAsync(factory, id);
    }

    public static async Task<MeteredWorkspace> WithKeyAsync(BillingAppFactory factory, Guid workspaceId, bool revoked = false)
    {
        var secret = ApiKeySecrets.NewSecret();
        var key = new ApiKey
        {
            WorkspaceId = workspaceId, Name = "tests", Prefix = ApiKeySecrets.ShownPrefix(secret), SecretHash = ApiKeySecrets.Hash(secret),
            CreatedAt = factory.Clock.GetUtcNow().UtcDateTime, RevokedAt = revoked ? factory.Clock.GetUtcNow().UtcDateTime : null,
        };
        await using (var db = await factory.DbFactory.CreateDbContextAsync(Ct))
        {
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(Ct);
        }
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return new MeteredWorkspace(workspaceId, key.Id, secret, client);
    }

    public static Task<HttpResponseMessage> PostUsageAsync(this MeteredWorkspace ws, params object[] events) =>
        ws.Client.PostAsJsonAsync("/api/v1/usage", new { events }, Ct);

    public static Task<HttpResponseMessage> AuthorizeAsync(this MeteredWorkspace ws, string agent = "support-bot") =>
        ws.Client.PostAsJsonAsync("/api/v1/runs/authorize", new { agent }, Ct);

    public static object Llm(BillingAppFactory f, string id, string run = "run-1", string model = "gpt-4.1", long input = 1200, long output = 300, int step = 0, string agent = "support-bot") =>
        new { id, runId = run, agent, timestamp = f.Clock.GetUtcNow().AddMinutes(-1), stepIndex = step, stepType = "llm_call", lineItem = "llm", model, inputTokens = input, outputTokens = output, durationMs = 900, userId = "u-1", personaId = "p-1" };

    public static object Tool(BillingAppFactory f, string id, string run = "run-1", string integration = "web-search", long calls = 2, int step = 1, string agent = "support-bot") =>
        new { id, runId = run, agent, timestamp = f.Clock.GetUtcNow().AddMinutes(-1), stepIndex = step, stepType = "tool_call", lineItem = "tool", integration, calls };

    public static object Storage(BillingAppFactory f, string id, string run = "run-1", long gbHours = 24) =>
        new { id, runId = run, agent = "support-bot", timestamp = f.Clock.GetUtcNow().AddMinutes(-1), stepIndex = 2, lineItem = "storage", gbHours };

    public static async Task<MeteringSnapshot> SnapshotAsync(BillingAppFactory factory, Guid workspaceId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync(Ct);
        var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == workspaceId, Ct);
        return new MeteringSnapshot(
            await db.UsageLineItems.CountAsync(l => l.WorkspaceId == workspaceId, Ct),
            await db.UsageEventReceipts.CountAsync(r => r.WorkspaceId == workspaceId, Ct),
            await db.UsageRuns.CountAsync(r => r.WorkspaceId == workspaceId, Ct),
            await db.UsageDailyRollups.CountAsync(r => r.WorkspaceId == workspaceId, Ct),
            await db.LedgerEntries.CountAsync(e => e.WorkspaceId == workspaceId, Ct),
            wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros);
    }

    /// <summary>The ledger's invariants for the workspace (balances are sums, after-balances chain, keys unique).</summary>
    public static Task<IReadOnlyList<LedgerDiscrepancy>> AuditAsync(BillingAppFactory factory, Guid workspaceId) =>
        factory.Services.GetRequiredService<LedgerAudit>().CheckAsync(workspaceId, Ct);

    public static async Task SetStatusAsync(BillingAppFactory factory, Guid workspaceId, SubscriptionStatus status)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync(Ct);
        await db.Subscriptions.Where(s => s.WorkspaceId == workspaceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status), Ct);
    }

    public static BillingDbContext Open(this BillingAppFactory factory) => factory.DbFactory.CreateDbContext();
}
