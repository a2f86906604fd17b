using BillingPortal.Domain;
using BillingPortal.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Plans;

public sealed class SalesInquiryServiceTests : IAsyncLifetime
{
    private PlanFixture team = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => team = await PlanFixture.CreateAsync(PlanCatalog.Pro);
    public ValueTask DisposeAsync() => team.DisposeAsync();

    private static SalesInquiryForm Valid() => new() { Name = " Ada Lovelace ", Email = "ada@acme.test", Company = "Acme AI", Seats = 250, Message = "SSO please" };

    [Fact]
    public async Task Submit_AValidForm_StoresTheInquiry()
    {
        var result = await team.Inquiries.SubmitAsync(team.Owner, team.WorkspaceId, Valid(), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("We'll be in touch", result.Message);
        await using var db = team.Database.Open();
        var stored = await db.SalesInquiries.SingleAsync(Ct);
        Assert.Equal(team.WorkspaceId, stored.WorkspaceId);
        Assert.Equal("Ada Lovelace", stored.Name);
        Assert.Equal(250, stored.Seats);
        Assert.Equal(team.Database.Clock.GetUtcNow().UtcDateTime, stored.CreatedAt);
    }

    [Fact]
    public async Task Submit_BadInput_SaysWhatIsWrongWithEachField_AndStoresNothing()
    {
        var form = new SalesInquiryForm { Name = " ", Email = "not-an-email", Company = new string('x', 201), Seats = 0, Message = new string('m', 2001) };

        var result = await team.Inquiries.SubmitAsync(team.Owner, team.WorkspaceId, form, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("Enter your name.", result.Errors[SalesInquiryField.Name]);
        Assert.Equal("Enter an e-mail address like name@company.com.", result.Errors[SalesInquiryField.Email]);
        Assert.Equal("That is too long (at most 200 characters).", result.Errors[SalesInquiryField.Company]);
        Assert.Equal("Seats must be between 1 and 100,000.", result.Errors[SalesInquiryField.Seats]);
        Assert.Equal("The message is too long (at most 2,000 characters).", result.Errors[SalesInquiryField.Message]);
        await using var db = team.Database.Open();
        Assert.Equal(0, await db.SalesInquiries.CountAsync(Ct));
    }

    [Theory]
    [InlineData(null, "Enter how many seats you need.")]
    [InlineData(100_001, "Seats must be between 1 and 100,000.")]
    [InlineData(1, null)]
    [InlineData(100_000, null)]
    public void Seats_AreBetweenOneAndAHundredThousand(int? seats, string? error) =>
        Assert.Equal(error, SalesInquiryService.SeatsError(seats));

    [Fact]
    public async Task Submit_ByFinance_IsRefused()
    {
        var finance = await team.AddMemberAsync("finance@team.test", WorkspaceRole.Member, WorkspacePermissions.BillingRead);

        var result = await team.Inquiries.SubmitAsync(finance, team.WorkspaceId, Valid(), Ct);

        Assert.False(result.Succeeded);
        await using var db = team.Database.Open();
        Assert.Equal(0, await db.SalesInquiries.CountAsync(Ct));
    }
}
