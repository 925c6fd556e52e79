using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace BackOffice.Core.Customers;

/// <summary>The small parsing rules shared by the validators and the normalisation in <see cref="CustomerService"/>.</summary>
public static partial class ContactRules
{
    public const int MaxNameLength = FieldLimits.Name;
    public const int MaxEmailLength = FieldLimits.Email;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>Letters of any script (with their combining marks), spaces, hyphens and apostrophes; at least one letter.</summary>
    public static bool IsValidName(string? value) =>
        !string.IsNullOrWhiteSpace(value) && NamePattern().IsMatch(value.Trim());

    /// <summary>A plain addr-spec: dot-atom local part (≤ 64) @ a dotted domain with a letter TLD; ≤ 254 in all.</summary>
    public static bool IsValidEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        var email = value.Trim();
        if (email.Length > MaxEmailLength) return false;
        var at = email.LastIndexOf('@');
        if (at <= 0 || at > 64) return false;
        return EmailPattern().IsMatch(email);
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Parses an international number ("+44 7911 123456") and gives it in E.164 ("+447911123456").</summary>
    public static bool TryNormalizePhone(string? value, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(value) || value.Length > 40) return false;
        if (RecentPhones.TryGetValue(value, out var known))
        {
            e164 = known ?? "";
            return known is not null;
        }
        if (RecentPhones.Count >= MaxRecentPhones) RecentPhones.Clear();
        var parsed = ParsePhone(value);
        RecentPhones[value] = parsed;
        e164 = parsed ?? "";
        return parsed is not null;
    }

    /// <summary>
    /// A create's phone is parsed by the API's validator, the service's and the normalisation, moments apart: parsing
    /// (libphonenumber) is the costly part, so recent answers are kept. Bounded: past the limit it starts again.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> RecentPhones = new(StringComparer.Ordinal);
    private const int MaxRecentPhones = 4096;

    private static string? ParsePhone(string value)
    {
        try
        {
            // No default region: the number must carry its country code.
            var number = Phones.Parse(value.Trim(), null);
            return Phones.IsValidNumber(number) ? Phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>Lower-case, accents removed: "Zoë" and "zoe" find each other.</summary>
    public static string SearchKey(string value)
    {
        var decomposed = value.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    // Non-backtracking: linear in the input, so there is no match timeout to fire on a busy machine (that gave a 500).
    /// <summary>What a name may hold, as a regular expression (also the OpenAPI document's pattern).</summary>
    public const string NameRegex = @"^[\p{M}' \-\u2019]*\p{L}[\p{L}\p{M}' \-\u2019]*$";

    /// <summary>
    /// The name rule for JSON Schema validators, which lack Unicode letter classes: no digits, symbols or control
    /// characters. <see cref="IsValidName"/> is stricter (letters only, at least one).
    /// </summary>
    public const string NameRegexForClients = @"^[^0-9!""#$%&()*+,./:;<=>?@\[\\\]^_`{|}~\u0000-\u001F\u007F-\u009F]+$";

    [GeneratedRegex(NameRegex, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex EmailPattern();
}
