using BackOffice.Core.Screening;
using BackOffice.Tests.Screening;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Browser;

/// <summary>The real app with the shipped OFAC and UN lists configured, and Chromium; ready once both lists are in force.</summary>
public sealed class ScreeningBrowserFixture() : BrowserFixture(new BackOfficeApp(folder: null,
    SanctionsListFolder.Settings().ToDictionary(s => s.Key, s => s.Value!)))
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await WaitForListsAsync(App);
    }

    /// <summary>The app fetches its lists in the background at start; screening tests wait for both.</summary>
    public static async Task WaitForListsAsync(BackOfficeApp app)
    {
        var lists = app.Services.GetRequiredService<SanctionsLists>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (lists.Index.Lists.Count < 2 || !lists.Loaded.IsCompleted)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The sanctions lists were not in force within 60 s.");
            await Task.Delay(100);
        }
    }
}
