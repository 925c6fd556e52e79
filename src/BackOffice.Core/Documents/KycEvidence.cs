using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Documents;

/// <summary>What a KYC approval needs in documents (<see cref="KycOptions.RequiredDocuments"/>), and what is missing.</summary>
public static class KycEvidence
{
    /// <summary>People's names of the required documents not yet accepted for <paramref name="customer"/>; empty when approval may go ahead.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(BackOfficeDbContext db, Customer customer, KycOptions options, CancellationToken ct)
    {
        var required = options.RequiredFor(customer.Type.ToWire());
        if (required.Count == 0) return [];
        var accepted = await db.CustomerDocuments.AsNoTracking()
            .Where(d => d.CustomerId == customer.Id && d.Status == DocumentStatus.Accepted)
            .Select(d => d.Kind).Distinct().ToListAsync(ct);
        return required.Where(entry => !IsMet(entry, accepted)).Select(Describe).ToList();
    }

    private static bool IsMet(string entry, IReadOnlyCollection<DocumentKind> accepted) =>
        entry == KycOptions.Identity
            ? accepted.Any(k => DocumentNames.IdentityKinds.Contains(k))
            : DocumentNames.TryParseKind(entry, out var kind) && accepted.Contains(kind);

    private static string Describe(string entry) =>
        entry == KycOptions.Identity ? "an identity document (passport, national ID or driver's license)"
        : DocumentNames.TryParseKind(entry, out var kind) ? "a " + kind.ToDisplay().ToLowerInvariant()
        : entry;

    public static string MissingMessage(IReadOnlyList<string> missing) =>
        $"Approval needs accepted evidence; missing: {string.Join("; ", missing)}.";
}
