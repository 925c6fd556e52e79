using BackOffice.Core;
using BackOffice.Core.Customers;

namespace BackOffice.Web.Components.Customers;

/// <summary>
/// The customer list's URL parameters (<c>status</c>, <c>q</c>, <c>created_after</c>, <c>created_before</c>) as a query.
/// The list page and its CSV export read them here, so an export always selects what the list shows.
/// Unreadable values are ignored, so a hand-edited URL still shows a list.
/// </summary>
public static class CustomerListFilter
{
    public static CustomerListQuery FromUrl(string? status, string? q, string? createdAfter, string? createdBefore, string? partner = null) => new()
    {
        PartnerId = Guid.TryParse(partner, out var partnerId) ? partnerId : null,
        Status = CustomerStatusNames.TryParseWire(status, out var parsed) ? parsed : null,
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
        CreatedAfter = Timestamps.ParseUtc(createdAfter),
        CreatedBefore = Timestamps.ParseUtc(createdBefore),
    };
}
