using System.Net;
using System.Text.RegularExpressions;
using BillingPortal.Components.Account;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api.Accounts;

/// <summary>
/// An unconfirmed account must not hold an address forever: registering again with it replaces the pending
/// password and mails a fresh link, so whoever reads the mailbox wins. Confirmed accounts are never touched.
/// </summary>
public sealed class SquattedAddressTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string ConfirmSubject = "Confirm your e-mail address";

    [Fact]
    public async Task RegisteringAnAddressHeldByAnUnconfirmedAccount_ReplacesItsPassword_AndOnlyTheNewLinkConfirms()
    {
        Assert.Equal("/Account/RegisterConfirmation", PathOf(await PostRegisterAsync("real.owner@example.test", "Squat!2345")));
        var squattersLink = MailedLink("real.owner@example.test");
        var stampBefore = await StampAsync("REAL.OWNER@EXAMPLE.TEST");

        var again = await PostRegisterAsync("Real.Owner@example.test", "Owner!2345");

        Assert.Equal("/Account/RegisterConfirmation", PathOf(again)); // the same answer as for any address
        var ownersLink = MailedLink("real.owner@example.test");
        Assert.NotEqual(squattersLink, ownersLink);
        Assert.DoesNotContain(Outbox.Sent, m => m.To.Equals("real.owner@example.test", StringComparison.OrdinalIgnoreCase)
            && m.Subject == "Someone tried to register with your address");
        Assert.NotEqual(stampBefore, await StampAsync("REAL.OWNER@EXAMPLE.TEST"));
        var client = app.Factory.CreateBrowserlikeClient();
        var stale = await (await client.GetAsync(squattersLink, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("alert-danger", stale); // "Error confirming your email.", shown without its prefix
        Assert.DoesNotContain("Thank you for confirming your email.", stale);
        Assert.Contains("Thank you for confirming your email.", await (await client.GetAsync(ownersLink, Ct)).Content.ReadAsStringAsync(Ct));
        var squatter = await BillingAppFactory.PostLoginAsync(app.Factory.CreateBrowserlikeClient(), "real.owner@example.test", "Squat!2345");
        Assert.Contains("Invalid login attempt", await squatter.Content.ReadAsStringAsync(Ct));
        await app.Factory.LoginAsync("real.owner@example.test", "Owner!2345");
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == "REAL.OWNER@EXAMPLE.TEST", Ct));
    }

    [Fact]
    public async Task RegisteringAConfirmedAddress_ChangesNothing_AndMailsItsOwnerInstead()
    {
        var stampBefore = await StampAsync("FINANCE@ACME.TEST");
        var links = Outbox.Sent.Count(m => m.To == "finance@acme.test" && m.Subject == ConfirmSubject);

        Assert.Equal("/Account/RegisterConfirmation", PathOf(await PostRegisterAsync("finance@acme.test", "Taken!2345")));

        Assert.Equal(stampBefore, await StampAsync("FINANCE@ACME.TEST"));
        Assert.Equal(links, Outbox.Sent.Count(m => m.To == "finance@acme.test" && m.Subject == ConfirmSubject));
        Assert.Contains(Outbox.Sent, m => m.To == "finance@acme.test" && m.Subject == "Someone tried to register with your address");
        await app.Factory.LoginAsync("finance@acme.test", "Demo!2345");
    }

    [Fact]
    public async Task AWeakPassword_ForAPendingAddress_IsRefusedWithTheRule_AndChangesNothing()
    {
        await PostRegisterAsync("pending.weak@example.test", "Squat!2345");
        var stampBefore = await StampAsync("PENDING.WEAK@EXAMPLE.TEST");
        var mails = Outbox.Sent.Count;

        var response = await PostRegisterAsync("pending.weak@example.test", "weakpass1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Passwords must have at least one uppercase ('A'-'Z').", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(stampBefore, await StampAsync("PENDING.WEAK@EXAMPLE.TEST"));
        Assert.Equal(mails, Outbox.Sent.Count);
    }

    private OutboxEmailSender Outbox => app.Factory.Services.GetRequiredService<OutboxEmailSender>();

    private async Task<string?> StampAsync(string normalizedEmail)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.Users.Where(u => u.NormalizedEmail == normalizedEmail).Select(u => u.SecurityStamp).SingleAsync(Ct);
    }

    private string MailedLink(string to)
    {
        var mail = Outbox.Sent.Last(m => m.To.Equals(to, StringComparison.OrdinalIgnoreCase) && m.Subject == ConfirmSubject);
        return new Uri(WebUtility.HtmlDecode(Regex.Match(mail.HtmlBody, "href=\"([^\"]+)\"").Groups[1].Value)).PathAndQuery;
    }

    private static string PathOf(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => "",
        { IsAbsoluteUri: true } location => location.PathAndQuery,
        var location => location.OriginalString,
    };

    private async Task<HttpResponseMessage> PostRegisterAsync(string email, string password)
    {
        var client = app.Factory.CreateBrowserlikeClient();
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
}
