using BillingPortal.Domain;
using BillingPortal.Features.Credits;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using MudBlazor;

namespace BillingPortal.Tests.Features.Credits;

/// <summary>The type chip is MudChip's markup without a component (two per ledger row were kept by every circuit).</summary>
public sealed class LedgerTypeChipTests : BunitContextBase
{
    [Theory]
    [InlineData(LedgerEntryType.Purchase, "Purchase", "success")]
    [InlineData(LedgerEntryType.Refund, "Refund", "error")]
    [InlineData(LedgerEntryType.AllowanceReset, null, "info")]
    [InlineData(LedgerEntryType.Usage, null, "default")]
    public void Chip_KeepsItsTextAndColourClass_WithoutAMudChip(LedgerEntryType type, string? text, string colour)
    {
        var cut = Render<LedgerTypeChip>(p => p.Add(c => c.Type, type));

        Assert.Empty(cut.FindComponents<MudChip<string>>());
        var chip = cut.Find(".mud-chip-container > .mud-chip");
        Assert.Equal($"mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-{colour} ma-0", chip.ClassName);
        Assert.Equal(text ?? BillingPortal.Components.Shared.LedgerEntryTypeLabels.For(type), chip.QuerySelector(".mud-chip-content")!.TextContent);
    }
}
