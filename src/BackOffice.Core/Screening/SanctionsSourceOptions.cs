namespace BackOffice.Core.Screening;

/// <summary>
/// One list to fetch: its name, format, where from (an http(s) URL or a file path; a relative path is taken from the
/// content root) and how often. For OFAC, <see cref="Url"/> names sdn.csv; alt.csv and add.csv are found next to it
/// unless <see cref="AltUrl"/> and <see cref="AddUrl"/> say otherwise.
/// </summary>
public sealed class SanctionsSourceOptions
{
    public string Name { get; set; } = "";
    public SanctionsListFormat Format { get; set; }
    public string Url { get; set; } = "";
    public string? AltUrl { get; set; }
    public string? AddUrl { get; set; }
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(6);
}
