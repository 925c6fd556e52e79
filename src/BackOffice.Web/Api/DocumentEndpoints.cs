using BackOffice.Core.Api;
using BackOffice.Core;
using BackOffice.Core.Documents;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BackOffice.Web.Api;

/// <summary>POST/GET /api/v1/customers/{id}/documents: identity documents and proofs, over <see cref="DocumentService"/>.</summary>
public static class DocumentEndpoints
{
    /// <summary>Room for the multipart framing and the small fields around a file of the largest size.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static void MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/customers/{id:guid}/documents").WithTags("Documents");

        documents.MapPost("", UploadAsync)
            .WithName("UploadDocument")
            .WithSummary("Upload a customer's document")
            .WithDescription("multipart/form-data with kind, optional side and file. JPEG, PNG or PDF, recognised by content; at most Documents:MaxBytes (10 MiB). "
                + "The same file twice on one customer is 409.")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new MultipartDocumentBody())
            .WithMetadata(ApiExamples.UploadDocument);

        documents.MapGet("", ListAsync)
            .WithName("ListDocuments")
            .WithSummary("List a customer's documents")
            .WithDescription("Metadata only, newest first; documents are never deleted (a replaced one is superseded).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(ApiExamples.ListDocuments);
    }

    private static async Task<Results<Created<DataEnvelope<DocumentResource>>, ProblemHttpResult>> UploadAsync(
        Guid id, HttpContext context, DocumentService documents, CancellationToken ct)
    {
        var max = documents.MaxBytes;
        // 413 from the declared length, or as soon as the body passes the limit: never after reading it all.
        if (context.Request.ContentLength > max + MultipartOverhead) return Problems.TooLarge(max);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + MultipartOverhead;
        if (!context.Request.HasFormContentType || context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
            return Problems.MalformedBody("Send multipart/form-data with the fields kind, side (optional) and file.");

        IFormCollection form;
        try
        {
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = max + MultipartOverhead }));
            form = await context.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.TooLarge(max);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(max);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problems.MalformedBody($"The multipart body could not be read: {e.Message}");
        }

        var missing = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(form["kind"])) missing["kind"] = ["is required"];
        var file = form.Files.GetFile("file");
        if (file is null) missing["file"] = ["is required"];
        if (missing.Count > 0) return Problems.MissingFields(missing);

        var invalid = new Dictionary<string, string[]>();
        if (!DocumentNames.TryParseKind(form["kind"].ToString(), out var kind)) invalid["kind"] = [DocumentNames.KindsMessage];
        DocumentSide? side = null;
        if (!string.IsNullOrEmpty(form["side"]))
        {
            if (DocumentNames.TryParseSide(form["side"].ToString(), out var parsed)) side = parsed;
            else invalid["side"] = ["must be front or back"];
        }
        if (invalid.Count > 0) return Problems.InvalidFields(invalid);
        if (file!.Length > max) return Problems.TooLarge(max);

        await using var content = file.OpenReadStream();
        var result = await documents.UploadAsync(id, new NewDocument { Kind = kind, Side = side, FileName = file.FileName }, content, Actor.FromPrincipal(context.User), ct);
        return result.Succeeded
            ? TypedResults.Created($"{ApiSetup.BasePath}/customers/{id}/documents", new DataEnvelope<DocumentResource>(DocumentResource.From(result.Value!)))
            : Problems.For(result);
    }

    private static async Task<Results<Ok<ListEnvelope<DocumentResource>>, ProblemHttpResult>> ListAsync(
        Guid id, HttpContext context, DocumentService documents, BackOffice.Core.Customers.CustomerService customers, CancellationToken ct)
    {
        if (await customers.GetAsync(id, Actor.FromPrincipal(context.User), ct) is null) return Problems.NotFound($"No customer has the id {id}.");
        var list = await documents.ListAsync(id, ct);
        return TypedResults.Ok(new ListEnvelope<DocumentResource>(list.Select(DocumentResource.From).ToList(), HasMore: false));
    }
}

/// <summary>Endpoint metadata: the body is multipart/form-data with kind, side and file (for the OpenAPI document).</summary>
public sealed record MultipartDocumentBody;
