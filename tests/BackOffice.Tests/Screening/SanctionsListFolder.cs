using BackOffice.Core.Screening;

namespace BackOffice.Tests.Screening;

/// <summary>The real OFAC and UN lists shipped in the repository's data/sanctions, and configuration pointing at them.</summary>
public static class SanctionsListFolder
{
    public const string Ofac = "OFAC SDN";
    public const string Un = "UN";

    public static string Path { get; } = Find();

    public static string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Screening:Sources for the two shipped lists (and any extra settings).</summary>
    public static Dictionary<string, string?> Settings(string? ofacUrl = null) => new()
    {
        ["Screening:Sources:0:Name"] = Ofac,
        ["Screening:Sources:0:Format"] = nameof(SanctionsListFormat.OfacSdnCsv),
        ["Screening:Sources:0:Url"] = ofacUrl ?? File("ofac-sdn-2022-01-31.csv"),
        ["Screening:Sources:1:Name"] = Un,
        ["Screening:Sources:1:Format"] = nameof(SanctionsListFormat.UnConsolidatedXml),
        ["Screening:Sources:1:Url"] = File("un-consolidated-2018-10-29.xml"),
    };

    public static SanctionsListFiles OfacFiles() => new(new Dictionary<string, byte[]>
    {
        [SanctionsListFiles.OfacSdn] = System.IO.File.ReadAllBytes(File("ofac-sdn-2022-01-31.csv")),
        [SanctionsListFiles.OfacAlt] = System.IO.File.ReadAllBytes(File("ofac-alt-2022-01-31.csv")),
        [SanctionsListFiles.OfacAdd] = System.IO.File.ReadAllBytes(File("ofac-add-2022-01-31.csv")),
    }, new DateTime(2022, 1, 31, 0, 0, 0, DateTimeKind.Utc));

    public static SanctionsListFiles UnFiles() => new(new Dictionary<string, byte[]>
    {
        [SanctionsListFiles.UnXml] = System.IO.File.ReadAllBytes(File("un-consolidated-2018-10-29.xml")),
    }, null);

    private static string Find() => System.IO.Path.Combine(Support.Repository.Root, "data", "sanctions");
}
