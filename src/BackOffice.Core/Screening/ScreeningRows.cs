using BackOffice.Core.Customers;
using BackOffice.Core.Data;

namespace BackOffice.Core.Screening;

/// <summary>The new rows a screening makes (hits raised, audit entries in their order), for the caller's transaction to save.</summary>
internal sealed class ScreeningRows
{
    public List<ScreeningHit> Hits { get; } = [];
    public List<CustomerAuditEntry> Audits { get; } = [];

    public void AddTo(BackOfficeDbContext db)
    {
        db.ScreeningHits.AddRange(Hits);
        db.CustomerAudit.AddRange(Audits);
    }
}
