using BackOffice.Core.Api;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BackOffice.Web.Api;

/// <summary>POST/GET/PATCH /api/v1/customers: a second front door onto <see cref="CustomerService"/>, <see cref="CustomerEditService"/> and their validator.</summary>
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
            .WithMetadata(ApiExamples.CreateCustomer, ValidatedByItsService.Instance); // CustomerService.CheckAsync

        customers.MapGet("/{id:guid}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("Get a customer")
            .WithDescription("The customer with this id, as created with this API key or in the back-office.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(ApiExamples.GetCustomer);

        customers.MapPatch("/{id:guid}", UpdateAsync)
            .WithName("UpdateCustomer")
            .WithSummary("Correct a customer")
            .WithDescription("A JSON merge patch (RFC 7396) of the create fields, as application/merge-patch+json or application/json: an absent field "
                + "is unchanged, null clears billing_address.line2 (a required field cannot be cleared: 422). The create's rules apply to the result. "
                + "Names and type of an active customer are changed only by compliance in the back-office (403 here); changing a name or type re-screens "
                + "the customer. Send If-Match with the ETag of your last read to be refused (412) if the customer changed since.")
            .AddEndpointFilter(ApiValidation.Filter)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(ApiExamples.UpdateCustomer);

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
        if (customer is null) return Problems.NotFound($"No customer has the id {id}.");
        context.Response.Headers.ETag = CustomerETag.Of(customer);
        return TypedResults.Ok(new DataEnvelope<CustomerResource>(CustomerResource.From(customer)));
    }

    private static async Task<Results<Ok<DataEnvelope<CustomerResource>>, ProblemHttpResult>> UpdateAsync(
        Guid id, ApiBody<UpdateCustomerRequest> body, HttpContext context, CustomerEditService edits)
    {
        var patch = body.CommandAs<CustomerPatch>();
        var result = await edits.EditAsync(id, patch.ApplyTo, CustomerETag.ExpectedVersion(context.Request.Headers.IfMatch), Actor.FromPrincipal(context.User));
        if (result.Succeeded)
        {
            context.Response.Headers.ETag = CustomerETag.Of(result.Value!);
            return TypedResults.Ok(new DataEnvelope<CustomerResource>(CustomerResource.From(result.Value!)));
        }
        return result.Kind == Core.ServiceResultKind.Invalid ? Problems.For(result.WithoutMissing())
            : result.Code == CustomerEditService.ChangedMeanwhile ? Problems.PreconditionFailed(result.Message!)
            : Problems.For(result);
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
