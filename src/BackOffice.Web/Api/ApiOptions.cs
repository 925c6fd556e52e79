namespace BackOffice.Web.Api;

/// <summary>The <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests a minute allowed per API key before 429.</summary>
    public int RateLimitPerMinute { get; set; } = 1000;

    /// <summary>Request bodies larger than this get 413. A customer is well under 2 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
