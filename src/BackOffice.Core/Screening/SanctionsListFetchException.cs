namespace BackOffice.Core.Screening;

/// <summary>A list could not be fetched (unreachable, not found, cut short): the version in force stays.</summary>
public sealed class SanctionsListFetchException(string message) : Exception(message);
