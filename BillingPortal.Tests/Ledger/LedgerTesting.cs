using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BillingPortal.Tests.Ledger;

/// <summary>Workspaces, wallets and entries of a <see cref="TestDatabase"/>, read straight from the file.</summary>
internal static class LedgerTesting
{
    /// <summary>A team workspace on the Free plan: its first entry sets the $1 allowance, credits start at zero.</summary>
    public static async Task<Guid> NewWorkspaceAsync(this TestDatabase db, string ownerEmail = "owner@ledger.test")
    {
        var ownerId = await db.AddUserAsync(ownerEmail);
        return await db.Provisioner.CreateTeamWorkspaceAsync("Ledger test", ownerId, PlanCatalog.Free, trialDays: null, TestContext.Current.CancellationToken);
    }

    public static async Task<Wallet> WalletAsync(this TestDatabase db, Guid workspaceId)
    {
        await using var context = db.Open();
        return await context.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == workspaceId, TestContext.Current.CancellationToken);
    }

    public static async Task<List<LedgerEntry>> EntriesAsync(this TestDatabase db, Guid workspaceId)
    {
        await using var context = db.Open();
        return await context.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == workspaceId).OrderBy(e => e.Id)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    public static Task<IReadOnlyList<LedgerDiscrepancy>> AuditAsync(this TestDatabase db, Guid workspaceId) =>
        new LedgerAudit(db.Factory).CheckAsync(workspaceId, TestContext.Current.CancellationToken);
}
