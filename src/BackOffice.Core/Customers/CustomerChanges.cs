namespace BackOffice.Core.Customers;

/// <summary>Something happened to a customer: created, a status change, a wallet. Sent after the change is committed.</summary>
public sealed record CustomerChange(Guid CustomerId, string Action, CustomerStatus Status);

/// <summary>
/// Tells open pages that customers changed, so they can refresh without a reload. <see cref="InProcessCustomerChanges"/>
/// serves one app instance (SQLite); <see cref="PostgresCustomerChanges"/> shares changes between instances through
/// PostgreSQL's LISTEN/NOTIFY. Services publish after commit.
/// </summary>
public interface ICustomerChanges
{
    void Publish(CustomerChange change);

    /// <summary>Calls <paramref name="handler"/> for every change until the returned handle is disposed.</summary>
    IDisposable Subscribe(Func<CustomerChange, Task> handler);
}

public sealed class InProcessCustomerChanges : ICustomerChanges
{
    private readonly Lock gate = new();
    private readonly List<Func<CustomerChange, Task>> handlers = [];

    public void Publish(CustomerChange change)
    {
        Func<CustomerChange, Task>[] current;
        lock (gate) current = [.. handlers];
        foreach (var handler in current)
        {
            // Fire and forget: a slow or broken page must not hold up the change that was just saved.
            _ = Task.Run(async () =>
            {
                try { await handler(change); }
                catch { /* a subscriber's failure is its own; the circuit logs it */ }
            });
        }
    }

    public IDisposable Subscribe(Func<CustomerChange, Task> handler)
    {
        lock (gate) handlers.Add(handler);
        return new Subscription(() => { lock (gate) handlers.Remove(handler); });
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) unsubscribe();
        }
    }
}
