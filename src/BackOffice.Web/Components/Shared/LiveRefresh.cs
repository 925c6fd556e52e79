using BackOffice.Core.Customers;

namespace BackOffice.Web.Components.Shared;

/// <summary>
/// Refreshes a page when customers change (another user, or the API). Changes arriving close together cause one
/// refresh a quarter of a second after the first; one refresh runs at a time, and a change that arrives during a
/// refresh causes one more, so the last change is never missed.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);
    private readonly IDisposable subscription;
    private readonly Func<CustomerChange, bool> isRelevant;
    private readonly Func<Task> refresh;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private bool running;
    private bool changedMeanwhile;
    private volatile bool disposed;

    /// <param name="refresh">Reloads and re-renders; called through the component's <c>InvokeAsync</c>.</param>
    public LiveRefresh(ICustomerChanges changes, Func<CustomerChange, bool> isRelevant, Func<Task> refresh, ILogger logger)
    {
        this.isRelevant = isRelevant;
        this.refresh = refresh;
        this.logger = logger;
        subscription = changes.Subscribe(OnChangeAsync);
    }

    private async Task OnChangeAsync(CustomerChange change)
    {
        if (disposed || !isRelevant(change)) return;
        lock (gate)
        {
            if (running)
            {
                changedMeanwhile = true;
                return;
            }
            running = true;
        }

        while (true)
        {
            await Task.Delay(Debounce);
            if (disposed) return;
            lock (gate) changedMeanwhile = false;
            try
            {
                await refresh();
            }
            catch (Exception e) when (!disposed)
            {
                logger.LogWarning(e, "Refreshing a page after a customer change failed; it shows the state before the change");
            }
            catch (Exception)
            {
                // The page went away while refreshing: nothing to show.
            }
            lock (gate)
            {
                if (!changedMeanwhile || disposed)
                {
                    running = false;
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        disposed = true;
        subscription.Dispose();
    }
}
