using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments.Local;

/// <summary>
/// The local gateway's stand-in for a provider's card vault: a saved card becomes a token and the behaviour its test
/// number stands for. The number itself is never stored, only its brand and last four on the <see cref="PaymentMethod"/>.
/// </summary>
public sealed class LocalCardVault(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// Saves how the card behaves and returns its token (the PaymentMethod's ProviderMethodId). A given
    /// <paramref name="token"/> (one per setup checkout) makes saving idempotent: the second save finds the first.
    /// </summary>
    public async Task<string> SaveAsync(LocalCardBehavior behavior, string? token = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        token ??= $"card_local_{Guid.NewGuid():N}";
        if (await db.LocalCards.AnyAsync(c => c.Token == token, ct))
            return token;
        db.LocalCards.Add(new LocalCard { Token = token, Behavior = behavior, CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Saved concurrently under the same token: that row is this card.
        }
        return token;
    }

    public async Task<LocalCard?> FindAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.LocalCards.AsNoTracking().FirstOrDefaultAsync(c => c.Token == token, ct);
    }
}
