using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace BackOffice.Core.Reference;

/// <summary>
/// Postal code formats for the countries we know how to check. Countries without an
/// entry are not validated: <see cref="Matches"/> accepts any value for them.
/// </summary>
public static class PostalCodeFormats
{
    private sealed record PostalFormat(string CountryCode, Regex Pattern, string Example);

    private static readonly FrozenDictionary<string, PostalFormat> ByCountry = new[]
    {
        // 12345 or ZIP+4 12345-6789
        Format("US", @"^[0-9]{5}(?:-[0-9]{4})?$", "94105 or 94105-1234"),

        // Outward code (A9, A99, A9A, AA9, AA99, AA9A) + optional space + inward code (9AA),
        // plus the special GIR 0AA. Letter restrictions follow Royal Mail's rules.
        Format("GB", @"^(?:GIR ?0AA|(?:[A-PR-UWYZ][0-9][A-HJKPSTUW0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY0-9]?) ?[0-9][ABD-HJLNP-UW-Z]{2})$", "SW1A 1AA"),

        // A1A 1A1: no D, F, I, O, Q or U anywhere; W and Z not allowed as the first letter.
        Format("CA", @"^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]$", "K1A 0B1"),

        Format("DE", @"^[0-9]{5}$", "10115"),
        Format("FR", @"^[0-9]{5}$", "75008"),

        // 1234 AB: first digit not 0; SA, SD and SS are never issued (S is followed by any letter but A, D or S).
        Format("NL", @"^[1-9][0-9]{3} ?(?:[A-RT-Z][A-Z]|S[BCE-RT-Z])$", "1012 AB"),

        // PIN code: 6 digits, first digit 1-9.
        Format("IN", @"^[1-9][0-9]{5}$", "110001"),

        Format("AU", @"^[0-9]{4}$", "2000"),

        // CEP: 12345-678 or 12345678
        Format("BR", @"^[0-9]{5}-?[0-9]{3}$", "01310-100"),

        // 123-4567 or 1234567
        Format("JP", @"^[0-9]{3}-?[0-9]{4}$", "100-0001"),

        Format("NG", @"^[0-9]{6}$", "100001"),
        Format("IT", @"^[0-9]{5}$", "00118"),

        // First two digits are the province, 01-52.
        Format("ES", @"^(?:0[1-9]|[1-4][0-9]|5[0-2])[0-9]{3}$", "28013"),

        Format("BE", @"^[1-9][0-9]{3}$", "1000"),
        Format("AT", @"^[1-9][0-9]{3}$", "1010"),
        Format("CH", @"^[1-9][0-9]{3}$", "8001"),

        // 123 45 (space optional)
        Format("SE", @"^[1-9][0-9]{2} ?[0-9]{2}$", "114 55"),

        // 12-345
        Format("PL", @"^[0-9]{2}-[0-9]{3}$", "00-950"),

        // 1234-567
        Format("PT", @"^[1-9][0-9]{3}-[0-9]{3}$", "1000-001"),

        // Eircode: routing key (letter + 2 digits, or D6W) + optional space + 4-character
        // unique identifier, using only the letters A C D E F H K N P R T V W X Y.
        Format("IE", @"^(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$", "A65 F4E2"),

        Format("MX", @"^[0-9]{5}$", "06600"),
        Format("DK", @"^[0-9]{4}$", "1050"),
        Format("NO", @"^[0-9]{4}$", "0150"),

        Format("FI", @"^[0-9]{5}$", "00100"),
        Format("CZ", @"^[0-9]{3} ?[0-9]{2}$", "110 00"),
        Format("SK", @"^[0-9]{3} ?[0-9]{2}$", "811 01"),
        Format("GR", @"^[0-9]{3} ?[0-9]{2}$", "105 57"),
        Format("HU", @"^[1-9][0-9]{3}$", "1051"),
        Format("LU", @"^(?:L-)?[0-9]{4}$", "L-1009 or 1009"),
        Format("NZ", @"^[0-9]{4}$", "6011"),
        Format("ZA", @"^[0-9]{4}$", "2001"),
        Format("SG", @"^[0-9]{6}$", "238823"),
        Format("CN", @"^[0-9]{6}$", "100000"),
        Format("KR", @"^[0-9]{5}$", "03187"),
        Format("RU", @"^[0-9]{6}$", "101000"),
    }.ToFrozenDictionary(f => f.CountryCode, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True when the country has no known format, or <paramref name="zipCode"/> (trimmed) matches it.
    /// A blank zip code never matches a country that has a known format.
    /// </summary>
    public static bool Matches(string countryCode, string zipCode)
    {
        var format = Find(countryCode);
        if (format is null)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(zipCode))
        {
            return false;
        }

        return format.Pattern.IsMatch(zipCode.Trim());
    }

    public static bool HasKnownFormat(string countryCode) => Find(countryCode) is not null;

    /// <summary>An example postal code for display, e.g. "SW1A 1AA" for GB; null when the format is unknown.</summary>
    public static string? ExampleFor(string countryCode) => Find(countryCode)?.Example;

    private static PostalFormat? Find(string? countryCode)
    {
        if (string.IsNullOrWhiteSpace(countryCode))
        {
            return null;
        }

        return ByCountry.TryGetValue(countryCode.Trim(), out var format) ? format : null;
    }

    private static PostalFormat Format(string countryCode, string pattern, string example) =>
        new(
            countryCode,
            // Linear in the input's length, so no match timeout is needed. A wall-clock timeout fired under load
            // and turned a valid address into a 500.
            new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking),
            example);
}
