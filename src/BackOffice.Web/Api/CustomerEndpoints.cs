using BackOffice.Core;
using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace BackOffice.Web.Api;

/// <summary>POST/GET /api/v1/customers: a second front door onto <see cref="CustomerService"/> and its validator.</summary>
public static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");

        customers.MapPost("", CreateAsync)
            .WithName("CreateCustomer")
            .WithSummary("Create a customer")
            .WithDescription("Creates a customer in pending_kyc. Send an Idempotency-Key to retry safely: a retry with the same key and body gets the first response again.")
            .Produces<DataEnvelope<CustomerResource>>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(ApiExamples.CreateCustomer);

        customers.MapGet("/{id:guid}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("Get a customer")
            .Produces<DataEnvelope<CustomerResource>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(ApiExamples.GetCustomer);

        customers.MapGet("", ListAsync)
            .WithName("ListCustomers")
            .WithSummary("List customers, newest first")
            .WithDescription("Pages with a cursor: pass the id of the last customer of a page as starting_after to get the next page.")
            .Produces<ListEnvelope<CustomerResource>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(ApiExamples.ListCustomers);
    }

    private static Task<IResult> CreateAsync(HttpContext context, CustomerService customers, IValidator<NewCustomer> validator) =>
        CreateEndpoint.HandleAsync<NewCustomer, Customer>(context, CustomerRequestReader.Read, validator, (input, actor, beforeCommit) => customers.CreateAsync(input, actor, beforeCommit),
            result => result.Kind switch
            {
                ServiceResultKind.Succeeded => ApiResponseResult.Json(StatusCodes.Status201Created,
                    new DataEnvelope<CustomerResource>(CustomerResource.From(result.Value!)), $"/api/v1/customers/{result.Value!.Id}"),
                ServiceResultKind.Conflict when result.ExistingCustomerId is { } existing => Problems.EmailTaken(existing),
                ServiceResultKind.Forbidden => Problems.Forbidden(result.Message!),
                _ => throw new InvalidOperationException($"Unexpected result {result.Kind}: {result.Message}"),
            });

    private static async Task<IResult> GetAsync(Guid id, CustomerService customers, CancellationToken ct)
    {
        var customer = await customers.GetAsync(id, ct);
        return customer is null
            ? Problems.NotFound($"No customer has the id {id}.").ToResult()
            : ApiResponseResult.Json(StatusCodes.Status200OK, new DataEnvelope<CustomerResource>(CustomerResource.From(customer))).ToResult();
    }

    public const int DefaultLimit = 20;

    private static async Task<IResult> ListAsync(
        CustomerService customers,
        [FromQuery] string? status,
        [FromQuery] string? limit,
        [FromQuery(Name = "starting_after")] string? startingAfter,
        CancellationToken ct)
    {
        // Query values arrive as text and are judged here, so that a bad one gets a 422 naming it rather than a bare 400.
        var errors = new Dictionary<string, string[]>();
        CustomerStatus? statusFilter = null;
        if (status is not null)
        {
            if (CustomerStatusNames.TryParseWire(status, out var parsed)) statusFilter = parsed;
            else errors["status"] = [$"must be one of {string.Join(", ", Enum.GetValues<CustomerStatus>().Select(s => s.ToWire()))}"];
        }
        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out pageSize) || pageSize < 1 || pageSize > CustomerListQuery.MaxPageSize))
            errors["limit"] = [$"must be a whole number from 1 to {CustomerListQuery.MaxPageSize}"];
        Guid? cursor = null;
        if (startingAfter is not null)
        {
            if (Guid.TryParse(startingAfter, out var id)) cursor = id;
            else errors["starting_after"] = ["must be a customer id"];
        }
        if (errors.Count > 0) return Problems.InvalidFields(errors).ToResult();

        var result = await customers.ListAsync(new CustomerListQuery { Status = statusFilter, PageSize = pageSize, StartingAfter = cursor }, ct);
        if (!result.Succeeded) return Problems.ForInvalid(result).ToResult();
        var page = result.Value!;
        return ApiResponseResult.Json(StatusCodes.Status200OK,
            new ListEnvelope<CustomerResource>(page.Items.Select(CustomerResource.From).ToList(), page.HasOlder)).ToResult();
    }
}
