using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain.Budgets;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Budgets;

/// <summary>A budget with its target as a person reads it: the agent's name, the API key's name or the member's e-mail.</summary>
public sealed record BudgetRow(BudgetView Budget, string? TargetName);

/// <summary>An API key or member a budget can cover: the value the API takes, and the name people know it by.</summary>
public sealed record BudgetTargetChoice(string Value, string Name);

public sealed record BudgetBoardView(IReadOnlyList<BudgetRow> Budgets, bool CanManage, IReadOnlyList<BudgetTargetChoice> ApiKeys, IReadOnlyList<BudgetTargetChoice> Members);

/// <summary>
/// The Budgets page's side of <see cref="BudgetService"/>: it checks the signed-in user's right on every call (billing:read
/// to look, billing:manage to change), so a user demoted while the page is open is refused on the next click.
/// </summary>
public sealed class BudgetBoard(BudgetService budgets, IDbContextFactory<BillingDbContext> dbFactory, IAuthorizationService authorization)
{
    public const string NotAllowed = "You can no longer manage the budgets of this workspace.";

    /// <summary>The workspace's budgets and what a new one can cover; null when the user may not read its billing.</summary>
    public async Task<BudgetBoardView?> LoadAsync(ClaimsPrincipal user, Guid workspaceId, CancellationToken ct = default)
    {
        if (workspaceId == Guid.Empty || !(await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Read)).Succeeded)
            return null;
        var canManage = (await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded;
        var list = await budgets.ListAsync(workspaceId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = (await db.ApiKeys.AsNoTracking().Where(k => k.WorkspaceId == workspaceId).OrderBy(k => k.Name)
                .Select(k => new { k.Id, k.Name, k.RevokedAt }).ToListAsync(ct))
            .Select(k => new BudgetTargetChoice(BudgetRules.ApiKeyTarget(k.Id), k.RevokedAt is null ? k.Name : $"{k.Name} (revoked)")).ToList();
        var members = (await (from m in db.WorkspaceMembers.AsNoTracking()
                              where m.WorkspaceId == workspaceId
                              join u in db.Users on m.UserId equals u.Id
                              select new { m.UserId, u.Email, u.UserName }).ToListAsync(ct))
            .Select(m => new BudgetTargetChoice(m.UserId, m.Email ?? m.UserName ?? m.UserId)).OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var rows = list.Select(b => new BudgetRow(b, b.Scope switch
        {
            BudgetScope.Agent => b.Target,
            BudgetScope.ApiKey => keys.FirstOrDefault(k => k.Value == b.Target)?.Name,
            BudgetScope.Member => members.FirstOrDefault(m => m.Value == b.Target)?.Name,
            _ => null,
        })).ToList();
        return new BudgetBoardView(rows, canManage, canManage ? keys : [], canManage ? members : []);
    }

    /// <summary>Makes a budget (no <paramref name="id"/>) or changes one; errors by the API's field names.</summary>
    public async Task<BudgetChange> SaveAsync(ClaimsPrincipal user, Guid workspaceId, Guid? id, BudgetDraft draft, CancellationToken ct = default)
    {
        if (!await CanManageAsync(user, workspaceId))
            return BudgetChange.Refused("budget", NotAllowed);
        return id is { } existing ? await budgets.UpdateAsync(workspaceId, existing, draft, ct) : await budgets.CreateAsync(workspaceId, draft, ct);
    }

    /// <summary>Null when deleted; otherwise why not.</summary>
    public async Task<string?> DeleteAsync(ClaimsPrincipal user, Guid workspaceId, Guid id, CancellationToken ct = default)
    {
        if (!await CanManageAsync(user, workspaceId))
            return NotAllowed;
        return await budgets.DeleteAsync(workspaceId, id, ct) ? null : "That budget was already deleted.";
    }

    private async Task<bool> CanManageAsync(ClaimsPrincipal user, Guid workspaceId) =>
        workspaceId != Guid.Empty && (await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded;
}
