using BackOffice.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Wallets;

public sealed class WalletConfiguration : IEntityTypeConfiguration<Wallet>
{
    public void Configure(EntityTypeBuilder<Wallet> wallet)
    {
        wallet.ToTable("wallets");
        wallet.HasKey(w => w.Id);
        wallet.Property(w => w.Id).ValueGeneratedNever();
        wallet.Property(w => w.Currency).HasMaxLength(FieldLimits.Currency).IsRequired();
        // Exact decimal: 20 digits before the point, 4 after, more than any ISO 4217 currency needs.
        wallet.Property(w => w.Balance).HasPrecision(24, 4);
        wallet.Property(w => w.CreatedById).HasMaxLength(450).IsRequired();
        wallet.Property(w => w.CreatedByName).HasMaxLength(256).IsRequired();
        wallet.Ignore(w => w.FormattedBalance);
        wallet.HasOne<Customer>().WithMany().HasForeignKey(w => w.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // One wallet per customer and currency, even when two requests race.
        wallet.HasIndex(w => new { w.CustomerId, w.Currency }).IsUnique();
    }
}
