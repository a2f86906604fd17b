using BillingPortal.Domain;
using BillingPortal.Features.Credits;
using BillingPortal.Tests.Infrastructure;
using Bunit;

namespace BillingPortal.Tests.Features.Credits;

public sealed class RecentMovementsTests : BunitContextBase
{
    private static readonly DateTime At = new(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void CreditsAndAllowance_AreTheirOwnColumns_SoAnAllowanceGrantDoesNotLookLikeCredits()
    {
        LedgerRow[] rows = [
            new(3, LedgerEntryType.AllowanceReset, "Pro plan allowance", At, 0, 25_000_000, 10_000_000, 25_000_000, null),
            new(2, LedgerEntryType.Usage, "Agent runs", At.AddMinutes(-5), -1_500_000, -250_000, 10_000_000, 0, null),
            new(1, LedgerEntryType.AllowanceReset, "Pro plan allowance", At.AddMinutes(-10), 0, 0, 11_500_000, 25_000_000, null),
        ];

        var cut = Render<RecentMovements>(p => p.Add(c => c.Rows, rows));

        var headers = cut.FindAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["Movement", "Date (UTC)", "Type", "Description", "Credits", "Allowance", "Balance after"], headers);
        var cells = cut.FindAll("tbody tr").Select(tr => tr.Children.Skip(1).Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList()).ToList();
        Assert.Equal(["—", "+$25.00", "$10.00"], cells[0][3..]); // the grant moves the allowance, not credits, and not the balance
        Assert.Equal(["-$1.50", "-$0.25", "$10.00"], cells[1][3..]);
        Assert.Equal(["—", "reset to $25.00", "$11.50"], cells[2][3..]); // never "— —"
    }
}
