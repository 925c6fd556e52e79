namespace BackOffice.Web.Components.Shared;

/// <summary>How times read in the back-office: UTC, to the minute, labelled.</summary>
public static class Format
{
    public static string Utc(DateTime at) => at.ToString("yyyy-MM-dd HH:mm") + " UTC";

    public static string Age(TimeSpan age) =>
        age.TotalMinutes < 1 ? "just now"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min ago"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours} h ago"
        : $"{(int)age.TotalDays} d ago";
}
