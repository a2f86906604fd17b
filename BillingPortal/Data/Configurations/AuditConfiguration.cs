using BillingPortal.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        // No foreign keys: the record outlives the member, key or card it names.
        // The Activity page reads one workspace newest first, keyset-paged on (At, Id).
        builder.HasIndex(a => new { a.WorkspaceId, a.At, a.Id });
        builder.Property(a => a.ActorUserId).HasMaxLength(450);
        builder.Property(a => a.ActorLabel).HasMaxLength(256);
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.TargetId).HasMaxLength(128);
        builder.Property(a => a.TargetLabel).HasMaxLength(256);
        builder.Property(a => a.Before).HasMaxLength(4000);
        builder.Property(a => a.After).HasMaxLength(4000);
        builder.Property(a => a.CorrelationId).HasMaxLength(64);
    }
}
