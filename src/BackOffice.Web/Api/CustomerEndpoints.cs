using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

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
            .WithBodyRules()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(ApiExamples.CreateCustomer);

        customers.MapGet("/{id:guid}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("Get a customer")
            .WithDescription("The customer with this id, as created with this API key or in the back-office.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(ApiExamples.GetCustomer);

        customers.MapGet("", ListAsync)
            .WithName("ListCustomers")
            .WithSummary("List customers, newest first")
            .WithDescription("Pages with a cursor: pass the id of the last customer of a page as starting_after to get the next page.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(ApiExamples.ListCustomers);
    }

    private static async Task<Results<Created<DataEnvelope<CustomerResource>>, ProblemHttpResult>> CreateAsync(
        ApiBody<CreateCustomerRequest> body, HttpContext context, CustomerCreateQueue customers)
    {
        var result = await customers.CreateAsync(body.CommandAs<NewCustomer>(), Actor.FromPrincipal(context.User),
            IdempotentRequest.StoreBeforeCommit<Customer>(context, Created));
        return result.Succeeded ? Created(result.Value!) : Problems.For(result);
    }

    private static Created<DataEnvelope<CustomerResource>> Created(Customer customer) =>
        TypedResults.Created($"{ApiSetup.BasePath}/customers/{customer.Id}", new DataEnvelope<CustomerResource>(CustomerResource.From(customer)));

    private static async Task<Results<Ok<DataEnvelope<CustomerResource>>, ProblemHttpResult>> GetAsync(Guid id, HttpContext context, CustomerService customers, CancellationToken ct)
    {
        var customer = await customers.GetAsync(id, Actor.FromPrincipal(context.User), ct);
        return customer is null
            ? Problems.NotFound($"No customer has the id {id}.")
            : TypedResults.Ok(new DataEnvelope<CustomerResource>(CustomerResource.From(customer)));
    }

    private static async Task<Results<Ok<ListEnvelope<CustomerResource>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ListCustomersQuery query, HttpContext context, CustomerService customers, CancellationToken ct)
    {
        var (listQuery, errors) = query.ToListQuery();
        if (errors.Count > 0) return Problems.InvalidFields(errors);

        var result = await customers.ListAsync(listQuery, Actor.FromPrincipal(context.User), ct);
        if (!result.Succeeded) return Problems.For(result);
        var page = result.Value!;
        return TypedResults.Ok(new ListEnvelope<CustomerResource>(page.Items.Select(CustomerResource.From).ToList(), page.HasOlder));
    }
}
