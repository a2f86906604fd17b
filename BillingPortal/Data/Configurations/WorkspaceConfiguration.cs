using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Name).HasMaxLength(100);
        builder.HasMany(w => w.Members).WithOne().HasForeignKey(m => m.WorkspaceId);
        builder.HasOne(w => w.Subscription).WithOne().HasForeignKey<Subscription>(s => s.WorkspaceId);
        builder.HasOne(w => w.Wallet).WithOne().HasForeignKey<Wallet>(w => w.WorkspaceId);
    }
}

internal sealed class WorkspaceMemberConfiguration : IEntityTypeConfiguration<WorkspaceMember>
{
    public void Configure(EntityTypeBuilder<WorkspaceMember> builder)
    {
        builder.HasIndex(m => new { m.WorkspaceId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.HasKey(s => s.WorkspaceId);
        builder.Property(s => s.PlanCode).HasMaxLength(32);
        builder.Property(s => s.PendingPlanCode).HasMaxLength(32);
        // The billing worker finds the periods that have ended.
        builder.HasIndex(s => s.CurrentPeriodEnd);
        builder.Ignore(s => s.Plan);
        builder.Ignore(s => s.PendingPlan);
        builder.Ignore(s => s.NextBillingDate);
    }
}
