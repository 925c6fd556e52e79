namespace BackOffice.Core.Screening;

/// <summary>Where a customer stands against the sanctions lists (the API's <c>screening.status</c>).</summary>
public enum ScreeningStatus
{
    NotScreened,
    /// <summary>Screened; no hit, or every hit resolved as a false positive.</summary>
    Clear,
    /// <summary>At least one hit waits for compliance.</summary>
    PotentialMatch,
    /// <summary>Compliance confirmed a hit: the customer cannot be approved.</summary>
    ConfirmedMatch,
}
