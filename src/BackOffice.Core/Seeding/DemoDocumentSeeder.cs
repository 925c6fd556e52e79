using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Documents;
using BackOffice.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Seeding;

/// <summary>
/// Demo documents, so that a first run shows the viewer and the review: the newest pending customers get an identity
/// card (PNG) and a utility bill (PDF), handed in by the demo agent through the real <see cref="DocumentService"/>;
/// the first few have them accepted already, ready for approval.
/// </summary>
public static class DemoDocumentSeeder
{
    public static async Task SeedAsync(IDbContextFactory<BackOfficeDbContext> dbFactory, DocumentService documents, Actor agent, Actor reviewer,
        int customers = 12, int accepted = 3, CancellationToken ct = default)
    {
        List<Customer> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.CustomerDocuments.AnyAsync(ct)) return;
            pending = await db.Customers.AsNoTracking().Where(c => c.Status == CustomerStatus.PendingKyc && c.Type == CustomerType.Individual)
                .OrderByDescending(c => c.CreatedAt).Take(customers).ToListAsync(ct);
        }
        for (var i = 0; i < pending.Count; i++)
        {
            var customer = pending[i];
            var address = $"{customer.BillingAddress.Line1}, {customer.BillingAddress.City} {customer.BillingAddress.ZipCode}";
            var card = await documents.UploadAsync(customer.Id, new NewDocument { Kind = DocumentKind.NationalId, Side = DocumentSide.Front, FileName = "id-card-front.png" },
                new MemoryStream(DemoDocumentFiles.IdentityCardPng(customer.FullName, i)), agent, ct);
            var bill = await documents.UploadAsync(customer.Id, new NewDocument { Kind = DocumentKind.ProofOfAddress, FileName = "utility-bill-october.pdf" },
                new MemoryStream(DemoDocumentFiles.UtilityBillPdf(customer.FullName, address)), agent, ct);
            if (i >= accepted) continue;
            if (card.Succeeded) await documents.AcceptAsync(card.Value!.Id, reviewer, ct);
            if (bill.Succeeded) await documents.AcceptAsync(bill.Value!.Id, reviewer, ct);
        }
    }
}
