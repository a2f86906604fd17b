using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Features.Subscriptions.Status;

namespace BillingPortal.Tests.Components;

/// <summary>Which banner each person sees, as pure decisions on a subscription's standing and the time.</summary>
public sealed class BannerRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    private static SubscriptionStanding Trial(DateTime endsAt, bool card = true) =>
        new("pro", SubscriptionStatus.Trial, endsAt, null, null, card, null, 0, 0);

    private static SubscriptionStanding PastDue(int count = 1, long total = 49_000_000) =>
        new("pro", SubscriptionStatus.PastDue, null, Now.AddDays(-2), null, true,
            new OverdueInvoice(12, 49_000_000, Now.AddDays(-2)), count, total);

    private static Banner? Owner(SubscriptionStanding s) => BannerRules.For(s, canReadBilling: true, canManageBilling: true, Now, EnUs);

    private static Banner? Finance(SubscriptionStanding s) => BannerRules.For(s, canReadBilling: true, canManageBilling: false, Now, EnUs);

    [Fact]
    public void TrialRunning_WithACard_CountsDownAndOffersThePlans()
    {
        var banner = Owner(Trial(Now.AddDays(9)));

        Assert.NotNull(banner);
        Assert.Equal(BannerKind.TrialRunning, banner.Kind);
        Assert.Equal(BannerTone.Info, banner.Tone);
        Assert.Equal("Your Pro trial ends in 9 days (2 Dec 2026).", banner.Message);
        Assert.Equal([new BannerLink("Choose a plan", "billing/plans")], banner.Links);
    }

    [Fact]
    public void TrialRunning_WithoutACard_AsksForAPaymentMethodFirst()
    {
        var banner = Owner(Trial(Now.AddDays(9), card: false));

        Assert.Equal(["Add a payment method", "Choose a plan"], banner!.Links.Select(l => l.Text));
        Assert.Equal("billing/payment", banner.Links[0].Href);
    }

    [Fact]
    public void TrialEndingToday_SaysTodayAndWarns()
    {
        var banner = Owner(Trial(Now.AddHours(5)));

        Assert.Equal("Your Pro trial ends today (23 Nov 2026).", banner!.Message);
        Assert.Equal(BannerTone.Warning, banner.Tone);
    }

    [Fact]
    public void TrialEndingTomorrow_SaysTomorrow()
    {
        Assert.Equal("Your Pro trial ends tomorrow (24 Nov 2026).", Owner(Trial(Now.AddDays(1)))!.Message);
    }

    [Fact]
    public void TrialExpired_WithoutACard_IsAnErrorLinkingPaymentAndPlans()
    {
        var banner = Owner(Trial(Now.AddDays(-1), card: false));

        Assert.Equal(BannerKind.TrialExpired, banner!.Kind);
        Assert.Equal(BannerTone.Error, banner.Tone);
        Assert.Equal("Your Pro trial ended on 22 Nov 2026. New agent runs are paused until you add a payment method or switch to Free.", banner.Message);
        Assert.Equal(["billing/payment", "billing/plans"], banner.Links.Select(l => l.Href));
    }

    [Fact]
    public void TrialEndedExactlyNow_CountsAsExpired_LikeRunAdmission()
    {
        Assert.Equal(BannerKind.TrialExpired, Owner(Trial(Now, card: false))!.Kind);
    }

    [Fact]
    public void TrialExpired_WithACard_SaysItConverts_WithoutAlarm()
    {
        var banner = Owner(Trial(Now.AddDays(-1), card: true));

        Assert.Equal(BannerKind.TrialConverting, banner!.Kind);
        Assert.Equal(BannerTone.Info, banner.Tone);
    }

    [Fact]
    public void PastDue_NamesTheInvoiceAmountAndDate_AndLinksThePaymentPage()
    {
        var banner = Owner(PastDue());

        Assert.Equal(BannerKind.PastDue, banner!.Kind);
        Assert.Equal("Invoice INV-000012 for $49.00 is past due since 21 Nov 2026. Agent runs are paused until it is paid.", banner.Message);
        Assert.Equal([new BannerLink("Update payment method", "billing/payment")], banner.Links);
    }

    [Fact]
    public void PastDue_WithSeveralInvoices_GivesTheirCountAndTotal()
    {
        var banner = Owner(PastDue(count: 2, total: 98_000_000));

        Assert.Equal("2 invoices totalling $98.00 are past due since 21 Nov 2026. Agent runs are paused until they are paid.", banner!.Message);
    }

    [Fact]
    public void Paused_IsStrongerThanPastDue()
    {
        var banner = Owner(PastDue() with { Status = SubscriptionStatus.Paused, PausedAt = Now.AddDays(-1) });

        Assert.Equal(BannerKind.Paused, banner!.Kind);
        Assert.Equal(BannerTone.Error, banner.Tone);
        Assert.Equal(BannerTone.Warning, Owner(PastDue())!.Tone);
        Assert.Contains("paused", banner.Message, StringComparison.Ordinal);
        Assert.Contains("INV-000012", banner.Message, StringComparison.Ordinal);
        Assert.Equal("billing/payment", Assert.Single(banner.Links).Href);
    }

    [Fact]
    public void Active_ShowsNothing()
    {
        Assert.Null(Owner(new SubscriptionStanding("pro", SubscriptionStatus.Active, null, null, null, true, null, 0, 0)));
    }

    [Fact]
    public void BillingReader_SeesTheSameMessage_WithoutLinks_AndIsToldWhomToAsk()
    {
        var owner = Owner(PastDue())!;
        var finance = Finance(PastDue())!;

        Assert.Equal(owner.Message, finance.Message);
        Assert.Empty(finance.Links);
        Assert.Equal("Ask a workspace Owner or Admin to take care of it.", finance.Note);
        // A plain countdown needs nobody to act.
        var trial = Finance(Trial(Now.AddDays(9)))!;
        Assert.Empty(trial.Links);
        Assert.Null(trial.Note);
    }

    [Fact]
    public void SomeoneWithoutBillingRead_SeesNothing_WhateverTheState()
    {
        foreach (var standing in new[] { Trial(Now.AddDays(9)), Trial(Now.AddDays(-1), card: false), PastDue() })
            Assert.Null(BannerRules.For(standing, canReadBilling: false, canManageBilling: false, Now, EnUs));
    }

    [Fact]
    public void NoSubscription_ShowsNothing()
    {
        Assert.Null(BannerRules.For(null, canReadBilling: true, canManageBilling: true, Now, EnUs));
    }
}
