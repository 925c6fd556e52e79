using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BackOffice.Core.Customers;

/// <summary>
/// Customer changes shared between app instances through PostgreSQL's LISTEN/NOTIFY, for deployments that run
/// several instances on one database. A change is handed to this instance's pages at once, and sent on the channel for
/// the others; each instance listens on one connection of its own and ignores what it sent itself.
/// Delivery is best effort, like the in-process version: a page that misses a notice shows the change on its next
/// refresh, and nothing is lost from the database.
/// </summary>
public sealed partial class PostgresCustomerChanges : BackgroundService, ICustomerChanges
{
    public const string ChannelName = "customer_changes";

    private readonly InProcessCustomerChanges local = new();
    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger<PostgresCustomerChanges> logger;
    private readonly string instanceId = Guid.NewGuid().ToString("N");
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Notices wait here and go out one at a time on one connection, so a burst of changes never takes more than
    // this class's two connections (one listening, one sending) from the server. If the database is away for long,
    // the oldest notices are dropped: they are only hints to refresh.
    private readonly Channel<CustomerChange> outbox = Channel.CreateBounded<CustomerChange>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public PostgresCustomerChanges(string connectionString, ILogger<PostgresCustomerChanges> logger)
    {
        this.logger = logger;
        // Keepalives make a connection that died silently (failover, an idle-timeout on the network) fail, so the
        // listener notices and listens again instead of waiting forever.
        dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, MaxPoolSize = 2 }.ConnectionString);
    }

    /// <summary>Completes once this instance is listening (for tests: a notice sent before then is not seen).</summary>
    public Task Listening => listening.Task;

    public IDisposable Subscribe(Func<CustomerChange, Task> handler) => local.Subscribe(handler);

    public void Publish(CustomerChange change)
    {
        local.Publish(change);
        outbox.Writer.TryWrite(change); // sent by SendAsync, off the request's path
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in outbox.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var payload = JsonSerializer.Serialize(new Notice(instanceId, change.CustomerId, change.Action, change.Status));
                    await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
                    command.Parameters.Add(new NpgsqlParameter { Value = ChannelName });
                    command.Parameters.Add(new NpgsqlParameter { Value = payload });
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogNotifyFailed(logger, e, change.CustomerId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChannelName}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database restarted or the network dropped: listen again shortly. Pages still see their own
                // instance's changes meanwhile.
                LogListenFailed(logger, e);
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private void Receive(string payload)
    {
        try
        {
            var notice = JsonSerializer.Deserialize<Notice>(payload);
            if (notice is null || notice.Origin == instanceId) return;
            local.Publish(new CustomerChange(notice.CustomerId, notice.Action, notice.Status));
        }
        catch (JsonException e)
        {
            LogBadNotice(logger, e, payload);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        dataSource.Dispose();
    }

    private sealed record Notice(string Origin, Guid CustomerId, string Action, CustomerStatus Status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell other instances that customer {CustomerId} changed")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, Guid customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the customer-changes channel; listening again in 2 s")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a customer-changes notice that could not be read: {Payload}")]
    private static partial void LogBadNotice(ILogger logger, Exception exception, string payload);
}
