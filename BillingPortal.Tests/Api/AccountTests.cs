using System.Net;
using System.Text.RegularExpressions;
using BillingPortal.Components.Account;
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
    public async Task Register_NewEmail_CreatesUserAndPersonalWorkspace_ButSignsInOnlyAfterTheMailedLink()
    {
        var client = app.Factory.CreateBrowserlikeClient();

        var response = await PostRegisterAsync(client, "new.person@example.test", "Strong!2345");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/RegisterConfirmation", PathOf(response));
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal)));
        var early = await BillingAppFactory.PostLoginAsync(app.Factory.CreateBrowserlikeClient(), "new.person@example.test", "Strong!2345");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Confirm your e-mail address first", WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync(Ct)));

        var confirm = await client.GetAsync(MailedLink("new.person@example.test", "Confirm your e-mail address"), Ct);
        Assert.Contains("Thank you for confirming your email.", await confirm.Content.ReadAsStringAsync(Ct));
        var signedIn = await app.Factory.LoginAsync("new.person@example.test", "Strong!2345");
        var home = WebUtility.HtmlDecode(await signedIn.GetStringAsync("/", Ct));
        Assert.Contains("new.person (personal)", home);

        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var user = await db.Users.SingleAsync(u => u.NormalizedEmail == "NEW.PERSON@EXAMPLE.TEST", Ct);
        Assert.True(user.EmailConfirmed);
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
    public async Task Register_ExistingEmail_AnswersLikeANewOne_MailsTheOwner_AndCreatesNothing()
    {
        var before = await CountRowsAsync();

        // Identity compares normalised e-mails, so a change of case is still the same account.
        var existing = await PostRegisterAsync(app.Factory.CreateBrowserlikeClient(), "Owner@Acme.test", "Strong!2345");
        var fresh = await PostRegisterAsync(app.Factory.CreateBrowserlikeClient(), "never.seen@example.test", "Strong!2345");

        Assert.Equal(HttpStatusCode.Redirect, existing.StatusCode);
        Assert.Equal(PathOf(fresh), PathOf(existing));
        Assert.DoesNotContain(existing.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal)));
        Assert.Contains(Outbox.Sent, m => m.To == "owner@acme.test" && m.Subject == "Someone tried to register with your address");
        var after = await CountRowsAsync();
        Assert.Equal(before.Users + 1, after.Users); // only never.seen
    }

    [Fact]
    public async Task RegisterConfirmation_ShowsNoLink_AndTheSameAnswerForExistingAndUnknownAddresses()
    {
        var client = app.Factory.CreateBrowserlikeClient();

        var known = await client.GetAsync("/Account/RegisterConfirmation?email=owner%40acme.test", Ct);
        var unknown = await client.GetAsync("/Account/RegisterConfirmation?email=nobody%40nowhere.test", Ct);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var knownPage = WithoutTokens(await known.Content.ReadAsStringAsync(Ct));
        Assert.Equal(knownPage, WithoutTokens(await unknown.Content.ReadAsStringAsync(Ct)));
        Assert.DoesNotContain("ConfirmEmail", knownPage);
        Assert.DoesNotContain("code=", knownPage);
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
    public async Task Login_AStrangersWrongPasswords_AreThrottled_ButDoNotLockTheOwnerOut()
    {
        const string email = "lock.me@example.test";
        await CreateUserAsync(email, "Right!2345");
        var owner = await app.Factory.LoginAsync(email, "Right!2345"); // now a known device of the address
        var stranger = app.Factory.CreateBrowserlikeClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await BillingAppFactory.PostLoginAsync(stranger, email, "Wrong!2345");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Invalid login attempt", await wrong.Content.ReadAsStringAsync(Ct));
        }
        var sixth = await BillingAppFactory.PostLoginAsync(stranger, email, "Wrong!2345");
        var ownerAgain = await BillingAppFactory.PostLoginAsync(owner, email, "Right!2345");

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.NotNull(sixth.Headers.RetryAfter);
        Assert.Contains("Too many sign-in attempts. Try again in 3 minutes.", WebUtility.HtmlDecode(await sixth.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.Redirect, ownerAgain.StatusCode);
        Assert.DoesNotContain("Lockout", PathOf(ownerAgain));
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.False(await users.IsLockedOutAsync(user));
        Assert.Equal(0, await users.GetAccessFailedCountAsync(user));
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

    private OutboxEmailSender Outbox => app.Factory.Services.GetRequiredService<OutboxEmailSender>();

    /// <summary>The link in the latest e-mail with <paramref name="subject"/> to <paramref name="to"/>, as a path.</summary>
    private string MailedLink(string to, string subject)
    {
        var mail = Outbox.Sent.Last(m => m.To == to && m.Subject == subject);
        var href = WebUtility.HtmlDecode(Regex.Match(mail.HtmlBody, "href=\"([^\"]+)\"").Groups[1].Value);
        return new Uri(href).PathAndQuery;
    }

    // Antiforgery tokens, Blazor's per-render markers and its protected component state differ between any two renders.
    private static string WithoutTokens(string html) =>
        Regex.Replace(Regex.Replace(html, "\"CfDJ8[^\"]*\"", "\"\""), "<!--Blazor[^>]*-->", "");

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
        var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true }, password);
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
                new UnreachableDatabase(), new BillingWrites(new UnreachableDatabase()), sp.GetRequiredService<CreditLedger>(), sp.GetRequiredService<TimeProvider>())));
        }
    }

    private sealed class UnreachableDatabase : IDbContextFactory<BillingDbContext>
    {
        public BillingDbContext CreateDbContext() => throw new InvalidOperationException("The database is unreachable.");
    }
}
