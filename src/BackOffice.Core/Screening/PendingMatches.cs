namespace BackOffice.Core.Screening;

/// <summary>The dashboard's queue of potential matches: how many customers wait, and the longest waiting.</summary>
public sealed record PendingMatches(int Total, IReadOnlyList<PendingMatch> Oldest);
