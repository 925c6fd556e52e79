using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Import;

/// <summary>
/// One import of a CSV file, known by the SHA-256 of its bytes: the same file is imported once. A stopped import
/// (cancelled, or its process died) may be run again; the customers it created already are then refused as taken
/// emails, so nothing is created twice.
/// </summary>
public sealed class CustomerImport
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Stopped = "stopped";

    public Guid Id { get; init; }
    /// <summary>Lower-case hex SHA-256 of the file's bytes. Unique.</summary>
    public required string Sha256 { get; init; }
    public required string FileName { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary><see cref="Running"/>, <see cref="Completed"/> or <see cref="Stopped"/>.</summary>
    public required string Status { get; set; }
    /// <summary>Data rows in the file.</summary>
    public int Rows { get; set; }
    public int Created { get; set; }
    public int Rejected { get; set; }

    /// <summary>Whether this import still holds its file: it finished, or it is running (and not abandoned by a dead process).</summary>
    public bool Holds(DateTime now) => Status == Completed || (Status == Running && now - StartedAt < ImportLimits.AbandonedAfter);
}

public sealed class CustomerImportConfiguration : IEntityTypeConfiguration<CustomerImport>
{
    public void Configure(EntityTypeBuilder<CustomerImport> import)
    {
        import.ToTable("customer_imports");
        import.HasKey(i => i.Id);
        import.Property(i => i.Sha256).HasMaxLength(64).IsRequired();
        import.HasIndex(i => i.Sha256).IsUnique();
        import.Property(i => i.FileName).HasMaxLength(FieldLimits.FileName).IsRequired();
        import.Property(i => i.ActorId).HasMaxLength(450).IsRequired();
        import.Property(i => i.ActorName).HasMaxLength(256).IsRequired();
        import.Property(i => i.Status).HasMaxLength(20).IsRequired();
        import.HasIndex(i => i.StartedAt);
    }
}
