using BillingPortal.Data;
using BillingPortal.Domain.Throttling;
using BillingPortal.Tests.Domain.Throttling;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Data;

/// <summary>The throttle counters every instance shares: the same contract as the in-memory meter, in SQL.</summary>
public class DatabaseFailureCountersTests : FailureCountersContract
{
    private TestDatabase database = null!;

    protected override async Task<IFailureCounters> CreateAsync()
    {
        database = await TestDatabase.CreateAsync();
        return new DatabaseFailureCounters(database.Factory, Clock);
    }

    public override async ValueTask DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task TheTableHoldsAHashOfTheKey_NeverTheAddress()
    {
        await Counters.FailAsync("sign-in/address:OWNER@ACME.TEST", new FailureLimit(5, TimeSpan.FromMinutes(15)), Ct);

        await using var db = database.Open();
        var key = Assert.Single(await db.ThrottleCounters.Select(c => c.Key).ToListAsync(Ct));
        Assert.DoesNotContain("ACME", key, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ThrottleCounter.KeyLength, key.Length);
    }

    [Fact]
    public async Task KeysWithNothingCounted_AreSweptWhenANewKeyIsCounted()
    {
        var limit = new FailureLimit(2, TimeSpan.FromMinutes(1));
        await Counters.FailAsync("a", limit, Ct);
        Clock.Advance(TimeSpan.FromMinutes(10));

        await Counters.FailAsync("b", limit, Ct);

        await using var db = database.Open();
        Assert.Equal(1, await db.ThrottleCounters.CountAsync(Ct));
    }
}
