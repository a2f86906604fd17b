using System.Diagnostics;
using BillingPortal.Domain;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Ledger;

namespace BillingPortal.Tests.Features.Credits.AutoTopUp;

public class AutoTopUpTriggerTests
{
    private static long D(decimal dollars) => Money.FromDollars(dollars).Micros;

    private static WalletChange Change(Guid workspace, decimal before, decimal after) =>
        new(workspace, 1, LedgerEntryType.Usage, D(before), D(after), D(after), 0);

    [Fact]
    public async Task OnlyALoweringChange_AtOrBelowAnActiveThreshold_QueuesTheWorkspace()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        var trigger = new AutoTopUpTrigger(new AutoTopUpSettingsCache(f.Database.Factory, f.Database.Clock), f.Queue);
        var ct = TestContext.Current.CancellationToken;

        await trigger.OnWalletChangedAsync(Change(f.WorkspaceId, 12, 5), ct);
        Assert.Empty(f.Queue.Drain()); // off: nothing, and "off" is what the cache now holds

        await f.EnableAsync(); // saving invalidates the fixture's cache, not this trigger's own one
        var fresh = new AutoTopUpTrigger(new AutoTopUpSettingsCache(f.Database.Factory, f.Database.Clock), f.Queue);
        await fresh.OnWalletChangedAsync(Change(f.WorkspaceId, 12, 10.01m), ct);
        await fresh.OnWalletChangedAsync(Change(f.WorkspaceId, 5, 30), ct); // a credit, not a debit
        Assert.Empty(f.Queue.Drain());
        await fresh.OnWalletChangedAsync(Change(f.WorkspaceId, 12, 10), ct);
        await fresh.OnWalletChangedAsync(Change(f.WorkspaceId, 10, 9), ct);
        Assert.Equal([f.WorkspaceId], f.Queue.Drain()); // queued once however many debits
    }

    [Fact]
    public async Task SavingSettings_IsSeenByTheTriggerAtOnce()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.SpendDownToAsync(D(8)); // off: the trigger caches "off"
        Assert.Empty(f.Queue.Drain());
        await f.EnableAsync();
        await f.SpendAsync(D(0.01m));
        Assert.Equal([f.WorkspaceId], f.Queue.Drain());
    }

    /// <summary>The trigger runs after every debit: with the settings cached it must cost next to nothing.</summary>
    [Fact]
    public async Task OnTheHotPath_ACachedCheck_CostsMicroseconds()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        var cache = new AutoTopUpSettingsCache(f.Database.Factory, f.Database.Clock);
        var trigger = new AutoTopUpTrigger(cache, f.Queue);
        var ct = TestContext.Current.CancellationToken;
        var above = Change(f.WorkspaceId, 50, 49);

        var cold = Stopwatch.StartNew();
        await trigger.OnWalletChangedAsync(above, ct);
        cold.Stop();
        const int calls = 100_000;
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
            await trigger.OnWalletChangedAsync(above, ct);
        warm.Stop();

        var perCall = warm.Elapsed.TotalMicroseconds / calls;
        TestContext.Current.TestOutputHelper?.WriteLine($"Auto top-up trigger: first (uncached) check {cold.Elapsed.TotalMilliseconds:F2} ms, then {perCall:F3} µs per debit over {calls:N0} debits.");
        Assert.True(perCall < 50, $"{perCall:F3} µs per cached check");
    }
}
