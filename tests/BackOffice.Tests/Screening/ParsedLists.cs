using BackOffice.Core.Screening;

namespace BackOffice.Tests.Screening;

/// <summary>The real lists parsed and indexed once per test class.</summary>
public sealed class ParsedLists
{
    public SanctionsListContent Ofac { get; } = OfacSdnParser.Parse(SanctionsListFolder.Ofac, SanctionsListFolder.OfacFiles());
    public SanctionsListContent Un { get; } = UnConsolidatedParser.Parse(SanctionsListFolder.Un, SanctionsListFolder.UnFiles());
    public ScreeningIndex Index { get; }

    public ParsedLists() => Index = new ScreeningIndex([Ofac, Un]);
}
