using BackOffice.Core.Api;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Scalar.AspNetCore;

namespace BackOffice.Web.Api;

/// <summary>The REST API's services and endpoints: /api/v1, /openapi/v1.json and the docs at /api/docs.</summary>
public static class ApiSetup
{
    public const string BasePath = "/api/v1";
    public const string CorsPolicy = "api";

    public static void AddBackOfficeApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(o => o.RateLimitPerMinute > 0 && o.UnauthenticatedRateLimitPerMinute > 0 && o.MaxBodyBytes > 0,
                "Api:RateLimitPerMinute, Api:UnauthenticatedRateLimitPerMinute and Api:MaxBodyBytes must be positive.")
            .ValidateOnStart();
        services.AddHostedService<IdempotencyPurge>();
        services.AddHostedService(provider => provider.GetRequiredService<Core.Webhooks.WebhookSender>());
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddApiRateLimits();
        var origins = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>()?.CorsOrigins ?? [];
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", Idempotency.Header)
            .WithExposedHeaders("Location", "Retry-After", ApiRateLimits.PolicyHeader, ApiRateLimits.StateHeader, "Idempotent-Replayed")));
        services.AddOpenApi("v1", ApiDocument.Configure);
    }

    public static void MapBackOfficeApi(this WebApplication app)
    {
        var api = app.MapGroup(BasePath)
            .RequireAuthorization(new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.ApiClient)
                .Build())
            .RequireRateLimiting(ApiRateLimits.PolicyName)
            .RequireCors(CorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .DisableAntiforgery();
        api.MapCustomerEndpoints();
        api.MapWalletEndpoints();
        api.MapDocumentEndpoints();
        api.MapWebhookEndpoints();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("BackOffice API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes("ApiKey")
            // Works offline and sends nothing anywhere: no telemetry, no web fonts, no hosted extras.
            .DisableTelemetry()
            .DisableDefaultFonts()
            .DisableAgent()
            .HideDeveloperTools());
    }

    /// <summary>
    /// What every endpoint with a JSON body does before its handler: the Idempotency-Key (outermost, so that a replay
    /// answers before anything else), then 400/422 from the validator.
    /// </summary>
    public static RouteHandlerBuilder WithBodyRules(this RouteHandlerBuilder endpoint) =>
        endpoint
            .AddEndpointFilter(Idempotency.Filter)
            .AddEndpointFilter(ApiValidation.Filter)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>Answers for the API's own paths: problem details for errors and unknown routes, never the HTML error pages.</summary>
    public static bool IsApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/api/docs");

    public static void UseApiErrorHandling(this IApplicationBuilder api)
    {
        api.UseExceptionHandler();
        api.UseStatusCodePages();
        api.UseCors();
        api.Use(ApiKeyAuthentication.AuthenticateEarly);
    }
}

/// <summary>Deletes idempotency records past their retention, every hour.</summary>
public sealed class IdempotencyPurge(IServiceScopeFactory scopes, ILogger<IdempotencyPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().PurgeExpiredAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Purged {Count} expired idempotency records", purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Purging idempotency records failed; will try again in an hour");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
