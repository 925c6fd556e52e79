using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Screening;

public sealed class ScreeningJobConfiguration : IEntityTypeConfiguration<ScreeningJob>
{
    public void Configure(EntityTypeBuilder<ScreeningJob> job)
    {
        job.ToTable("screening_jobs");
        job.HasKey(j => j.Id);
        job.Property(j => j.Id).ValueGeneratedNever();
        job.Property(j => j.Reason).HasMaxLength(200).IsRequired();
        job.Property(j => j.ListVersions).HasMaxLength(1000).IsRequired();
        job.HasIndex(j => j.CompletedAt);
    }
}
