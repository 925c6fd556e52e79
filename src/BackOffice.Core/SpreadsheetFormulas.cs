namespace BackOffice.Core;

/// <summary>
/// CSV formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with =, +, - or @ (or a tab or
/// carriage return before one) as a formula. The one place that says which text that is, for the exports that defuse
/// it and the import that refuses it.
/// </summary>
public static class SpreadsheetFormulas
{
    public const string Starts = "=+-@\t\r";

    public static bool StartsLikeOne(string? value) => value is { Length: > 0 } && Starts.Contains(value[0]);

    /// <summary>For a CSV written for people: such text gets a leading apostrophe, which spreadsheets show as text.</summary>
    public static string Defuse(string? value) => StartsLikeOne(value) ? "'" + value : value ?? "";
}
