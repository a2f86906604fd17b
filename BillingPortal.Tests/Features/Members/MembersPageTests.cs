using System.Net;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.AspNetCore.Authorization;

namespace BillingPortal.Tests.Features.Members;

/// <summary>Who reaches <c>/workspace/members</c> over real HTTP, as the demo users of Acme AI.</summary>
// Who is refused /workspace/members (and who is sent to log in) is one row of Api/AuthorizationMatrixTests.
public sealed class MembersPageTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("admin@acme.test")]
    public async Task OwnerOrAdmin_SeesTheMembersOfTheirWorkspace(string email)
    {
        var client = await app.Factory.LoginAsync(email);

        var response = await client.GetAsync("/workspace/members", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Acme AI", html);
        Assert.Contains("finance@acme.test", html);
        Assert.Contains("viewer@acme.test", html);
        Assert.Contains("Send invitation", html);
        Assert.Contains("Pending invitations", html);
    }

    [Theory]
    [InlineData(BillingPolicies.Read)]
    [InlineData(BillingPolicies.Manage)]
    [InlineData(WorkspacePolicies.ManageMembers)]
    public async Task TestAuthorization_RegistersTheSamePoliciesAsTheApp(string name)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var test = TestAuthorization.Services(database);

        var appPolicy = await app.Factory.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(name);
        var testPolicy = await test.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(name);

        Assert.Equal(Describe(appPolicy!), Describe(testPolicy!));
    }

    private static string[] Describe(AuthorizationPolicy policy) =>
        [.. policy.Requirements.Select(r => r is BillingRequirement billing ? $"billing(manage={billing.Manage})" : r.GetType().Name)];
}
