namespace BackOffice.Core;

public static class Timestamps
{
    /// <summary>UTC to the millisecond: what the API shows (RFC 3339 with .fff) and what sorts the same in every database.</summary>
    public static DateTime ToStoredPrecision(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
