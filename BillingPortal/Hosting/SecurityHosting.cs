using BillingPortal.Components.Account;
using BillingPortal.Data;
using BillingPortal.Features.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace BillingPortal.Hosting;

public static class SecurityHosting
{
    /// <summary>Identity (cookies) and the two billing policies with their membership handler.</summary>
    public static WebApplicationBuilder AddBillingSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        // The metering API authenticates workspace API keys, not people.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyClaims.Scheme, null);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Events.OnRedirectToLogin = AccessResponses.OnRedirectToLogin;
            options.Events.OnRedirectToAccessDenied = AccessResponses.OnRedirectToAccessDenied;
        });

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // An address is only trusted once its owner clicked the link mailed there (no account pre-hijacking).
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                // No lockout on wrong passwords: it let anyone lock an owner out with five guesses. The sign-in
                // throttle (RateLimitHosting) limits guessing instead; a lock set by hand is still honoured.
                options.Lockout.AllowedForNewUsers = false;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                IdentityStoreOptions.Apply(options);
            })
            .AddEntityFrameworkStores<BillingDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<UnknownAccountPasswordCheck>(); // Identity's password hasher is scoped
        services.AddSingleton<OutboxEmailSender>();
        services.AddSingleton<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<OutboxEmailSender>());

        services.AddAuthorizationBuilder()
            .AddPolicy(BillingPolicies.Read, p => p.RequireAuthenticatedUser().AddRequirements(new BillingRequirement(manage: false)))
            .AddPolicy(BillingPolicies.Manage, p => p.RequireAuthenticatedUser().AddRequirements(new BillingRequirement(manage: true)))
            .AddPolicy(ApiKeyClaims.Scheme, p => p.AddAuthenticationSchemes(ApiKeyClaims.Scheme).RequireClaim(ApiKeyClaims.WorkspaceId))
            .AddPolicy(WorkspacePolicies.ManageMembers, p => p.RequireAuthenticatedUser().AddRequirements(new ManageMembersRequirement()));
        services.AddScoped<IAuthorizationHandler, BillingAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, ManageMembersHandler>();
        services.AddSingleton<WorkspaceDirectory>();
        return builder;
    }
}
