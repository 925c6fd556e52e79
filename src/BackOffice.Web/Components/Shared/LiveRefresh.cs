using BackOffice.Core.Customers;

namespace BackOffice.Web.Components.Shared;

/// <summary>
/// Refreshes a page when customers change (another user, or the API). Changes arriving close together cause one
/// refresh, a quarter of a second after the first, so a burst of API calls does not reload the page a hundred times.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);
    private readonly IDisposable subscription;
    private readonly Func<CustomerChange, bool> isRelevant;
    private readonly Func<Task> refresh;
    private int pending;

    /// <param name="refresh">Reloads and re-renders; called through the component's <c>InvokeAsync</c>.</param>
    public LiveRefresh(ICustomerChanges changes, Func<CustomerChange, bool> isRelevant, Func<Task> refresh)
    {
        this.isRelevant = isRelevant;
        this.refresh = refresh;
        subscription = changes.Subscribe(OnChangeAsync);
    }

    private async Task OnChangeAsync(CustomerChange change)
    {
        if (!isRelevant(change) || Interlocked.Exchange(ref pending, 1) == 1) return;
        await Task.Delay(Debounce);
        Interlocked.Exchange(ref pending, 0);
        await refresh();
    }

    public void Dispose() => subscription.Dispose();
}
