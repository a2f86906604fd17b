using BillingPortal.Domain;
using BillingPortal.Features.Credits;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using MudBlazor;

namespace BillingPortal.Tests.Features.Credits;

public sealed class LedgerFiltersTests : BunitContextBase
{
    private readonly List<LedgerFilter> changes = [];

    private IRenderedComponent<LedgerFilters> RenderFilters() =>
        Render<LedgerFilters>(p => p.Add(f => f.FilterChanged, (LedgerFilter filter) => changes.Add(filter)));

    [Fact]
    public void BeforeUse_TheyAreThreeLabelledEmptyFields_WithNoSelectOrPickerComponent()
    {
        var cut = RenderFilters();

        Assert.Empty(cut.FindComponents<MudSelect<LedgerEntryType>>());
        Assert.Empty(cut.FindComponents<MudDatePicker>());
        Assert.False(cut.Instance.IsMade);
        var types = cut.Find("[data-testid=ledger-types] input");
        Assert.Equal("combobox", types.GetAttribute("role"));
        Assert.Equal("listbox", types.GetAttribute("aria-haspopup"));
        Assert.Equal("Types", cut.Find($"label[for={types.Id}]").TextContent);
        Assert.Equal("From (UTC)", cut.Find("label[for=ledger-from-field]").TextContent);
        Assert.Equal("To (UTC)", cut.Find("label[for=ledger-to-field]").TextContent);
        Assert.Equal("yyyy-mm-dd", cut.Find("#ledger-from-field").GetAttribute("placeholder"));
    }

    [Theory]
    [InlineData("[data-testid=ledger-types] input")]
    [InlineData("#ledger-from-field")]
    [InlineData("#ledger-to-field")]
    public void APressOnAnyField_MakesAllThree(string field)
    {
        var cut = RenderFilters();

        cut.Find(field).MouseDown();

        Assert.True(cut.Instance.IsMade);
        Assert.Single(cut.FindComponents<MudSelect<LedgerEntryType>>());
        Assert.Equal(2, cut.FindComponents<MudDatePicker>().Count);
        Assert.Empty(changes);
    }

    [Fact]
    public void TabbingIntoAField_MakesThemToo_AndThePressThatFollowsChangesNothing()
    {
        var cut = RenderFilters();

        cut.Find("#ledger-from-field").Focus();
        Assert.True(cut.Instance.IsMade);

        Assert.Single(cut.FindComponents<MudSelect<LedgerEntryType>>());
        Assert.Empty(changes);
    }

    [Fact]
    public async Task OnceMade_EachFieldTellsTheWholeFilter()
    {
        var cut = RenderFilters();
        cut.Find("[data-testid=ledger-types] input").MouseDown();
        var select = cut.FindComponent<MudSelect<LedgerEntryType>>();
        var pickers = cut.FindComponents<MudDatePicker>();

        await cut.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync([LedgerEntryType.Purchase, LedgerEntryType.Refund]));
        await cut.InvokeAsync(() => pickers[0].Instance.DateChanged.InvokeAsync(new DateTime(2026, 11, 1)));
        await cut.InvokeAsync(() => pickers[1].Instance.DateChanged.InvokeAsync(new DateTime(2026, 11, 30)));

        Assert.Equal(3, changes.Count);
        Assert.Equal([LedgerEntryType.Purchase, LedgerEntryType.Refund], changes[0].Types);
        Assert.Null(changes[0].From);
        Assert.Equal((new DateOnly(2026, 11, 1), (DateOnly?)null), (changes[1].From, changes[1].To));
        Assert.Equal([LedgerEntryType.Purchase, LedgerEntryType.Refund], changes[2].Types);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (changes[2].From, changes[2].To));
    }
}
