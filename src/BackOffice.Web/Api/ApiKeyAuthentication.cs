using System.Security.Claims;
using System.Text.Encodings.Web;
using BackOffice.Core.Api;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c> for the REST API. A missing, malformed, unknown or revoked key
/// is answered with 401, a problem body and <c>WWW-Authenticate: Bearer</c>.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ApiKeyIdClaim = "backoffice:api_key_id";

    /// <summary>
    /// Authenticates API requests with their key before rate limiting, so that the limiter can count per key (and per
    /// client address for requests without a valid key). Authorization later reuses this result.
    /// </summary>
    public static async Task AuthenticateEarly(HttpContext context, Func<Task> next)
    {
        var result = await context.AuthenticateAsync(SchemeName);
        if (result.Succeeded) context.User = result.Principal;
        await next();
    }

    public static Guid ApiKeyId(ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ApiKeyIdClaim) ?? throw new InvalidOperationException("Not an API call."));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0) return AuthenticateResult.NoResult();

        var value = header.ToString();
        if (header.Count > 1 || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <api key>'.");
        var secret = value["Bearer ".Length..].Trim();
        if (secret.Length == 0)
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <api key>'.");

        var key = await keys.AuthenticateAsync(secret, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("The API key is unknown or has been revoked.");

        var actor = key.AsActor();
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, actor.Id),
            new Claim(ClaimTypes.Name, key.Name),
            new Claim(BackOfficeClaimTypes.DisplayName, key.Name),
            new Claim(ClaimTypes.Role, Roles.ApiClient),
            new Claim(ApiKeyIdClaim, key.Id.ToString()),
            new Claim(BackOfficeClaimTypes.PartnerId, key.PartnerId.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var failure = result.Failure?.Message;
        // RFC 6750: no error code when no credentials were sent; invalid_token when they were wrong.
        Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer realm=\"BackOffice API\""
            : $"Bearer realm=\"BackOffice API\", error=\"invalid_token\", error_description=\"{failure}\"";
        await Problems.Unauthorized(failure ?? "Send an API key: Authorization: Bearer <api key>.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Forbidden("This API key may not do this.").ExecuteAsync(Context);
}
