using BillingPortal.Data;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Metering;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Hosting;

/// <summary>
/// Migrates the database before the app serves requests, refuses to go on outside Development while demo data is
/// configured or present (<see cref="DemoDataGuard"/>), then seeds the rate card and, when enabled, the demo workspace,
/// on one instance at a time (<see cref="SeedLease"/>).
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        using var scope = services.CreateScope();
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BillingDbContext>>().CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
        }

        try
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataGuard>().EnsureNoDemoDataAsync(ct);
        }
        catch (DemoDataRefusedException refused)
        {
            // Logged as well as thrown: a host's startup failure can end up far from the operator's eyes.
            logger.LogCritical("{Reason}", refused.Message);
            throw;
        }

        // Several instances may start at once on an empty database: one seeds, the others wait for it and find it done.
        await scope.ServiceProvider.GetRequiredService<SeedLease>().RunAloneAsync(async token =>
        {
            // Usage cannot be priced without rates, so the default card goes in whether or not demo data does.
            await scope.ServiceProvider.GetRequiredService<RateCardSeeder>().SeedIfEmptyAsync(token);

            // Off unless configured: appsettings.Development.json turns it on, and the guard above refuses it elsewhere.
            if (configuration.GetValue<bool>("Demo:Seed"))
            {
                var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(token);
                if (seeded)
                    logger.LogInformation("Seeded the demo workspace; log in as owner@acme.test with password Demo!2345.");
            }
        }, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
