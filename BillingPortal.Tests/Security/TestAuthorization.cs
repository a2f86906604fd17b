using System.Security.Claims;
using BillingPortal.Features.Members;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace BillingPortal.Tests.Security;

/// <summary>
/// The real authorization stack over a <see cref="TestDatabase"/>: the app's three policies and its
/// membership handlers, registered as <c>SecurityHosting</c> registers them (a test there checks they match).
/// </summary>
internal static class TestAuthorization
{
    public static ServiceProvider Services(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorizationCore(options =>
        {
            options.AddPolicy(BillingPolicies.Read, p => p.RequireAuthenticatedUser().AddRequirements(new BillingRequirement(manage: false)));
            options.AddPolicy(BillingPolicies.Manage, p => p.RequireAuthenticatedUser().AddRequirements(new BillingRequirement(manage: true)));
            options.AddPolicy(WorkspacePolicies.ManageMembers, p => p.RequireAuthenticatedUser().AddRequirements(new ManageMembersRequirement()));
        });
        services.AddScoped<IAuthorizationHandler, BillingAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, ManageMembersHandler>();
        services.AddSingleton(database.Factory);
        services.AddSingleton<WorkspaceDirectory>();
        services.AddSingleton<TimeProvider>(database.Clock);
        services.AddSingleton<ILookupNormalizer, UpperInvariantLookupNormalizer>();
        services.AddScoped<MemberService>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A signed-in principal for the user, as the Identity cookie carries it.</summary>
    public static ClaimsPrincipal User(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], authenticationType: "Test"));
}
