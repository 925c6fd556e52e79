using BackOffice.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Screening;

public sealed class ScreeningHitConfiguration : IEntityTypeConfiguration<ScreeningHit>
{
    public void Configure(EntityTypeBuilder<ScreeningHit> hit)
    {
        hit.ToTable("screening_hits");
        hit.HasKey(h => h.Id);
        hit.Property(h => h.Id).ValueGeneratedNever();
        hit.Property(h => h.ListName).HasMaxLength(100).IsRequired();
        hit.Property(h => h.ListVersion).HasMaxLength(40).IsRequired();
        hit.Property(h => h.EntryId).HasMaxLength(100).IsRequired();
        hit.Property(h => h.EntryFingerprint).HasMaxLength(64).IsRequired();
        hit.Property(h => h.MatchedName).HasMaxLength(1000).IsRequired();
        hit.Property(h => h.EntryJson).IsRequired();
        hit.Property(h => h.ResolvedById).HasMaxLength(450);
        hit.Property(h => h.ResolvedByName).HasMaxLength(256);
        hit.Property(h => h.Reason).HasMaxLength(1000);
        hit.Ignore(h => h.Entry);
        hit.HasOne<Customer>().WithMany().HasForeignKey(h => h.CustomerId).OnDelete(DeleteBehavior.Restrict);
        hit.HasIndex(h => new { h.CustomerId, h.ListName, h.EntryId });
        // The queue of potential matches, oldest first.
        hit.HasIndex(h => new { h.Status, h.RaisedAt });
    }
}
