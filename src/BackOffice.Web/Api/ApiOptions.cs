using BackOffice.Core.Api;
namespace BackOffice.Web.Api;

/// <summary>The <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests a clock minute allowed per API key before 429.</summary>
    public int RateLimitPerMinute { get; set; } = 1000;

    /// <summary>Requests a clock minute allowed per client address without a valid API key before 429 (each costs a key lookup).</summary>
    public int UnauthenticatedRateLimitPerMinute { get; set; } = 60;

    /// <summary>
    /// Web origins whose pages may call the API from a browser (CORS). None by default: the API is for partners'
    /// servers, and a key in a browser is a key given away.
    /// </summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Request bodies larger than this get 413. A customer is well under 2 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
