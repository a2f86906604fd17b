using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace BillingPortal.Features.Tokens;

public static class PersonalTokensHosting
{
    /// <summary>Personal tokens: the page's service, the bearer scheme and the billing API's two policies.</summary>
    public static IServiceCollection AddPersonalTokens(this IServiceCollection services)
    {
        services.AddScoped<PersonalTokenService>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, PersonalTokenAuthenticationHandler>(PersonalTokenClaims.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(TokenPolicies.Read, p => p.AddAuthenticationSchemes(PersonalTokenClaims.Scheme).RequireAuthenticatedUser()
                .AddRequirements(new PersonalTokenRequirement(manage: false)))
            .AddPolicy(TokenPolicies.Manage, p => p.AddAuthenticationSchemes(PersonalTokenClaims.Scheme).RequireAuthenticatedUser()
                .AddRequirements(new PersonalTokenRequirement(manage: true)));
        services.AddScoped<IAuthorizationHandler, PersonalTokenAuthorization>();
        return services;
    }
}
