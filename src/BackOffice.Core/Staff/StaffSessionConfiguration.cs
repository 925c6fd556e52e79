using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Staff;

public sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> session)
    {
        session.ToTable("staff_sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        session.Property(s => s.EndedReason).HasMaxLength(100);
        session.HasIndex(s => new { s.UserId, s.EndedAt });
    }
}
