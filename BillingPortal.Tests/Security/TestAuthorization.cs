using BillingPortal.Features.Activity;
using System.Security.Claims;
using BillingPortal.Components.Account;
using BillingPortal.Features.Members;
using BillingPortal.Features.Members.Invitations;
using BillingPortal.Features.Members.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
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
        services.AddSingleton(database.Writes);
        services.AddSingleton<WorkspaceDirectory>();
        services.AddSingleton<TimeProvider>(database.Clock);
        services.AddSingleton<ILookupNormalizer, UpperInvariantLookupNormalizer>();
        services.AddSingleton<AuditTrail>();
        services.AddScoped<MembershipWrite>();
        services.AddScoped<MemberService>();
        services.AddScoped<InvitationService>();
        services.AddSingleton<InvitationAcceptance>();
        // The app's e-mail outbox, kept in memory only (no folder configured): tests read what was sent.
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<OutboxEmailSender>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A signed-in principal for the user, as the Identity cookie carries it.</summary>
    public static ClaimsPrincipal User(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], authenticationType: "Test"));
}
