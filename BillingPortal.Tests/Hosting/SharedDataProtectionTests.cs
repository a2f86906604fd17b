using System.Net;
using BillingPortal.Data;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingPortal.Tests.Hosting;

/// <summary>Two app instances on one database, as behind a load balancer: what one signs, the other reads.</summary>
public sealed class SharedDataProtectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignInMadeOnOneInstance_IsHonouredByAnother_ThroughKeysKeptInTheDatabase()
    {
        await using var first = new BillingAppFactory();
        first.StartServer();
        await using var second = new BillingAppFactory { DatabasePath = first.DatabasePath, SeedDemo = false };
        second.StartServer();
        var cookies = new CookieContainer();
        using var onFirst = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var onSecond = second.CreateDefaultClient(new CookieContainerHandler(cookies));

        var login = await BillingAppFactory.PostLoginAsync(onFirst, "owner@acme.test", "Demo!2345");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var page = await onSecond.GetAsync("/billing", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Acme", await page.Content.ReadAsStringAsync(Ct));

        // The key ring is the database's, not a folder both test hosts happen to share on this machine.
        foreach (var instance in new[] { first, second })
            Assert.IsType<EntityFrameworkCoreXmlRepository<BillingDbContext>>(
                instance.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        await using var db = await first.DbFactory.CreateDbContextAsync(Ct);
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync(Ct));
    }

    [Fact]
    public async Task WithoutTheCookie_TheOtherInstanceStillAsksForASignIn()
    {
        await using var first = new BillingAppFactory();
        first.StartServer();
        await using var second = new BillingAppFactory { DatabasePath = first.DatabasePath, SeedDemo = false };
        using var anonymous = second.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));

        var page = await anonymous.GetAsync("/billing", Ct);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location?.ToString());
    }
}
