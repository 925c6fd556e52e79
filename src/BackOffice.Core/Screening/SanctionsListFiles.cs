using System.Security.Cryptography;

namespace BackOffice.Core.Screening;

/// <summary>
/// The raw files of one list as fetched or uploaded (OFAC: sdn.csv, alt.csv, add.csv; UN: consolidated.xml), and when
/// the publisher published them if the transport said so.
/// </summary>
public sealed record SanctionsListFiles(IReadOnlyDictionary<string, byte[]> Files, DateTime? PublishedAt)
{
    public const string OfacSdn = "sdn.csv";
    public const string OfacAlt = "alt.csv";
    public const string OfacAdd = "add.csv";
    public const string UnXml = "consolidated.xml";

    /// <summary>The file names each format needs.</summary>
    public static IReadOnlyList<string> NamesFor(SanctionsListFormat format) =>
        format == SanctionsListFormat.OfacSdnCsv ? [OfacSdn, OfacAlt, OfacAdd] : [UnXml];

    /// <summary>A short hash of the files' bytes: two fetches of the same files have the same version.</summary>
    public string ContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, bytes) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    public byte[] Get(string name) =>
        Files.TryGetValue(name, out var bytes) ? bytes : throw new SanctionsListFormatException($"The file {name} is missing.");
}
