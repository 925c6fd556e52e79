using BackOffice.Core.Api;
using BackOffice.Core.Identity;
using BackOffice.Core.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BackOffice.Web.Api;

/// <summary>/api/v1/webhook_endpoints: a partner's endpoints, over <see cref="WebhookEndpointService"/>.</summary>
public static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var endpoints = api.MapGroup("/webhook_endpoints").WithTags("Webhooks");

        endpoints.MapPost("", CreateAsync)
            .WithName("CreateWebhookEndpoint")
            .WithSummary("Add a webhook endpoint")
            .WithDescription("Events about this partner's customers are POSTed there, signed with Standard Webhooks. The signing secret is in this answer only.")
            .WithBodyRules()
            .ProducesProblem(StatusCodes.Status409Conflict);

        endpoints.MapGet("", ListAsync)
            .WithName("ListWebhookEndpoints")
            .WithSummary("List this partner's webhook endpoints")
            .WithDescription("Every endpoint, enabled or not, without secrets.");

        endpoints.MapDelete("/{id:guid}", DisableAsync)
            .WithName("DisableWebhookEndpoint")
            .WithSummary("Disable a webhook endpoint")
            .WithDescription("Stops deliveries to it; its delivery log is kept.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapPost("/{id:guid}/rotate_secret", RotateAsync)
            .WithName("RotateWebhookSecret")
            .WithSummary("Rotate a webhook endpoint's signing secret")
            .WithDescription("Returns the new secret once; for 24 hours both the old and the new secret sign every event.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<DataEnvelope<WebhookEndpointResource>>, ProblemHttpResult>> CreateAsync(
        ApiBody<CreateWebhookEndpointRequest> body, HttpContext context, WebhookEndpointService service, CancellationToken ct)
    {
        var input = body.CommandAs<NewWebhookEndpoint>();
        var result = await service.CreateAsync(input.Url, input.Events, Actor.FromPrincipal(context.User), ct: ct);
        return result.Succeeded
            ? TypedResults.Created($"{ApiSetup.BasePath}/webhook_endpoints", new DataEnvelope<WebhookEndpointResource>(WebhookEndpointResource.From(result.Value!, withSecret: true)))
            : Problems.For(result);
    }

    private static async Task<Ok<ListEnvelope<WebhookEndpointResource>>> ListAsync(HttpContext context, WebhookEndpointService service, CancellationToken ct)
    {
        var partner = Actor.FromPrincipal(context.User).PartnerId!.Value;
        var list = await service.ListAsync(partner, ct);
        return TypedResults.Ok(new ListEnvelope<WebhookEndpointResource>(list.Select(e => WebhookEndpointResource.From(e)).ToList(), HasMore: false));
    }

    private static async Task<Results<Ok<DataEnvelope<WebhookEndpointResource>>, ProblemHttpResult>> DisableAsync(Guid id, HttpContext context, WebhookEndpointService service, CancellationToken ct)
    {
        var result = await service.DisableAsync(id, Actor.FromPrincipal(context.User), ct);
        return result.Succeeded ? TypedResults.Ok(new DataEnvelope<WebhookEndpointResource>(WebhookEndpointResource.From(result.Value!))) : Problems.For(result);
    }

    private static async Task<Results<Ok<DataEnvelope<WebhookEndpointResource>>, ProblemHttpResult>> RotateAsync(Guid id, HttpContext context, WebhookEndpointService service, CancellationToken ct)
    {
        var result = await service.RotateSecretAsync(id, Actor.FromPrincipal(context.User), ct);
        return result.Succeeded ? TypedResults.Ok(new DataEnvelope<WebhookEndpointResource>(WebhookEndpointResource.From(result.Value!, withSecret: true))) : Problems.For(result);
    }
}
