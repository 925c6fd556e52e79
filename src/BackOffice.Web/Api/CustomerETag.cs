using BackOffice.Core.Customers;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace BackOffice.Web.Api;

/// <summary>A customer's ETag is its version ("v7"), which every change to its data bumps.</summary>
public static class CustomerETag
{
    public static string Of(Customer customer) => $"\"v{customer.Version}\"";

    /// <summary>
    /// The version an If-Match names: null without the header or with "*" (any version will do); -1 when it names no
    /// version of ours (a weak or foreign tag), which then never matches (412).
    /// </summary>
    public static int? ExpectedVersion(StringValues ifMatch)
    {
        if (ifMatch.Count == 0) return null;
        if (!EntityTagHeaderValue.TryParseList(ifMatch, out var tags) || tags.Count == 0) return -1;
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any))) return null;
        // If-Match uses the strong comparison: a weak tag matches nothing.
        var tag = tags.FirstOrDefault(t => !t.IsWeak);
        var text = tag?.Tag.ToString().Trim('"');
        return text is ['v', .. var digits] && int.TryParse(digits, out var version) ? version : -1;
    }
}
