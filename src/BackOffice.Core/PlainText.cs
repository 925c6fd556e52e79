namespace BackOffice.Core;

/// <summary>
/// Text that people or partners type may not carry control characters: they are invisible in the back-office, break
/// CSV files and log lines, and PostgreSQL refuses NUL outright (an insert would fail with a server error).
/// </summary>
public static class PlainText
{
    public const string ControlCharactersMessage = "may not contain control characters";

    /// <summary>The same rule as a regular expression (char.IsControl's ranges), for the OpenAPI document.</summary>
    public const string Pattern = @"^[^\u0000-\u001F\u007F-\u009F]*$";

    /// <param name="allowLineBreaks">For multi-line text such as a decision's reason: line breaks and tabs are fine.</param>
    public static bool HasControlCharacters(string? value, bool allowLineBreaks = false) =>
        value is not null && value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));

    /// <summary>For text that is only looked up, never stored as given (a search): control characters become spaces.</summary>
    public static string WithoutControlCharacters(string value) =>
        HasControlCharacters(value) ? new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()) : value;

    /// <summary>
    /// At most <paramref name="max"/> UTF-16 units, never ending in half a character: a cut emoji would be a lone
    /// surrogate, which PostgreSQL's UTF-8 encoding refuses (SQLite quietly stores a replacement character).
    /// </summary>
    public static string Cut(string value, int max)
    {
        if (value.Length <= max) return value;
        var length = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..length];
    }
}
