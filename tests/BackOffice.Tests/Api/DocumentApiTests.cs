using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BackOffice.Core.Seeding;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>POST/GET /api/v1/customers/{id}/documents: multipart upload, every bad input with its status, and the list.</summary>
public sealed class DocumentApiTests : IAsyncLifetime
{
    private const int MaxBytes = 200_000;
    private readonly BackOfficeApp app = new(folder: null, new Dictionary<string, string> { ["Documents:MaxBytes"] = MaxBytes.ToString() });
    private HttpClient api = null!;

    public ValueTask InitializeAsync()
    {
        app.Start();
        api = app.ApiClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<string> CustomerIdAsync() => (await (await api.PostCustomerAsync(ApiBodies.Customer())).JsonAsync()).Id();

    private Task<HttpResponseMessage> UploadAsync(string customerId, byte[]? file, string? kind = "passport", string? side = null, string fileName = "passport.pdf",
        string declaredType = "application/pdf")
    {
        var form = new MultipartFormDataContent();
        if (kind is not null) form.Add(new StringContent(kind), "kind");
        if (side is not null) form.Add(new StringContent(side), "side");
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
            form.Add(content, "file", fileName);
        }
        return api.PostAsync($"/api/v1/customers/{customerId}/documents", form);
    }

    [Fact]
    public async Task An_upload_answers_201_with_the_contracts_fields_and_the_list_shows_it()
    {
        var customerId = await CustomerIdAsync();
        var png = DemoDocumentFiles.IdentityCardPng("Ada Lovelace", 1);

        var response = await UploadAsync(customerId, png, kind: "national_id", side: "front", fileName: "id.pdf");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var document = (await response.JsonAsync())["data"]!.AsObject();
        Assert.Equal(["content_type", "created_at", "customer_id", "id", "kind", "rejection_reason", "sha256", "side", "size", "status"],
            document.Select(p => p.Key).Order());
        Assert.Equal("image/png", document["content_type"]!.GetValue<string>()); // from the bytes, not the name or the declared type
        Assert.Equal("national_id", document["kind"]!.GetValue<string>());
        Assert.Equal("front", document["side"]!.GetValue<string>());
        Assert.Equal("received", document["status"]!.GetValue<string>());
        Assert.Equal(png.Length, document["size"]!.GetValue<long>());
        Assert.Equal(64, document["sha256"]!.GetValue<string>().Length);

        var list = await (await api.GetAsync($"/api/v1/customers/{customerId}/documents")).JsonAsync();
        Assert.Equal(document["id"]!.GetValue<string>(), list["data"]![0]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("<html><body onload=alert(1)>invoice</body></html>")]
    [InlineData("MZ\u0090\0 this program cannot be run in DOS mode")]
    public async Task HTML_or_an_executable_named_pdf_is_422_on_the_file(string content)
    {
        var customerId = await CustomerIdAsync();

        var problem = await (await UploadAsync(customerId, Encoding.Latin1.GetBytes(content))).ProblemAsync(422);

        Assert.Equal(["file"], problem.ErrorKeys());
        Assert.Equal("must be a JPEG, PNG or PDF file", problem["errors"]!["file"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Over_the_limit_is_413_whether_the_length_is_declared_or_streamed()
    {
        var customerId = await CustomerIdAsync();
        var big = new byte[MaxBytes + 300_000];
        DemoDocumentFiles.UtilityBillPdf("Ada", "London").CopyTo(big, 0);

        var declared = await UploadAsync(customerId, big);
        await declared.ProblemAsync(413);

        // Chunked, so the server cannot know the length before reading: it stops at the limit.
        var form = new MultipartFormDataContent { { new StringContent("passport"), "kind" }, { new StreamContent(new MemoryStream(big)), "file", "big.pdf" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/customers/{customerId}/documents") { Content = form };
        request.Headers.TransferEncodingChunked = true;
        var streamed = await api.SendAsync(request);
        var problem = await streamed.ProblemAsync(413);
        Assert.Equal("request_too_large", problem["code"]!.GetValue<string>());

        var list = await (await api.GetAsync($"/api/v1/customers/{customerId}/documents")).JsonAsync();
        Assert.Empty(list["data"]!.AsArray());
    }

    [Fact]
    public async Task The_same_file_twice_is_409()
    {
        var customerId = await CustomerIdAsync();
        var pdf = DemoDocumentFiles.UtilityBillPdf("Ada Lovelace", "1 Main St");
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(customerId, pdf, kind: "proof_of_address")).StatusCode);

        var problem = await (await UploadAsync(customerId, pdf, kind: "proof_of_address")).ProblemAsync(409);

        Assert.Equal("document_exists", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_fields_are_400_and_unknown_kinds_or_sides_are_422()
    {
        var customerId = await CustomerIdAsync();
        var pdf = DemoDocumentFiles.UtilityBillPdf("Ada", "London");

        Assert.Equal(["file", "kind"], (await (await UploadAsync(customerId, file: null, kind: null, side: "front")).ProblemAsync(400)).ErrorKeys());
        Assert.Equal(["kind", "side"], (await (await UploadAsync(customerId, pdf, kind: "selfie", side: "left")).ProblemAsync(422)).ErrorKeys());
        var json = await api.PostRawAsync($"/api/v1/customers/{customerId}/documents", "{\"kind\":\"passport\"}");
        await json.ProblemAsync(400);
    }

    [Fact]
    public async Task An_unknown_customer_is_404()
    {
        var pdf = DemoDocumentFiles.UtilityBillPdf("Ada", "London");
        await (await UploadAsync(Guid.CreateVersion7().ToString(), pdf)).ProblemAsync(404);
        await (await api.GetAsync($"/api/v1/customers/{Guid.CreateVersion7()}/documents")).ProblemAsync(404);
    }
}
