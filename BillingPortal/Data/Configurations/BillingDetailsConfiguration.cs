using BillingPortal.Domain;
using BillingPortal.Domain.BillingDetails;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class BillingDetailsConfiguration : IEntityTypeConfiguration<WorkspaceBillingDetails>
{
    public void Configure(EntityTypeBuilder<WorkspaceBillingDetails> builder)
    {
        // One row per workspace, keyed by it: a concurrent first save collides on the key and retries as an update.
        builder.HasKey(d => d.WorkspaceId);
        builder.HasOne<Workspace>().WithOne().HasForeignKey<WorkspaceBillingDetails>(d => d.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.LegalName).HasMaxLength(BillingDetailsRules.MaxNameLength);
        builder.Property(d => d.AddressLine1).HasMaxLength(BillingDetailsRules.MaxLineLength);
        builder.Property(d => d.AddressLine2).HasMaxLength(BillingDetailsRules.MaxLineLength);
        builder.Property(d => d.City).HasMaxLength(BillingDetailsRules.MaxCityLength);
        builder.Property(d => d.PostalCode).HasMaxLength(BillingDetailsRules.MaxPostalCodeLength);
        builder.Property(d => d.Region).HasMaxLength(BillingDetailsRules.MaxRegionLength);
        builder.Property(d => d.Country).HasMaxLength(2);
        builder.Property(d => d.TaxIdType).HasMaxLength(16);
        builder.Property(d => d.TaxId).HasMaxLength(64);
        builder.Property(d => d.Email).HasMaxLength(BillingDetailsRules.MaxEmailLength);
        builder.Property(d => d.UpdatedByUserId).HasMaxLength(450);
        builder.Ignore(d => d.Values);
    }
}
