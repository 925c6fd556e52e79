using System.Globalization;

namespace BackOffice.Core;

public static class Timestamps
{
    /// <summary>UTC to the millisecond: what the API shows (RFC 3339 with .fff) and what sorts the same in every database.</summary>
    public static DateTime ToStoredPrecision(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    /// <summary>RFC 3339 UTC with milliseconds (<c>2026-11-25T09:30:12.345Z</c>), in any culture: the API, CSV exports and list links.</summary>
    public static string ToRfc3339(DateTime utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An instant typed in a URL (ISO 8601; without an offset it is taken as UTC), or null when it is not one.</summary>
    public static DateTime? ParseUtc(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? DateTime.SpecifyKind(at, DateTimeKind.Utc)
            : null;
}
