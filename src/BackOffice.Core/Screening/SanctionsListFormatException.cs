namespace BackOffice.Core.Screening;

/// <summary>A list file that is malformed or truncated: the whole file is refused and the version in force stays.</summary>
public sealed class SanctionsListFormatException(string message, Exception? inner = null) : Exception(message, inner);
