using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain.Audit;
using BillingPortal.Domain.BillingDetails;
using BillingPortal.Features.Activity;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.BillingDetails;

/// <summary>Saved, or refused with a message and the errors by field (<see cref="BillingDetailsFields"/>); nothing written when refused.</summary>
public sealed record BillingDetailsResult(bool Succeeded, string Message, IReadOnlyDictionary<string, string> Errors)
{
    public static BillingDetailsResult Done(string message) => new(true, message, new Dictionary<string, string>());
    public static BillingDetailsResult Refused(string message, IReadOnlyDictionary<string, string>? errors = null) =>
        new(false, message, errors ?? new Dictionary<string, string>());
}

/// <summary>
/// A workspace's billing details. Reads need billing:read (the page's guard); a save checks billing:manage again
/// when it runs and validates every field. Then the payment provider's customer is given them, before they are saved
/// here and outside the unit of work (no write lock is held over a network call): a tax id the provider refuses saves
/// nothing, neither here nor there, and says why next to the field; a provider that cannot be reached does not stop
/// the save (the next save updates the customer). Last, the row and its audit record are written in one unit of work.
/// </summary>
public sealed class BillingDetailsService(
    IDbContextFactory<BillingDbContext> dbFactory,
    BillingWrites writes,
    IAuthorizationService authorization,
    IBillingCustomerSync customers,
    TimeProvider clock,
    ILogger<BillingDetailsService> log,
    AuditTrail? trail = null,
    IAuditContext? audit = null)
{
    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    private readonly IAuditContext audit = audit ?? new FixedAuditContext(AuditActor.Worker());
    private const string NotAllowed = "You can no longer manage the billing of this workspace.";
    public const string TaxIdRefusedMessage = "Nothing was saved: the payment provider refused the tax id (see the field). Your earlier details stay as they were.";

    /// <summary>The saved details, or null when none were saved yet.</summary>
    public async Task<WorkspaceBillingDetails?> GetAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BillingDetails.AsNoTracking().FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId, ct);
    }

    /// <summary>Validates and saves <paramref name="input"/> for <paramref name="workspaceId"/> as <paramref name="user"/>.</summary>
    public async Task<BillingDetailsResult> SaveAsync(ClaimsPrincipal user, Guid workspaceId, BillingDetailsInput input, CancellationToken ct = default)
    {
        if (!(await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded)
            return BillingDetailsResult.Refused(NotAllowed);
        var check = BillingDetailsRules.Validate(input);
        if (check.Values is not { } values)
            return BillingDetailsResult.Refused("Check the highlighted fields.", check.Errors);

        CustomerSyncResult? synced;
        try
        {
            synced = await customers.SyncAsync(workspaceId, values, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Updating the payment provider's customer of workspace {WorkspaceId} failed; the details are saved all the same.", workspaceId);
            synced = null;
        }
        if (synced?.TaxIdRefusal is { } refusal)
            return BillingDetailsResult.Refused(TaxIdRefusedMessage, new Dictionary<string, string> { [BillingDetailsFields.TaxId] = refusal });

        var by = await audit.ActorAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await writes.RunAsync(async (scope, ct) =>
                {
                    var db = scope.Db;
                    var row = await db.BillingDetails.FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId, ct);
                    var before = row?.Values.Snapshot();
                    if (row is null)
                        db.BillingDetails.Add(row = new WorkspaceBillingDetails { WorkspaceId = workspaceId });
                    row.Update(values, clock.GetUtcNow().UtcDateTime, user.UserId());
                    // In this unit: the record commits with the details; a save that changed nothing records nothing.
                    trail.RecordChangeWithin(scope, by, new AuditChange(workspaceId, AuditActions.BillingDetailsUpdated,
                        workspaceId.ToString(), "Billing details", before, values.Snapshot()));
                    return row;
                }, ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another first save inserted the row (the server engines): the next attempt updates it.
            }
        }

        return synced is null
            ? BillingDetailsResult.Done("Billing details saved. The payment provider could not be updated just now; save again later to retry.")
            : BillingDetailsResult.Done("Billing details saved. New invoices are addressed to them.");
    }
}
