using Microsoft.AspNetCore.Identity;

namespace BillingPortal.Data;

public class ApplicationUser : IdentityUser
{
    /// <summary>The workspace the user last switched to; billing pages show it while the user remains a member.</summary>
    public Guid? LastWorkspaceId { get; set; }
}
