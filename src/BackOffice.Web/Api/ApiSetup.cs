using BackOffice.Core.Api;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace BackOffice.Web.Api;

/// <summary>The REST API's services and endpoints: /api/v1, /openapi/v1.json and the docs at /api/docs.</summary>
public static class ApiSetup
{
    public const string BasePath = "/api/v1";

    public static void AddBackOfficeApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(o => o.RateLimitPerMinute > 0 && o.MaxBodyBytes > 0, "Api:RateLimitPerMinute and Api:MaxBodyBytes must be positive.")
            .ValidateOnStart();
        services.AddHostedService<IdempotencyPurge>();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));

        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);

        services.AddSingleton<ApiRateLimiter>();

        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "BackOffice API",
                    Version = "v1",
                    Description = "Provision customers (and, after KYC, their wallets). Authenticate with `Authorization: Bearer <api key>`; "
                        + "keys are issued by an administrator under API keys in the back-office. Errors are RFC 9457 problem details.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["ApiKey"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An API key issued in the back-office.",
                    },
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(ApiExamples.AddToOperation);
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.HttpMethod == "POST")
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = Idempotency.Header,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "Any string of up to 255 characters. A retry with the same key and body replays the first response; kept at least 24 hours.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyStore.MaxKeyLength },
                    });
                }
                return Task.CompletedTask;
            });
        });
    }

    public static void MapBackOfficeApi(this WebApplication app)
    {
        var api = app.MapGroup(BasePath)
            .RequireAuthorization(new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.ApiClient)
                .Build())
            .AddEndpointFilter(ApiRateLimiter.Filter)
            .DisableAntiforgery();
        api.MapCustomerEndpoints();
        api.MapWalletEndpoints();

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

    /// <summary>Answers for the API's own paths: problem details for errors and unknown routes, never the HTML error pages.</summary>
    public static bool IsApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/api/docs");

    public static void UseApiErrorHandling(this IApplicationBuilder api)
    {
        api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => Problems.ServerError().WriteAsync(context),
        });
        api.UseStatusCodePages(context => Problems.ForStatus(context.HttpContext.Response.StatusCode).WriteAsync(context.HttpContext));
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
