using System.Text;
using System.Text.RegularExpressions;
using BackOffice.Core.Identity;
using BackOffice.Tests.Import;
using BackOffice.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>The import page as an agent uses it, in headless Chromium against the running app.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportFlowTests(BrowserFixture fixture)
{
    /// <summary>The file goes up through the circuit and every row is checked: slower than a click on a busy machine.</summary>
    private const float AfterUpload = 45_000;

    [Fact]
    public async Task An_agent_previews_a_file_with_good_bad_and_duplicate_rows_downloads_the_report_and_imports_the_good_ones()
    {
        var marker = "imp" + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await fixture.App.Customers.CreateAsync(Samples.Customer(email: $"taken.{marker}@example.com"), await fixture.App.ActorAsync(Roles.Admin))).Succeeded);
        var file = ImportFiles.Csv(
            ImportFiles.Row($"grace.{marker}@example.com", firstName: "Grace"),
            ImportFiles.Row($"alan.{marker}@example.com", firstName: "Alan"),
            ImportFiles.Row($"bad.{marker}@example.com", firstName: "Bad", zip: "12345"),
            ImportFiles.Row($"GRACE.{marker}@example.com", firstName: "Twin"),
            ImportFiles.Row($"taken.{marker}@example.com", firstName: "Taken"),
            ImportFiles.Row($"formula.{marker}@example.com", firstName: "Formula", line1: "=1+1"));
        var fileName = $"{marker}.csv";

        var agent = await fixture.SignedInPageAsync(Roles.Agent);
        await BrowserFixture.WithScreenshotOnFailure(agent, "import-preview", async () =>
        {
            await agent.GotoAsync("/");
            await BrowserFixture.WaitForCircuitAsync(agent);
            await agent.GetByRole(AriaRole.Link, new() { Name = "Import customers" }).ClickAsync();
            await Expect(agent).ToHaveURLAsync(new Regex("/customers/import$"));
            await BrowserFixture.WaitForCircuitAsync(agent);

            await agent.Locator("[data-testid=import-upload] input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = file });

            await Expect(agent.Locator("[data-testid=import-counts]")).ToHaveTextAsync(new Regex(@"6 rows:\s+2 ready to import,\s+4 rejected"), new() { Timeout = AfterUpload });
            var rejected = agent.Locator("[data-testid=import-rejected-row]");
            await Expect(rejected).ToHaveCountAsync(4);
            await Expect(rejected.Nth(0)).ToContainTextAsync("zip_code: ");
            await Expect(rejected.Nth(1)).ToContainTextAsync("email: is also on line 2 of this file");
            await Expect(rejected.Nth(2)).ToContainTextAsync("email: is already used by an existing customer");
            await Expect(rejected.Nth(3)).ToContainTextAsync("line1: starts with \"=\"");
            Assert.Equal(["4", "5", "6", "7"], await rejected.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.line)"));
            await ScreenshotAsync(agent, "import-preview");

            var violations = (await agent.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
            Assert.True(violations.Count == 0, string.Join("\n", violations));

            var download = await agent.RunAndWaitForDownloadAsync(() => agent.ClickAsync("[data-testid=import-report]"));
            Assert.Equal($"{marker}-rejected.csv", download.SuggestedFilename);
            var report = (await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8)).TrimStart('\uFEFF').TrimEnd().Split("\r\n");
            Assert.Equal(5, report.Length);
            Assert.StartsWith("line,reasons,first_name", report[0]);
            Assert.StartsWith("7,", report[4]);
            Assert.Contains(",'=1+1,", report[4]); // the formula is defused in the report too

            await agent.ClickAsync("[data-testid=import-start]");
            await Expect(agent.Locator("[data-testid=import-created]")).ToContainTextAsync($"Created 2 customers from {fileName}", new() { Timeout = AfterUpload });
            await ScreenshotAsync(agent, "import-result");
        });

        await BrowserFixture.WithScreenshotOnFailure(agent, "import-created-customer", async () =>
        {
            await agent.GetByRole(AriaRole.Link, new() { Name = "Grace Lovelace" }).ClickAsync();
            await Expect(agent).ToHaveURLAsync(new Regex("/customers/[0-9a-f-]{36}$"));
            await Expect(agent.Locator("[data-testid=audit-trail]")).ToContainTextAsync($"imported from {fileName} by ");
        });

        await BrowserFixture.WithScreenshotOnFailure(agent, "import-again", async () =>
        {
            await agent.GotoAsync("/customers/import");
            await BrowserFixture.WaitForCircuitAsync(agent);
            await agent.Locator("[data-testid=import-upload] input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = file });
            await Expect(agent.Locator("[data-testid=import-already]")).ToContainTextAsync("Importing it again creates nothing", new() { Timeout = AfterUpload });
            await Expect(agent.Locator("[data-testid=import-start]")).ToBeDisabledAsync();
        });
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_gets_a_clear_message_and_imports_nothing()
    {
        var agent = await fixture.SignedInPageAsync(Roles.Agent);
        await BrowserFixture.WithScreenshotOnFailure(agent, "import-not-utf8", async () =>
        {
            await agent.GotoAsync("/customers/import");
            await BrowserFixture.WaitForCircuitAsync(agent);
            var latin1 = Encoding.Latin1.GetBytes(ImportFiles.Header + "\nZoë,Müller,zoe@example.com,+44 7911 123456,individual,1 Main St,,London,London,SW1A 1AA,GB\n");

            await agent.Locator("[data-testid=import-upload] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "latin1.csv", MimeType = "text/csv", Buffer = latin1 });

            await Expect(agent.Locator("[data-testid=import-file-error]")).ToContainTextAsync("not UTF-8", new() { Timeout = AfterUpload });
            await Expect(agent.Locator("[data-testid=import-file-error]")).ToContainTextAsync("Nothing was imported.");
            await Expect(agent.Locator("[data-testid=import-preview]")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task Compliance_has_no_import()
    {
        var compliance = await fixture.SignedInPageAsync(Roles.Compliance);
        await compliance.GotoAsync("/");
        await BrowserFixture.WaitForCircuitAsync(compliance);
        await Expect(compliance.GetByRole(AriaRole.Link, new() { Name = "Import customers" })).ToHaveCountAsync(0);

        await compliance.GotoAsync("/customers/import");
        await Expect(compliance.Locator("[data-testid=import-upload]")).ToHaveCountAsync(0);
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });
    }
}
