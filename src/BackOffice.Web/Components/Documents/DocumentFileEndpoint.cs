using BackOffice.Core;
using BackOffice.Core.Documents;
using BackOffice.Core.Identity;
using Microsoft.Net.Http.Headers;

namespace BackOffice.Web.Components.Documents;

/// <summary>
/// GET /documents/{id}: a document's bytes for the viewer on the customer page (inline) or as a download
/// (<c>?download=1</c>). Only roles that handle documents; every view and download is in the customer's history.
/// </summary>
public static class DocumentFileEndpoint
{
    public static string Url(Guid documentId, bool download = false) => $"/documents/{documentId}{(download ? "?download=1" : "")}";

    public static void MapDocumentFiles(this WebApplication app) =>
        app.MapGet("/documents/{id:guid}", ServeAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> ServeAsync(Guid id, HttpContext context, DocumentService documents, bool download = false)
    {
        var result = await documents.OpenAsync(id, Actor.FromPrincipal(context.User), download, context.RequestAborted);
        if (result.Kind == ServiceResultKind.Forbidden) return Results.Text(result.Message, statusCode: StatusCodes.Status403Forbidden);
        if (!result.Succeeded) return Results.Text(result.Message, statusCode: StatusCodes.Status404NotFound);

        var (document, content) = result.Value;
        var headers = context.Response.Headers;
        // The bytes were checked to be JPEG, PNG or PDF; still, the browser must not guess otherwise, and the file gets
        // a sandbox of its own: no scripts, no forms, no requests anywhere, not even to this site.
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = document.ContentType == FileTypes.Pdf
            ? "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
            : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";
        headers.CacheControl = "no-store, private"; // personal data: keep it out of caches
        var name = FileName(document);
        headers.ContentDisposition = new ContentDispositionHeaderValue(download ? "attachment" : "inline")
        {
            FileName = AsciiName(name),
            FileNameStar = name,
        }.ToString();
        return Results.Stream(content, document.ContentType);
    }

    private static string FileName(CustomerDocument document)
    {
        var extension = FileTypes.Extension(document.ContentType);
        var name = Path.GetFileNameWithoutExtension(document.FileName);
        return (name.Length == 0 ? document.Kind.ToWire() : name) + extension;
    }

    private static string AsciiName(string name) =>
        new(name.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_').ToArray());
}
