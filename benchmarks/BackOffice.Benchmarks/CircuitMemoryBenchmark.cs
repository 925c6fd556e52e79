using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

/// <summary>
/// `--circuits [n] [--page /path]`: opens n (default 50) signed-in Blazor circuits on the customer list (or that page) in Debian's headless Chromium
/// against the app in this process, and prints what each idle circuit costs the server: managed heap (after a full
/// collection) and working set, each measured before and after, divided by n.
/// </summary>
static class CircuitMemoryBenchmark
{
    public static async Task RunAsync(string folder, int circuits, string page = "/customers")
    {
        await using var app = new BenchmarkApp(folder);
        app.Start();
        await AddCustomersAsync(app, 30); // the list shows a full page (25 rows), as it does in use
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        context.SetDefaultTimeout(60_000);
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/account/login");
        await signIn.FillAsync("#email", BenchmarkApp.AgentEmail);
        await signIn.FillAsync("#password", BenchmarkApp.AgentPassword);
        await signIn.ClickAsync("button[type=submit]");
        await WaitForCircuitAsync(signIn);
        // One circuit opened and closed first, so that what is measured is the circuits, not the first page's JIT and caches.
        var warm = await OpenAsync(context, page);
        await warm.CloseAsync();
        await signIn.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var (heapBefore, workingSetBefore) = Measure();
        var pages = new List<IPage>();
        for (var i = 0; i < circuits; i++) pages.Add(await OpenAsync(context, page));
        await Task.Delay(TimeSpan.FromSeconds(5)); // idle: first renders done, nothing in flight
        var (heapAfter, workingSetAfter) = Measure();

        Console.WriteLine();
        Console.WriteLine($"{circuits} signed-in circuits on {page}, idle (goal ≤ 500 KB per circuit):");
        Console.WriteLine($"{"",-26} {"before MiB",11} {"after MiB",10} {"per circuit KB",15}");
        Console.WriteLine($"{"managed heap (after GC)",-26} {heapBefore / 1048576.0,11:N1} {heapAfter / 1048576.0,10:N1} {(heapAfter - heapBefore) / 1024.0 / circuits,15:N0}");
        Console.WriteLine($"{"working set",-26} {workingSetBefore / 1048576.0,11:N1} {workingSetAfter / 1048576.0,10:N1} {(workingSetAfter - workingSetBefore) / 1024.0 / circuits,15:N0}");
        var perCircuit = (heapAfter - heapBefore) / 1024.0 / circuits;
        Goals.Report($"managed heap per idle circuit on {page}", $"{perCircuit:N0} KB", "≤ 500 KB", "-", perCircuit <= 500);
        foreach (var open in pages) await open.CloseAsync();
    }

    private static async Task AddCustomersAsync(BenchmarkApp app, int count)
    {
        var queue = app.Services.GetRequiredService<BackOffice.Core.Customers.CustomerCreateQueue>();
        var agent = BackOffice.Core.Identity.Actor.Create("bench", "Bench Agent", BackOffice.Core.Identity.Roles.Agent);
        for (var i = 0; i < count; i++)
        {
            var result = await queue.CreateAsync(CreateLoadBenchmark.EverydayCustomer(i, $"circuit-{i}@example.com"), agent);
            if (!result.Succeeded) throw new InvalidOperationException($"Could not add a customer for the list: {result.Message}");
        }
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
        return page;
    }

    private static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("#circuit[data-ready='1']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }
}
