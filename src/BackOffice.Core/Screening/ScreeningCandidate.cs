namespace BackOffice.Core.Screening;

/// <summary>A list entry whose name (or alias) resembles the screened name, with a score from 0 to 100.</summary>
public sealed record ScreeningCandidate(ListEntry Entry, string MatchedName, bool WeakAlias, int Score, bool CountryMatched);
