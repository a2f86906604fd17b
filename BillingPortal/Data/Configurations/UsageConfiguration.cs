using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class CostRateConfiguration : IEntityTypeConfiguration<CostRate>
{
    public void Configure(EntityTypeBuilder<CostRate> builder)
    {
        builder.Property(r => r.Key).HasMaxLength(100);
        builder.Property(r => r.DisplayName).HasMaxLength(100);
        builder.Property(r => r.PlanCode).HasMaxLength(32);
        builder.HasIndex(r => new { r.LineItem, r.Key, r.Metric, r.EffectiveFrom });
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.CreatedByUserId).HasMaxLength(450);
        builder.HasIndex(k => k.SecretHash).IsUnique();
        builder.HasIndex(k => k.WorkspaceId);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(k => k.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UsageLineItemConfiguration : IEntityTypeConfiguration<UsageLineItem>
{
    public void Configure(EntityTypeBuilder<UsageLineItem> builder)
    {
        builder.Property(u => u.EventId).HasMaxLength(64);
        builder.Property(u => u.RunId).HasMaxLength(64);
        builder.Property(u => u.Agent).HasMaxLength(100);
        builder.Property(u => u.StepType).HasMaxLength(50);
        builder.Property(u => u.Key).HasMaxLength(100);
        builder.Property(u => u.UserId).HasMaxLength(100);
        builder.Property(u => u.PersonaId).HasMaxLength(100);
        builder.HasIndex(u => new { u.WorkspaceId, u.RunId });
        builder.HasIndex(u => new { u.WorkspaceId, u.Timestamp });
    }
}

internal sealed class UsageEventReceiptConfiguration : IEntityTypeConfiguration<UsageEventReceipt>
{
    // The dedupe key: time-ordered event ids (UUID v7) append to this index; random ones scatter (see benchmarks).
    public void Configure(EntityTypeBuilder<UsageEventReceipt> builder)
    {
        builder.HasKey(r => new { r.WorkspaceId, r.EventId });
        builder.Property(r => r.EventId).HasMaxLength(64);
    }
}

internal sealed class UsageRunConfiguration : IEntityTypeConfiguration<UsageRun>
{
    public void Configure(EntityTypeBuilder<UsageRun> builder)
    {
        builder.HasKey(r => new { r.WorkspaceId, r.RunId });
        builder.Property(r => r.RunId).HasMaxLength(64);
        builder.Property(r => r.Agent).HasMaxLength(100);
        builder.HasIndex(r => new { r.WorkspaceId, r.LastAt });
        // The runs table's sort orders, so a page is an index walk that stops after its rows, at any history size.
        builder.HasIndex(r => new { r.WorkspaceId, r.FirstAt });
        builder.HasIndex(r => new { r.WorkspaceId, r.CostMicros });
        builder.HasIndex(r => new { r.WorkspaceId, r.Agent, r.FirstAt });
    }
}

internal sealed class UsageRunKeyConfiguration : IEntityTypeConfiguration<UsageRunKey>
{
    public void Configure(EntityTypeBuilder<UsageRunKey> builder)
    {
        builder.HasKey(k => new { k.WorkspaceId, k.RunId, k.Key });
        builder.Property(k => k.RunId).HasMaxLength(64);
        builder.Property(k => k.Key).HasMaxLength(100);
        builder.HasIndex(k => new { k.WorkspaceId, k.Key, k.FirstAt });
    }
}

internal sealed class UsageDailyRollupConfiguration : IEntityTypeConfiguration<UsageDailyRollup>
{
    public void Configure(EntityTypeBuilder<UsageDailyRollup> builder)
    {
        builder.HasKey(r => new { r.WorkspaceId, r.Day, r.Agent, r.LineItem, r.Metric, r.Key, r.ApiKeyId });
        // The Usage page's summary reads only these columns over a date range: with the amounts in the index it is an
        // index-only scan, not a table lookup per rollup row (the 90-day summary at 10M line items, see benchmarks).
        builder.HasIndex(r => new { r.WorkspaceId, r.Day, r.LineItem, r.Agent, r.Key, r.ApiKeyId, r.CostMicros, r.LineItems })
            .HasDatabaseName("IX_UsageDailyRollups_Summary");
        builder.Property(r => r.Agent).HasMaxLength(100);
        builder.Property(r => r.Key).HasMaxLength(100);
    }
}
