namespace BackOffice.Core.Dashboard;

/// <summary>
/// The KYC decisions of the dashboard's window before today, read once per day and kept. A decision is stamped with
/// the time it is made and the audit trail is append-only, so a day that has ended never gains or loses one: only
/// today's decisions need reading on each refresh. At a million customers the window holds ~26,000 decisions, each
/// joined to its customer; reading them was most of the dashboard's time (130 ms on SQLite, 150 ms on PostgreSQL).
/// </summary>
public sealed class DecisionsOfPastDays
{
    private readonly SemaphoreSlim reading = new(1, 1);
    private (DateTime From, DateTime Until, IReadOnlyList<KycDecision> Decisions)? kept;

    /// <summary>The decisions made in [<paramref name="from"/>, <paramref name="until"/>), from memory when this span was read before.</summary>
    public async Task<IReadOnlyList<KycDecision>> GetAsync(DateTime from, DateTime until, Func<DateTime, DateTime, Task<IReadOnlyList<KycDecision>>> read)
    {
        if (kept is { } hit && hit.From == from && hit.Until == until) return hit.Decisions;
        await reading.WaitAsync();
        try
        {
            if (kept is { } again && again.From == from && again.Until == until) return again.Decisions;
            var decisions = await read(from, until);
            kept = (from, until, decisions);
            return decisions;
        }
        finally
        {
            reading.Release();
        }
    }
}

/// <summary>One approval or rejection in the window: who decided, when, and when the customer was created.</summary>
public sealed record KycDecision(string ActorId, string ActorName, string Action, DateTime At, DateTime CreatedAt);
