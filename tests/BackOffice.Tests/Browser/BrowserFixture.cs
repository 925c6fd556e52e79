using BackOffice.Tests.Support;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>One running app and one headless Chromium (Debian's /usr/bin/chromium) shared by the browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public BackOfficeApp App { get; } = new();
    public IBrowser Browser { get; private set; } = default!;

    public static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        App.Start();
        // Assertions retry until this long: a busy 2-core CI machine running other tests beside these is slow, and a
        // wait that ends early fails a test over timing rather than behaviour.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) signed in as the seeded user of <paramref name="role"/>.</summary>
    public Task<IPage> SignedInPageAsync(string role) => SignedInPageAsync(role, App);

    /// <summary>The same, on another running app (one started with settings of its own).</summary>
    public async Task<IPage> SignedInPageAsync(string role, BackOfficeApp app)
    {
        var user = BackOfficeApp.Users.First(u => u.Role == role);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", user.Email);
        await page.FillAsync("#password", user.Password);
        await WithScreenshotOnFailure(page, $"sign-in-{role}", async () =>
        {
            await page.ClickAsync("button[type=submit]");
            // Polls the URL only. WaitForURLAsync also waits for a load event, and on a busy CI machine it sometimes
            // missed one that had already happened (the screenshot showed the home page, fully loaded).
            await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"), new() { Timeout = 15_000 });
            await WaitForCircuitAsync(page);
        });
        return page;
    }

    /// <summary>Pages are prerendered: typing before the circuit is up would be lost.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("#circuit[data-ready='1']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Runs a browser step; when it fails, saves a screenshot named after the test before rethrowing.</summary>
    public static async Task WithScreenshotOnFailure(IPage page, string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            Directory.CreateDirectory(ScreenshotFolder);
            var path = Path.Combine(ScreenshotFolder, $"{name}-{DateTime.UtcNow:HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            Console.Error.WriteLine($"Screenshot of the failure: {path}");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
