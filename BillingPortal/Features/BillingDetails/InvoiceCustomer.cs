using BillingPortal.Data;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.BillingDetails;

/// <summary>Who an invoice is addressed to, copied onto it when it is issued, so later changes never rewrite it.</summary>
public sealed record InvoiceCustomer(string Name, string? Email, string? Address, string? TaxId)
{
    /// <summary>
    /// The workspace's billing details when set (legal name, address, tax id, billing e-mail); otherwise the
    /// workspace's name and its first Owner's e-mail. Read inside the issuing transaction.
    /// </summary>
    public static async Task<InvoiceCustomer> ReadAsync(BillingDbContext db, Guid workspaceId, CancellationToken ct)
    {
        var name = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(ct);
        var ownerEmail = await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspaceId && m.Role == WorkspaceRole.Owner)
            .OrderBy(m => m.JoinedAt)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email)
            .FirstOrDefaultAsync(ct);
        var details = await db.BillingDetails.AsNoTracking().FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId, ct);
        if (details is null)
            return new InvoiceCustomer(name, ownerEmail, null, null);
        var values = details.Values;
        return new InvoiceCustomer(values.LegalName, values.Email ?? ownerEmail, string.Join('\n', values.AddressLines()), values.TaxIdText);
    }
}
