using System.Net;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Features.Workspaces;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api;

public sealed class AccountTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_NewEmail_CreatesUserSignsInAndGivesOnePersonalFreeWorkspace()
    {
        var client = app.Factory.CreateBrowserlikeClient();

        var response = await PostRegisterAsync(client, "new.person@example.test", "Strong!2345");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PathOf(response));
        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/", Ct));
        Assert.Contains("new.person (personal)", home);

        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var user = await db.Users.SingleAsync(u => u.NormalizedEmail == "NEW.PERSON@EXAMPLE.TEST", Ct);
        var membership = Assert.Single(await db.WorkspaceMembers.Where(m => m.UserId == user.Id).ToListAsync(Ct));
        Assert.Equal(WorkspaceRole.Owner, membership.Role);
        var workspace = await db.Workspaces.Include(w => w.Subscription).Include(w => w.Wallet).SingleAsync(w => w.Id == membership.WorkspaceId, Ct);
        Assert.Equal(WorkspaceKind.Personal, workspace.Kind);
        Assert.Equal(PlanCatalog.Free.Code, workspace.Subscription!.PlanCode);
        var allowance = Assert.Single(await db.LedgerEntries.Where(e => e.WorkspaceId == workspace.Id).ToListAsync(Ct));
        Assert.Equal(LedgerEntryType.AllowanceReset, allowance.Type);
        Assert.Equal(PlanCatalog.Free.MonthlyAllowance.Micros, allowance.AllowanceDeltaMicros);
        Assert.Equal(PlanCatalog.Free.MonthlyAllowance.Micros, workspace.Wallet!.AllowanceRemainingMicros);
    }

    [Fact]
    public async Task Register_ExistingEmail_ShowsErrorAndCreatesNothing()
    {
        var before = await CountRowsAsync();

        // Identity compares normalised e-mails, so a change of case is still the same account.
        var response = await PostRegisterAsync(app.Factory.CreateBrowserlikeClient(), "Owner@Acme.test", "Strong!2345");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Email 'Owner@Acme.test' is already taken.", page);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal)));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("weakpass1", "Passwords must have at least one uppercase ('A'-'Z').")]
    [InlineData("Weak!pass", "Passwords must have at least one digit ('0'-'9').")]
    [InlineData("Ab1!", "The Password must be at least 6 and at max 100 characters long.")]
    public async Task Register_WeakPassword_IsRefusedWithTheRuleAndCreatesNothing(string password, string message)
    {
        var before = await CountRowsAsync();

        var response = await PostRegisterAsync(app.Factory.CreateBrowserlikeClient(), "weak.password@example.test", password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Register_WhenTheWorkspaceCannotBeCreated_RemovesTheAccountAndSaysSo()
    {
        await using var factory = new FailingWorkspaceAppFactory();
        var client = factory.CreateBrowserlikeClient();

        var response = await PostRegisterAsync(client, "unlucky@example.test", "Strong!2345");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your account could not be set up. Please try again.", await response.Content.ReadAsStringAsync(Ct));
        await using var db = await factory.DbFactory.CreateDbContextAsync(Ct);
        Assert.False(await db.Users.AnyAsync(Ct));
        Assert.False(await db.Workspaces.AnyAsync(Ct));
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccountAndSaysWhenToTryAgain()
    {
        const string email = "lock.me@example.test";
        await CreateUserAsync(email, "Right!2345");
        var client = app.Factory.CreateBrowserlikeClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await BillingAppFactory.PostLoginAsync(client, email, "Wrong!2345");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Invalid login attempt", await wrong.Content.ReadAsStringAsync(Ct));
        }
        var fifth = await BillingAppFactory.PostLoginAsync(client, email, "Wrong!2345");
        Assert.StartsWith("/Account/Lockout", PathOf(fifth));

        // Identity stamps the lock with the real clock; line the app's clock up with it.
        app.Factory.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var sixth = await BillingAppFactory.PostLoginAsync(client, email, "Right!2345");

        Assert.Equal(HttpStatusCode.Redirect, sixth.StatusCode);
        var lockoutUrl = PathOf(sixth);
        Assert.StartsWith("/Account/Lockout?until=", lockoutUrl);
        Assert.Contains("Try again in 15 minutes", await client.GetStringAsync(lockoutUrl, Ct));
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
    }

    [Theory]
    [InlineData("/Account/Lockout")]
    [InlineData("/Account/Lockout?until=not-a-time")]
    public async Task Lockout_WhenTheEndIsUnknown_SaysTheUsualWait(string url)
    {
        var page = await app.Factory.CreateBrowserlikeClient().GetStringAsync(url, Ct);

        Assert.Contains("Try again in 15 minutes.", page);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var client = await app.Factory.LoginAsync("finance@acme.test");
        var manage = await client.GetStringAsync("/Account/Manage", Ct);

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BillingAppFactory.AntiforgeryToken(manage),
            ["ReturnUrl"] = "",
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PathOf(response));
        var protectedPage = await client.GetAsync("/Account/Manage", Ct);
        Assert.Equal(HttpStatusCode.Redirect, protectedPage.StatusCode);
        Assert.StartsWith("/Account/Login", PathOf(protectedPage));
        Assert.DoesNotContain("Welcome back", await client.GetStringAsync("/", Ct));
    }

    private static string PathOf(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => "",
        { IsAbsoluteUri: true } location => location.PathAndQuery,
        var location => location.OriginalString,
    };

    private static async Task<HttpResponseMessage> PostRegisterAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/Register", Ct);
        return await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BillingAppFactory.AntiforgeryToken(page),
            ["_handler"] = "register",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }), Ct);
    }

    private async Task CreateUserAsync(string email, string password)
    {
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email }, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private async Task<(int Users, int Workspaces, int Members, int Entries)> CountRowsAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return (await db.Users.CountAsync(Ct), await db.Workspaces.CountAsync(Ct),
            await db.WorkspaceMembers.CountAsync(Ct), await db.LedgerEntries.CountAsync(Ct));
    }

    /// <summary>An empty app whose workspace provisioner cannot reach the database.</summary>
    private sealed class FailingWorkspaceAppFactory : BillingAppFactory
    {
        public FailingWorkspaceAppFactory() => SeedDemo = false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(sp => new WorkspaceProvisioner(
                new UnreachableDatabase(), sp.GetRequiredService<CreditLedger>(), sp.GetRequiredService<TimeProvider>())));
        }
    }

    private sealed class UnreachableDatabase : IDbContextFactory<BillingDbContext>
    {
        public BillingDbContext CreateDbContext() => throw new InvalidOperationException("The database is unreachable.");
    }
}
