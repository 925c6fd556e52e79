using BackOffice.Core.Identity;

namespace BackOffice.Core.Api;

/// <summary>
/// A partner system's credential for the REST API. Only a SHA-256 hash of the secret is stored;
/// the secret itself is shown once, when the key is created.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; init; }
    /// <summary>Who the partner is; customers created with the key show it as their creator.</summary>
    public required string Name { get; init; }
    /// <summary>The partner the key acts for; it sees that partner's customers only.</summary>
    public Guid PartnerId { get; init; } = Partners.Partner.DefaultId;
    /// <summary>Lower-cased name, unique, so that two keys never look alike in an audit trail.</summary>
    public required string NameKey { get; init; }
    /// <summary>The first characters of the secret, so an administrator can tell keys apart without the secret.</summary>
    public required string Prefix { get; init; }
    /// <summary>Hex SHA-256 of the secret. Secrets are 256 random bits, so a fast hash is enough.</summary>
    public required string SecretHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public required string CreatedByName { get; init; }
    /// <summary>Updated at most once a minute, so that busy keys do not write on every call.</summary>
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedByName { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>The actor behind API calls made with this key.</summary>
    public Actor AsActor() => Actor.Create($"api-key:{Id}", Name, Roles.ApiClient) with { PartnerId = PartnerId };
}

/// <summary>A newly created key with its secret, which is never available again.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);
