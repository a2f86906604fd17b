using BillingPortal.Domain;
using BillingPortal.Domain.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Target).HasMaxLength(BudgetRules.MaxUserIdLength);
        builder.Property(b => b.Thresholds).HasMaxLength(64);
        builder.Ignore(b => b.ThresholdPercents);
        builder.HasIndex(b => b.WorkspaceId);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(b => b.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BudgetSpendConfiguration : IEntityTypeConfiguration<BudgetSpend>
{
    public void Configure(EntityTypeBuilder<BudgetSpend> builder)
    {
        builder.HasKey(s => new { s.BudgetId, s.PeriodStart });
        // A deleted budget takes its counters with it.
        builder.HasOne<Budget>().WithMany().HasForeignKey(s => s.BudgetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunHoldConfiguration : IEntityTypeConfiguration<RunHold>
{
    public void Configure(EntityTypeBuilder<RunHold> builder)
    {
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.RunId).HasMaxLength(64);
        builder.Property(h => h.Agent).HasMaxLength(100);
        builder.Property(h => h.UserId).HasMaxLength(100);
        // One hold per run: a retried authorize finds the hold it made.
        builder.HasIndex(h => new { h.WorkspaceId, h.RunId }).IsUnique();
        builder.HasIndex(h => new { h.WorkspaceId, h.ExpiresAt });
        builder.HasOne<Workspace>().WithMany().HasForeignKey(h => h.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
