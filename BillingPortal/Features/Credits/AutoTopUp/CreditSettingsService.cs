using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Domain.Payments;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Credits.AutoTopUp;

/// <summary>Saved, or refused with a message and the errors by field (<see cref="AutoTopUpFields"/>); nothing written when refused.</summary>
public sealed record SettingsResult(bool Succeeded, string Message, IReadOnlyDictionary<string, string> Errors)
{
    public static SettingsResult Done(string message) => new(true, message, new Dictionary<string, string>());
    public static SettingsResult Refused(string message, IReadOnlyDictionary<string, string>? errors = null) => new(false, message, errors ?? new Dictionary<string, string>());
}

/// <summary>Auto top-up as the Credits page shows it: the settings, this month's automatic charges and the cards to pick from.</summary>
public sealed record AutoTopUpStatus(CreditSettings Settings, long ChargedThisMonthMicros, PaymentMethod? Card, IReadOnlyList<PaymentMethod> UsableCards)
{
    public bool CapReached => Settings.AutoTopUpEnabled
        && !AutoTopUpRules.FitsUnderCap(ChargedThisMonthMicros, Settings.AutoTopUpAmountMicros, Settings.AutoTopUpMonthlyCapMicros);
}

/// <summary>
/// A workspace's credit settings: auto top-up and the low-balance alert. Reads need nothing more than the page's
/// own guard; every write checks <see cref="BillingPolicies.Manage"/> again, so a user demoted while the page is
/// open is refused on the next click.
/// </summary>
public sealed class CreditSettingsService(
    IDbContextFactory<BillingDbContext> dbFactory,
    BillingWrites writes,
    IAuthorizationService authorization,
    AutoTopUpSettingsCache cache,
    TimeProvider clock,
    AuditTrail? trail = null,
    IAuditContext? audit = null)
{
    // Built without the app's services (some tests), the writer still records, as a worker.
    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    private readonly IAuditContext audit = audit ?? new FixedAuditContext(AuditActor.Worker());
    private const string NotAllowed = "You can no longer manage the billing of this workspace.";

    /// <summary>The workspace's settings, or the defaults (auto top-up off) when none were saved.</summary>
    public async Task<CreditSettings> GetAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CreditSettings.AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct)
            ?? new CreditSettings { WorkspaceId = workspaceId };
    }

    /// <summary>The settings with this month's automatic charges and the cards on file that can be charged.</summary>
    public async Task<AutoTopUpStatus> GetAutoTopUpAsync(Guid workspaceId, CancellationToken ct = default)
    {
        var settings = await GetAsync(workspaceId, ct);
        var now = Now;
        var (start, end) = AutoTopUpRules.MonthWindow(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var charged = await AutoTopUpRunner.ChargedAsync(db, workspaceId, start, end, ct);
        var cards = await db.PaymentMethods.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.RemovedAt == null).ToListAsync(ct);
        var usable = cards.Where(c => !c.IsExpired(now)).OrderByDescending(c => c.IsDefault).ThenByDescending(c => c.CreatedAt).ToList();
        var card = settings.AutoTopUpPaymentMethodId is { } id ? cards.FirstOrDefault(c => c.Id == id) : cards.FirstOrDefault(c => c.IsDefault);
        return new AutoTopUpStatus(settings, charged, card, usable);
    }

    /// <summary>
    /// Validates and saves auto top-up. Saving is how an Owner or Admin fixes a paused auto top-up: it clears the
    /// pause, the failure count and the pending retry. A charge under way keeps its claim.
    /// </summary>
    public async Task<SettingsResult> SaveAutoTopUpAsync(ClaimsPrincipal user, Guid workspaceId, AutoTopUpChange change, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
            return SettingsResult.Refused(NotAllowed);
        var now = Now;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var card = await CardAsync(db, workspaceId, change.PaymentMethodId, ct);
            var errors = AutoTopUpRules.Validate(change, card, now);
            if (errors.Count > 0)
                return SettingsResult.Refused("Check the highlighted fields.", errors);
        }
        await UpsertAsync(workspaceId, user.UserId(), AuditActions.AutoTopUpUpdated, AutoTopUpSnapshot, settings =>
        {
            settings.AutoTopUpEnabled = change.Enabled;
            settings.AutoTopUpThresholdMicros = change.ThresholdMicros;
            settings.AutoTopUpAmountMicros = change.AmountMicros;
            settings.AutoTopUpMonthlyCapMicros = change.MonthlyCapMicros;
            settings.AutoTopUpPaymentMethodId = change.PaymentMethodId;
            settings.AutoTopUpPausedAt = null;
            settings.AutoTopUpPauseReason = null;
            settings.AutoTopUpConsecutiveFailures = 0;
            settings.AutoTopUpNextAttemptAt = null;
        }, ct);
        return SettingsResult.Done(change.Enabled ? "Auto top-up is on." : "Auto top-up settings saved; it is off.");
    }

    /// <summary>Turns auto top-up off, keeping its amounts for the next time. A charge under way still settles.</summary>
    public async Task<SettingsResult> DisableAutoTopUpAsync(ClaimsPrincipal user, Guid workspaceId, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
            return SettingsResult.Refused(NotAllowed);
        await UpsertAsync(workspaceId, user.UserId(), AuditActions.AutoTopUpUpdated, AutoTopUpSnapshot, settings => settings.AutoTopUpEnabled = false, ct);
        return SettingsResult.Done("Auto top-up is off.");
    }

    /// <summary>Sets the balance at or below which Owners and Admins are told credits are running low.</summary>
    public async Task<SettingsResult> SaveLowBalanceThresholdAsync(ClaimsPrincipal user, Guid workspaceId, long thresholdMicros, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
            return SettingsResult.Refused(NotAllowed);
        if (AutoTopUpRules.ValidateLowBalanceThreshold(thresholdMicros) is { } error)
            return SettingsResult.Refused(error, new Dictionary<string, string> { [AutoTopUpFields.LowBalanceThreshold] = error });
        await UpsertAsync(workspaceId, user.UserId(), AuditActions.LowBalanceThresholdUpdated, LowBalanceSnapshot,
            settings => settings.LowBalanceThresholdMicros = thresholdMicros, ct);
        return SettingsResult.Done("Low-balance alert saved.");
    }

    /// <summary>One unit of work per save; the row is created on first save, and a concurrent first save retries as an update.</summary>
    private async Task UpsertAsync(Guid workspaceId, string? userId, string action,
        Func<CreditSettings, IReadOnlyDictionary<Guid, string>, Dictionary<string, object?>> snapshot, Action<CreditSettings> apply, CancellationToken ct)
    {
        var by = await audit.ActorAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await writes.RunAsync(async (scope, ct) =>
                {
                    var db = scope.Db;
                    var settings = await db.CreditSettings.FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
                    if (settings is null)
                    {
                        settings = new CreditSettings { WorkspaceId = workspaceId };
                        db.CreditSettings.Add(settings);
                    }
                    // The trail names a card as the page does ("Visa •••• 4242"), removed cards included, never by its id.
                    var cards = await db.PaymentMethods.AsNoTracking().Where(m => m.WorkspaceId == workspaceId).ToListAsync(ct);
                    var labels = cards.ToDictionary(c => c.Id, c => c.Display);
                    var before = snapshot(settings, labels);
                    apply(settings);
                    // In this unit: the record commits with the settings; a save that changed nothing records nothing.
                    trail.RecordChangeWithin(scope, by, new AuditChange(workspaceId, action, workspaceId.ToString(), "Credit settings", before, snapshot(settings, labels)));
                    settings.UpdatedAt = Now;
                    settings.UpdatedByUserId = userId;
                    return settings;
                }, ct);
                cache.Invalidate(workspaceId);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another first save inserted the row (the server engines): the next attempt updates it.
            }
        }
    }

    private static Dictionary<string, object?> AutoTopUpSnapshot(CreditSettings s, IReadOnlyDictionary<Guid, string> cards) => new()
    {
        ["enabled"] = s.AutoTopUpEnabled,
        ["thresholdMicros"] = s.AutoTopUpThresholdMicros,
        ["amountMicros"] = s.AutoTopUpAmountMicros,
        ["monthlyCapMicros"] = s.AutoTopUpMonthlyCapMicros,
        ["card"] = s.AutoTopUpPaymentMethodId is { } id ? cards.GetValueOrDefault(id, "a removed card") : "the default card",
        ["paused"] = s.AutoTopUpPausedAt is not null,
    };

    private static Dictionary<string, object?> LowBalanceSnapshot(CreditSettings s, IReadOnlyDictionary<Guid, string> _) => new() { ["lowBalanceThresholdMicros"] = s.LowBalanceThresholdMicros };

    private static async Task<PaymentMethod?> CardAsync(BillingDbContext db, Guid workspaceId, Guid? cardId, CancellationToken ct)
    {
        // Scoped to the workspace: a card id from another workspace is simply not found.
        var cards = db.PaymentMethods.AsNoTracking().Where(m => m.WorkspaceId == workspaceId);
        return cardId is { } id
            ? await cards.FirstOrDefaultAsync(m => m.Id == id, ct)
            : await cards.FirstOrDefaultAsync(m => m.IsDefault && m.RemovedAt == null, ct);
    }

    private async Task<bool> MayManageAsync(ClaimsPrincipal user, Guid workspaceId) =>
        (await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
