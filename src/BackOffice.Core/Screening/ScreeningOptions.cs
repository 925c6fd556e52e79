namespace BackOffice.Core.Screening;

/// <summary>The <c>Screening</c> configuration section.</summary>
public sealed class ScreeningOptions
{
    public const string Section = "Screening";
    public const int DefaultThreshold = 82;

    /// <summary>A list entry scoring at least this (0–100) against a customer is a potential match.</summary>
    public int Threshold { get; set; } = DefaultThreshold;

    /// <summary>The lists to screen against; none configured means nobody is screened (and the admin page says so).</summary>
    public List<SanctionsSourceOptions> Sources { get; set; } = [];

    /// <summary>Customers re-screened per batch when a list changes.</summary>
    public int RescreenBatchSize { get; set; } = 1000;
}
