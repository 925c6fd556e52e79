using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BackOffice.Core.Screening;

/// <summary>
/// One designated person, company, vessel or aircraft of a sanctions list, as published. Aliases are the list's own
/// strong aliases; weak ones (OFAC's a.k.a.s in remarks, the UN's "low quality" aliases) are kept apart because they
/// are not strong evidence.
/// </summary>
public sealed record ListEntry
{
    public required string ListName { get; init; }
    /// <summary>The publisher's id (OFAC ent_num, UN reference number).</summary>
    public required string EntryId { get; init; }
    public ListEntryKind Kind { get; init; }
    public required string PrimaryName { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<string> WeakAliases { get; init; } = [];
    public IReadOnlyList<string> Programs { get; init; } = [];
    public string? Remarks { get; init; }
    public IReadOnlyList<string> DatesOfBirth { get; init; } = [];
    public IReadOnlyList<string> Addresses { get; init; } = [];
    /// <summary>ISO 3166-1 alpha-2 codes of the countries named in addresses and nationalities (a supporting signal).</summary>
    public IReadOnlyList<string> CountryCodes { get; init; } = [];

    /// <summary>
    /// A hash of everything the publisher says about the entry: a false positive is never raised again for a customer
    /// until this changes.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this with { ListName = "" }, FingerprintJson))))[..32];

    private static readonly JsonSerializerOptions FingerprintJson = new() { IgnoreReadOnlyProperties = true };

    public IEnumerable<string> StrongNames => Aliases.Prepend(PrimaryName);
}
