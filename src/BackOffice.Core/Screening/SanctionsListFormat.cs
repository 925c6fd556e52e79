namespace BackOffice.Core.Screening;

/// <summary>The publishers' own file formats that the screening reads.</summary>
public enum SanctionsListFormat
{
    /// <summary>OFAC's SDN list as its three CSV files: sdn.csv, alt.csv, add.csv.</summary>
    OfacSdnCsv,
    /// <summary>The UN Security Council Consolidated List XML.</summary>
    UnConsolidatedXml,
}
