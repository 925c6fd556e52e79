using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Customers;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.ToTable("customers");
        customer.HasKey(c => c.Id);
        customer.Property(c => c.Id).ValueGeneratedNever();
        customer.Property(c => c.FirstName).HasMaxLength(FieldLimits.Name).IsRequired();
        customer.Property(c => c.LastName).HasMaxLength(FieldLimits.Name).IsRequired();
        customer.Property(c => c.FirstNameKey).HasMaxLength(FieldLimits.Name).IsRequired();
        customer.Property(c => c.LastNameKey).HasMaxLength(FieldLimits.Name).IsRequired();
        customer.Property(c => c.Email).HasMaxLength(FieldLimits.Email).IsRequired();
        customer.HasOne<Partners.Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
        // A partner's list, newest first, from an index range.
        customer.HasIndex(c => new { c.PartnerId, c.CreatedAt, c.Id });
        customer.Property(c => c.Phone).HasMaxLength(FieldLimits.StoredPhone).IsRequired();
        customer.Property(c => c.CreatedById).HasMaxLength(450).IsRequired();
        customer.Property(c => c.CreatedByName).HasMaxLength(256).IsRequired();
        customer.Property(c => c.Version).IsConcurrencyToken();
        customer.Property(c => c.ReviewerId).HasMaxLength(450);
        customer.Property(c => c.ReviewerName).HasMaxLength(256);
        // "My reviews" and the dashboard's open claims per reviewer. Only claimed customers: every query names a
        // reviewer, and a create (unclaimed) then does not insert into it.
        customer.HasIndex(c => new { c.ReviewerId, c.CreatedAt, c.Id }).HasFilter("\"ReviewerId\" IS NOT NULL");
        customer.Ignore(c => c.FullName);

        customer.ComplexProperty(c => c.BillingAddress, address =>
        {
            address.Property(a => a.Line1).HasColumnName("billing_line1").HasMaxLength(FieldLimits.AddressLine).IsRequired();
            address.Property(a => a.Line2).HasColumnName("billing_line2").HasMaxLength(FieldLimits.AddressLine);
            address.Property(a => a.City).HasColumnName("billing_city").HasMaxLength(FieldLimits.City).IsRequired();
            address.Property(a => a.State).HasColumnName("billing_state").HasMaxLength(FieldLimits.State).IsRequired();
            address.Property(a => a.ZipCode).HasColumnName("billing_zip_code").HasMaxLength(FieldLimits.ZipCode).IsRequired();
            address.Property(a => a.Country).HasColumnName("billing_country").HasMaxLength(FieldLimits.Country).IsRequired();
        });

        // One customer per email; also serves exact and prefix search on email.
        customer.HasIndex(c => c.Email).IsUnique();
        // The list: filter by status, newest first, keyset on (created_at, id).
        customer.HasIndex(c => new { c.Status, c.CreatedAt, c.Id });
        customer.HasIndex(c => new { c.CreatedAt, c.Id });
        // The list's screening filter (potential matches), newest first.
        customer.HasIndex(c => new { c.ScreeningStatus, c.CreatedAt, c.Id });
        // Prefix search: its indexes and collation differ per engine (Search).
    }

    /// <summary>
    /// The column, on SQLite only, of the ten days of a month a customer was created in, computed from created_at:
    /// "yyyy-MM-" and the first digit of the day ("2026-12-0" is the 1st to the 9th, "-1" the 10th to the 19th, "-2"
    /// the 20th to the 29th, "-3" the 30th and 31st).
    /// </summary>
    public const string CreatedPeriod = "CreatedPeriod";

    /// <summary>
    /// What the search box (<see cref="CustomerSearch"/>) needs of each engine. On SQLite one index per key on (created
    /// period, key), so that a search sorts at most one period's matches. They hold no more than the key because every
    /// create inserts into each at a random place: with created_at and id as well (to sort without reading the rows)
    /// they cost creates twice as much. PostgreSQL's planner is served by plain indexes on the name keys (email: the
    /// unique index), and the keys compare in code-point order as SQLite's do.
    /// </summary>
    public static void Search(EntityTypeBuilder<Customer> customer, bool sqlite)
    {
        if (!sqlite)
        {
            // Prefixes are tested as ranges (key >= 'lee' and key < 'lee' + U+10FFFF), which needs code-point order:
            // the C collation gives it (a linguistic one may ignore U+10FFFF).
            customer.Property(c => c.FirstNameKey).UseCollation("C");
            customer.Property(c => c.LastNameKey).UseCollation("C");
            customer.Property(c => c.Email).UseCollation("C");
            customer.HasIndex(c => c.FirstNameKey);
            customer.HasIndex(c => c.LastNameKey);
            return;
        }
        customer.Property<string>(CreatedPeriod).HasComputedColumnSql("substr(\"CreatedAt\", 1, 9)", stored: false);
        foreach (var key in new[] { nameof(Customer.FirstNameKey), nameof(Customer.LastNameKey), nameof(Customer.Email) })
            customer.HasIndex(CreatedPeriod, key);
    }
}

public sealed class CustomerAuditEntryConfiguration : IEntityTypeConfiguration<CustomerAuditEntry>
{
    public void Configure(EntityTypeBuilder<CustomerAuditEntry> entry)
    {
        entry.ToTable("customer_audit");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Action).HasMaxLength(40).IsRequired();
        entry.Property(e => e.ActorId).HasMaxLength(450).IsRequired();
        entry.Property(e => e.ActorName).HasMaxLength(256).IsRequired();
        entry.Property(e => e.Reason).HasMaxLength(FieldLimits.Reason);
        entry.Property(e => e.Detail).HasMaxLength(FieldLimits.AuditDetail);
        entry.Property(e => e.Changes).HasMaxLength(8000);
        entry.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => new { e.CustomerId, e.Id });
        entry.HasIndex(e => new { e.Action, e.At });
    }
}

public sealed class CustomerStatusCountConfiguration : IEntityTypeConfiguration<CustomerStatusCount>
{
    public void Configure(EntityTypeBuilder<CustomerStatusCount> count)
    {
        count.ToTable("customer_status_counts");
        count.HasKey(c => c.Status);
        count.Property(c => c.Status).ValueGeneratedNever();
        count.HasData(Enum.GetValues<CustomerStatus>().Select(s => new CustomerStatusCount { Status = s, Count = 0 }));
    }
}
