using System.Globalization;
using System.Text;
using BillingPortal.Features.Payments.Webhooks;

namespace BillingPortal.Tests.Features.Payments.Stripe;

/// <summary>Our verifier of Stripe's signature scheme, checked against Stripe.net's own signer and verifier.</summary>
public sealed class StripeSignatureTests
{
    private const string Secret = "whsec_unit";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Payload = StripeFixtures.Event("charge.refunded", StripeFixtures.Object("charge")).ToJsonString();

    private static string Header(long timestamp, string secret = Secret, string payload = "")
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var signature = global::Stripe.EventUtility.ComputeSignature(secret, t, payload.Length == 0 ? Payload : payload);
        return $"t={t},v1={signature}";
    }

    private static string? Verify(string? header, string? payload = null) =>
        StripeSignature.Verify(Encoding.UTF8.GetBytes(payload ?? Payload), header, Secret, Now);

    [Fact]
    public void StripeSignedHeader_IsAccepted_AndStripeAcceptsWhatWeAccept()
    {
        var header = Header(Now.ToUnixTimeSeconds());
        Assert.Null(Verify(header));
        global::Stripe.EventUtility.ValidateSignature(Payload, header, Secret, 300, Now.ToUnixTimeSeconds());
    }

    [Fact]
    public void OurSignature_IsStripes()
    {
        var t = Now.ToUnixTimeSeconds();
        var ours = Convert.ToHexStringLower(StripeSignature.Sign(Encoding.UTF8.GetBytes(Payload), t, Secret));
        Assert.Equal(global::Stripe.EventUtility.ComputeSignature(Secret, t.ToString(CultureInfo.InvariantCulture), Payload), ours);
    }

    [Fact]
    public void SeveralSignatures_OneMatching_IsAccepted()
    {
        // Stripe sends one v1 per active secret while a secret is being rolled.
        var header = Header(Now.ToUnixTimeSeconds(), "whsec_old") + "," + Header(Now.ToUnixTimeSeconds()).Split(',')[1] + ",v0=ignored";
        Assert.Null(Verify(header));
    }

    [Fact]
    public void TamperedPayload_IsRefused() =>
        Assert.Contains("No signature", Verify(Header(Now.ToUnixTimeSeconds()), Payload.Replace("\"amount\":100", "\"amount\":999", StringComparison.Ordinal)));

    [Fact]
    public void WrongSecret_IsRefused() => Assert.Contains("No signature", Verify(Header(Now.ToUnixTimeSeconds(), "whsec_other")));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void OutsideFiveMinutes_IsRefused(int seconds) =>
        Assert.Contains("tolerance", Verify(Header(Now.ToUnixTimeSeconds() + seconds)));

    [Theory]
    [InlineData(-299)]
    [InlineData(0)]
    [InlineData(299)]
    public void WithinFiveMinutes_IsAccepted(int seconds) => Assert.Null(Verify(Header(Now.ToUnixTimeSeconds() + seconds)));

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("   ", "missing")]
    [InlineData("garbage", "malformed")]
    [InlineData("t=,v1=", "malformed")]
    [InlineData("t=abc,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", "malformed")]
    [InlineData("t=1772355600", "malformed")]
    [InlineData("v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", "malformed")]
    [InlineData("t=1772355600,v1=zz57a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", "malformed")]
    [InlineData("t=1772355600,v1=abc", "malformed")]
    [InlineData("t=-5,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", "malformed")]
    [InlineData("t=99999999999999999999999,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", "malformed")]
    [InlineData("t=1772355600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", "No signature")]
    public void BadHeaders_AreRefusedWithAReason(string? header, string reason) => Assert.Contains(reason, Verify(header));
}
