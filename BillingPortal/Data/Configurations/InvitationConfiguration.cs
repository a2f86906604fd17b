using BillingPortal.Domain;
using BillingPortal.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class WorkspaceInvitationConfiguration : IEntityTypeConfiguration<WorkspaceInvitation>
{
    public void Configure(EntityTypeBuilder<WorkspaceInvitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.InvitedByUserId).HasMaxLength(450);
        builder.Property(i => i.AcceptedByUserId).HasMaxLength(450);
        builder.Ignore(i => i.IsPending);
        // A link is found by its token's hash alone.
        builder.HasIndex(i => i.TokenHash).IsUnique();
        // One pending invitation per workspace and address: inviting again re-sends that one. ANSI quotes suit both
        // providers (SQL Server creates filtered indexes only with QUOTED_IDENTIFIER on).
        builder.HasIndex(i => new { i.WorkspaceId, i.NormalizedEmail }).IsUnique()
            .HasFilter("\"AcceptedAt\" IS NULL AND \"RevokedAt\" IS NULL");
        builder.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
