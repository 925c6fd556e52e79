using BackOffice.Core;
using BackOffice.Core.Customers;

namespace BackOffice.Tests.Support;

/// <summary>
/// A create held inside its group commit (its BeforeCommit waits for the gate), so that the creates started next are
/// sure to queue up behind it and go together into the following commit.
/// </summary>
public static class HeldCommit
{
    public static async Task<(Task<ServiceResult<Customer>> Create, TaskCompletionSource Gate)> StartAsync(CustomerCreateQueue queue)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var create = queue.CreateAsync(Samples.Customer(), TestDatabase.Agent, async (_, _, _) =>
        {
            entered.TrySetResult();
            await gate.Task;
        });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (create, gate);
    }
}
