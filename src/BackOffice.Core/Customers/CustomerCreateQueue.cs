using System.Threading.Channels;
using BackOffice.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOffice.Core.Customers;

/// <summary>
/// Group commit for customer creates: each create is first checked on its caller's thread
/// (<see cref="CustomerService.CheckAsync"/>: role, validators, the sanctions match); creates that arrive while a commit
/// is on its way wait here, and the next commit takes all of them at once through
/// <see cref="CustomerService.CreateCheckedAsync"/> (one transaction, one sync), each caller getting its own answer. A lone create waits for nothing; under load a sync is shared by everyone who came
/// during the previous one, so creates per second grow with the load instead of stopping at syncs per second.
/// The API and the onboarding page create through here; an answer is given only after its commit.
/// </summary>
public sealed class CustomerCreateQueue : IAsyncDisposable
{
    /// <summary>At most this many creates share a commit: enough to amortise the sync, small enough to keep each commit short.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<WaitingCreate> waiting = Channel.CreateUnbounded<WaitingCreate>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<CustomerCreateQueue> logger;
    private readonly Task committer;

    public CustomerCreateQueue(IServiceScopeFactory scopes, ILogger<CustomerCreateQueue> logger)
    {
        this.scopes = scopes;
        this.logger = logger;
        committer = Task.Run(CommitWhatIsWaitingAsync);
    }

    /// <summary>
    /// Creates the customer in the next group commit. <paramref name="ct"/> withdraws a create that has not been taken
    /// into a commit yet; once taken, it is committed (or refused) whatever happens to the caller.
    /// </summary>
    public async Task<ServiceResult<Customer>> CreateAsync(NewCustomer input, Actor actor, BeforeCommit<Customer>? beforeCommit = null, CancellationToken ct = default)
    {
        // Checked here, on the caller's thread: many callers check at once, and a refused create waits for no commit.
        CustomerService.CheckedCreate checkedCreate;
        await using (var scope = scopes.CreateAsyncScope())
            checkedCreate = await scope.ServiceProvider.GetRequiredService<CustomerService>().CheckAsync(new CustomerToCreate(input, actor, beforeCommit), ct);
        if (checkedCreate.Refusal is { } refusal) return refusal;

        var create = new WaitingCreate(checkedCreate, ct);
        if (!waiting.Writer.TryWrite(create)) throw new ObjectDisposedException(nameof(CustomerCreateQueue));
        return await create.Answer.Task;
    }

    private async Task CommitWhatIsWaitingAsync()
    {
        var batch = new List<WaitingCreate>(MaxBatch);
        while (await waiting.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && waiting.Reader.TryRead(out var create))
            {
                if (create.Withdrawn.IsCancellationRequested) create.Answer.TrySetCanceled(create.Withdrawn);
                else batch.Add(create);
            }
            if (batch.Count > 0) await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<WaitingCreate> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var results = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateCheckedAsync(batch.Select(c => c.Item).ToList(), CancellationToken.None);
            for (var i = 0; i < batch.Count; i++) batch[i].Answer.TrySetResult(results[i]);
        }
        catch (PartlyCommittedException partly)
        {
            // Some were committed one by one before others failed: each gets its own outcome, none is tried again.
            for (var i = 0; i < batch.Count; i++)
            {
                if (partly.Failures.TryGetValue(i, out var failure)) batch[i].Answer.TrySetException(failure);
                else batch[i].Answer.TrySetResult(partly.Results[i]!);
            }
        }
        catch (Exception e) when (batch.Count > 1)
        {
            // Something failed the whole batch (e.g. one caller's BeforeCommit threw): nothing was saved, so each create
            // is tried alone, and only the one that fails again gets the failure.
            logger.LogWarning(e, "A group commit of {Count} creates failed; committing them one by one", batch.Count);
            foreach (var create in batch) await CommitAsync([create]);
        }
        catch (Exception e)
        {
            batch[0].Answer.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        waiting.Writer.TryComplete();
        await committer; // the creates already waiting are committed and answered
    }

    private sealed record WaitingCreate(CustomerService.CheckedCreate Item, CancellationToken Withdrawn)
    {
        public TaskCompletionSource<ServiceResult<Customer>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
