using System.Collections.Concurrent;
using BillingPortal.Domain;
using BillingPortal.Features.Notifications;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Notifications;

/// <summary>
/// A team workspace on a real SQLite file with one member of each kind, the real notifier, inbox and balance alerts,
/// a ledger that publishes to those alerts, and an e-mail sender that records what it was given.
/// </summary>
internal sealed class NotificationFixture : IAsyncDisposable
{
    private NotificationFixture(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public Guid WorkspaceId { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string AdminId { get; private set; } = "";
    public string FinanceId { get; private set; } = "";
    public string MemberId { get; private set; } = "";
    public string ViewerId { get; private set; } = "";
    public RecordingEmailSender Email { get; } = new();
    public NotificationService Notifier { get; private set; } = default!;
    public NotificationInbox Inbox { get; private set; } = default!;
    public BalanceAlerts Alerts { get; private set; } = default!;
    /// <summary>Publishes every committed entry to <see cref="Alerts"/>, as the app's ledger does.</summary>
    public CreditLedger Ledger { get; private set; } = default!;

    public static async Task<NotificationFixture> CreateAsync()
    {
        var fixture = new NotificationFixture(await TestDatabase.CreateAsync());
        await fixture.SeedAsync();
        return fixture;
    }

    private async Task SeedAsync()
    {
        OwnerId = await Database.AddUserAsync("owner@team.test");
        WorkspaceId = await Database.Provisioner.CreateTeamWorkspaceAsync("Team", OwnerId, PlanCatalog.Pro, trialDays: null);
        AdminId = await AddMemberAsync("admin@team.test", WorkspaceRole.Admin);
        FinanceId = await AddMemberAsync("finance@team.test", WorkspaceRole.Member, WorkspacePermissions.BillingRead);
        MemberId = await AddMemberAsync("member@team.test", WorkspaceRole.Member);
        ViewerId = await AddMemberAsync("viewer@team.test", WorkspaceRole.Viewer);
        Notifier = NewNotifier(Email);
        Inbox = new NotificationInbox(Database.Factory, Database.Clock);
        Alerts = new BalanceAlerts(Database.Factory, Notifier, Database.Clock);
        Ledger = new CreditLedger(Database.Factory, Database.Writes, Database.Clock, new WalletEvents([Alerts], NullLogger<WalletEvents>.Instance));
    }

    public NotificationService NewNotifier(IEmailSender sender) =>
        new(Database.Factory, sender, new NotificationOptions(), Database.Clock, NullLogger<NotificationService>.Instance);

    public async Task<string> AddMemberAsync(string email, WorkspaceRole role, WorkspacePermissions permissions = WorkspacePermissions.None, Guid? workspaceId = null)
    {
        var userId = await Database.AddUserAsync(email);
        await using var db = Database.Open();
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId ?? WorkspaceId, UserId = userId, Role = role, Permissions = permissions, JoinedAt = Database.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        return userId;
    }

    /// <summary>The workspace's allowance plus credits.</summary>
    public async Task<long> SpendableAsync()
    {
        await using var db = Database.Open();
        var wallet = db.Wallets.Single(w => w.WorkspaceId == WorkspaceId);
        return wallet.CreditBalanceMicros + wallet.AllowanceRemainingMicros;
    }

    /// <summary>Debits so that the spendable balance becomes exactly <paramref name="targetMicros"/>.</summary>
    public async Task DebitToAsync(long targetMicros, string key)
    {
        var amount = await SpendableAsync() - targetMicros;
        var result = await Ledger.DebitAsync(new Posting(WorkspaceId, amount, key, "test usage"), DebitMode.AllowOverdraft);
        Assert.Equal(PostingOutcome.Applied, result.Outcome);
    }

    /// <summary>Adds credits so that the spendable balance becomes exactly <paramref name="targetMicros"/>.</summary>
    public async Task CreditToAsync(long targetMicros, string key)
    {
        var amount = targetMicros - await SpendableAsync();
        var result = await Ledger.PostCreditAsync(LedgerEntryType.Grant, new Posting(WorkspaceId, amount, key, "test grant"));
        Assert.Equal(PostingOutcome.Applied, result.Outcome);
    }

    /// <summary>Every stored notification of the workspace, oldest first.</summary>
    public List<BillingPortal.Domain.Notifications.Notification> Stored()
    {
        using var db = Database.Open();
        return [.. db.Notifications.Where(n => n.WorkspaceId == WorkspaceId).OrderBy(n => n.Id)];
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>Records each e-mail; can be told to fail.</summary>
internal sealed class RecordingEmailSender : IEmailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();
    public bool Fail { get; set; }

    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        await Task.Yield();
        if (Fail)
            throw new InvalidOperationException("The mail server is down.");
        Sent.Enqueue(message);
    }
}
