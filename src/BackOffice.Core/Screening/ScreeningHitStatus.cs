namespace BackOffice.Core.Screening;

public enum ScreeningHitStatus
{
    /// <summary>Waits for compliance.</summary>
    Open,
    /// <summary>Not this person: never raised again for this customer unless the entry changes.</summary>
    FalsePositive,
    ConfirmedMatch,
    /// <summary>No longer matches (the customer's name or the list changed) before anyone resolved it.</summary>
    Withdrawn,
}
