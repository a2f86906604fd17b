using BillingPortal.Data;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Metering;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Hosting;

/// <summary>Migrates the database before the app serves requests, then seeds the demo workspace when enabled.</summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        using var scope = services.CreateScope();
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BillingDbContext>>().CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
        }

        // Usage cannot be priced without rates, so the default card goes in whether or not demo data does.
        await scope.ServiceProvider.GetRequiredService<RateCardSeeder>().SeedIfEmptyAsync(ct);

        if (configuration.GetValue("Demo:Seed", true))
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
            if (seeded)
                logger.LogInformation("Seeded the demo workspace; log in as owner@acme.test with password Demo!2345.");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
