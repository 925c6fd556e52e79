namespace BackOffice.Core.Screening;

/// <summary>What a sanctions list entry designates. Individuals are screened against individuals, businesses against the rest.</summary>
public enum ListEntryKind
{
    Individual,
    Entity,
    Vessel,
    Aircraft,
}
