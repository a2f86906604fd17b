using BillingPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Metering;

/// <summary>Puts the default rate card in an empty rates table at startup; demo data or not, usage needs prices.</summary>
public sealed class RateCardSeeder(IDbContextFactory<BillingDbContext> dbFactory, ILogger<RateCardSeeder> logger)
{
    /// <summary>Seeds once: false when the table already has rates (an operator's changes are never overwritten).</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.CostRates.AnyAsync(ct))
            return false;
        db.CostRates.AddRange(DefaultRates.Create());
        var rows = await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded the default rate card with {Rates} rates.", rows);
        return true;
    }
}
