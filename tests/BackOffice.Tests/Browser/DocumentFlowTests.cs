using System.Net;
using System.Net.Http.Headers;
using BackOffice.Core.Identity;
using BackOffice.Core.Seeding;
using BackOffice.Tests.Api;
using BackOffice.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>
/// KYC on evidence, as people do it: an agent hands in a passport and a utility bill, compliance rejects the bill and asks
/// for a new one, the partner sends it through the API, the customer is back in the queue, compliance accepts both and
/// approves. This app requires the documents (Kyc:RequiredDocuments), unlike the shared one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentFlowTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly BackOfficeApp app = new(folder: null, new Dictionary<string, string>
    {
        ["Kyc:RequiredDocuments:individual"] = "identity,proof_of_address",
    });

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static async Task ChooseAsync(IPage page, string selectInputId, string option)
    {
        await page.Locator($"div.mud-select:has(#{selectInputId})").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
    }

    /// <summary>Picks the kind and waits until the component has it (the select reports its value after closing).</summary>
    private static async Task ChooseKindAsync(IPage page, string kind, string wire)
    {
        await ChooseAsync(page, "document-kind", kind);
        await Expect(page.Locator(".document-drop")).ToHaveAttributeAsync("data-kind", wire);
    }

    private static async Task UploadAsync(IPage page, string kind, string wire, string fileName, string mimeType, byte[] bytes)
    {
        await ChooseKindAsync(page, kind, wire);
        await page.Locator("[data-testid=documents] input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = bytes });
        await Expect(page.Locator("[data-testid=document-row]").Filter(new() { HasText = fileName })).ToHaveCountAsync(1);
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task Compliance_decides_on_evidence_from_both_front_doors()
    {
        using var api = app.ApiClient();
        var posted = await api.PostCustomerAsync(ApiBodies.Customer());
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await posted.JsonAsync()).Id();

        var agent = await fixture.SignedInPageAsync(Roles.Agent, app);
        await BrowserFixture.WithScreenshotOnFailure(agent, "documents-agent", async () =>
        {
            await agent.GotoAsync($"/customers/{id}");
            await BrowserFixture.WaitForCircuitAsync(agent);
            await Expect(agent.Locator("[data-testid=no-documents]")).ToBeVisibleAsync();

            // A file that is not a document is refused next to the upload, and nothing is added.
            await ChooseKindAsync(agent, "Passport", "passport");
            await agent.Locator("[data-testid=documents] input[type=file]").Last.SetInputFilesAsync(
                new FilePayload { Name = "passport.pdf", MimeType = "application/pdf", Buffer = "<html>not a passport</html>"u8.ToArray() });
            await Expect(agent.Locator("[data-testid=upload-error]")).ToContainTextAsync("must be a JPEG, PNG or PDF file");
            await Expect(agent.Locator("[data-testid=document-row]")).ToHaveCountAsync(0);

            await UploadAsync(agent, "Passport", "passport", "passport-scan.png", "image/png", DemoDocumentFiles.IdentityCardPng("Ada Lovelace", 7));
            await UploadAsync(agent, "Proof of address", "proof_of_address", "gas-bill-2025.pdf", "application/pdf", DemoDocumentFiles.UtilityBillPdf("Ada Lovelace", "1 Main St, London"));
            await Expect(agent.Locator("[data-testid=accept-document]")).ToHaveCountAsync(0); // agents hand in, compliance reviews
        });

        var compliance = await fixture.SignedInPageAsync(Roles.Compliance, app);
        await BrowserFixture.WithScreenshotOnFailure(compliance, "documents-compliance", async () =>
        {
            await compliance.GotoAsync($"/customers/{id}");
            await BrowserFixture.WaitForCircuitAsync(compliance);

            // Approval without accepted evidence is refused by the service, which says what is missing.
            await compliance.ClickAsync("[data-testid=approve-kyc]");
            await Expect(compliance.Locator("[data-testid=refusal]")).ToContainTextAsync("identity document");

            // The viewer: the passport inline, then the bill in the browser's own PDF viewer.
            await compliance.Locator("[data-testid=document-row][data-kind=passport] [data-testid=view-document]").ClickAsync();
            var image = compliance.Locator("[data-testid=document-viewer] img");
            await Expect(image).ToBeVisibleAsync();
            await compliance.WaitForFunctionAsync("() => document.querySelector('[data-testid=document-viewer] img')?.naturalWidth > 0");
            await ScreenshotAsync(compliance, "document-viewer-image");
            await compliance.Locator("[data-testid=document-row][data-kind=proof_of_address] [data-testid=view-document]").ClickAsync();
            await Expect(compliance.Locator("[data-testid=document-viewer] iframe")).ToBeVisibleAsync();
            await compliance.WaitForTimeoutAsync(1500); // the PDF viewer draws after the frame loads
            await ScreenshotAsync(compliance, "document-viewer-pdf");
            await Expect(compliance.Locator("[data-testid=audit-trail]")).ToContainTextAsync("Document viewed");

            // The bill is too old: rejected with a reason, and a new one requested.
            await compliance.Locator("[data-testid=document-row][data-kind=proof_of_address] [data-testid=reject-document]").ClickAsync();
            await compliance.FillAsync("#document-reject-reason", "Older than three months");
            await compliance.ClickAsync("[data-testid=confirm-reject-document]");
            await Expect(compliance.Locator("[data-testid=document-row][data-kind=proof_of_address]")).ToHaveAttributeAsync("data-status", "rejected");

            await compliance.Locator("[data-testid=request-kinds]").GetByText("Proof of address", new() { Exact = true }).ClickAsync();
            await compliance.FillAsync("#document-request-message", "Please send a utility bill from the last three months.");
            await compliance.ClickAsync("[data-testid=request-documents]");
            await Expect(compliance.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Awaiting documents");
            await Expect(compliance.Locator("[data-testid=open-request]")).ToContainTextAsync("Proof of address");
            await ScreenshotAsync(compliance, "document-awaiting");
        });

        // The partner sends the new bill through the API; the customer is back in the queue by itself.
        var form = new MultipartFormDataContent { { new StringContent("proof_of_address"), "kind" } };
        var bill = new ByteArrayContent(DemoDocumentFiles.UtilityBillPdf("Ada Lovelace", "1 Main St, London, November"));
        bill.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(bill, "file", "electricity-november.pdf");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/customers/{id}/documents", form)).StatusCode);

        await BrowserFixture.WithScreenshotOnFailure(compliance, "documents-compliance-approves", async () =>
        {
            await Expect(compliance.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Pending KYC");
            await Expect(compliance.Locator("[data-testid=audit-trail]")).ToContainTextAsync("Requested documents received");

            await compliance.Locator("[data-testid=document-row][data-kind=passport] [data-testid=accept-document]").ClickAsync();
            await Expect(compliance.Locator("[data-testid=document-row][data-kind=passport]")).ToHaveAttributeAsync("data-status", "accepted");
            var newBill = compliance.Locator("[data-testid=document-row][data-kind=proof_of_address][data-status=received]");
            await newBill.Locator("[data-testid=accept-document]").ClickAsync();
            await Expect(compliance.Locator("[data-testid=document-row][data-kind=proof_of_address][data-status=accepted]")).ToHaveCountAsync(1);

            await compliance.ClickAsync("[data-testid=approve-kyc]");
            await Expect(compliance.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Active");
            await ScreenshotAsync(compliance, "document-approved");
        });
    }
}
