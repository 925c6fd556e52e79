namespace BackOffice.Core.Api;

/// <summary>
/// The first answer to a request that carried an <c>Idempotency-Key</c>, kept so that a retry gets the same answer.
/// Keyed by (API key, idempotency key): two partners may use the same idempotency key without meeting.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid ApiKeyId { get; init; }
    public required string Key { get; init; }
    /// <summary>Hex SHA-256 of the method, path and body: a retry must send the same request.</summary>
    public required string RequestHash { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? ResponseBody { get; set; }
    public string? Location { get; set; }
}

/// <summary>An API answer as sent on the wire, and as stored for replay.</summary>
public sealed record ApiResponse(int StatusCode, string ContentType, string Body, string? Location);
