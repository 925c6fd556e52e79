using BackOffice.Core.Customers;
using BackOffice.Web.Components.Customers;

namespace BackOffice.Tests.Exports;

public sealed class ExportTicketTests
{
    private static readonly CustomerListQuery All = new();

    [Fact]
    public void A_ticket_starts_one_export_once_and_only_for_the_user_it_was_issued_to()
    {
        var exports = new ExportProgress(TimeProvider.System);
        var id = Guid.NewGuid();
        var ticket = exports.Start(id, "compliance-1", All)!;

        Assert.Equal(id, exports.Redeem(ticket, "compliance-1")?.ExportId);
        Assert.Null(exports.Redeem(ticket, "compliance-1")); // spent
        Assert.Null(exports.Redeem(null, "compliance-1"));
        Assert.Null(exports.Redeem("", "compliance-1"));

        var stolen = exports.Start(Guid.NewGuid(), "manager-1", All)!;
        Assert.Null(exports.Redeem(stolen, "compliance-1"));
        Assert.Null(exports.Redeem(stolen, "manager-1")); // spent by the wrong user's attempt
    }

    [Fact]
    public void One_export_at_a_time_per_user()
    {
        var exports = new ExportProgress(TimeProvider.System);
        var first = Guid.NewGuid();
        Assert.NotNull(exports.Start(first, "compliance-1", All));

        Assert.Null(exports.Start(Guid.NewGuid(), "compliance-1", All));
        Assert.NotNull(exports.Start(Guid.NewGuid(), "manager-1", All));

        exports.Finish(first);
        Assert.NotNull(exports.Start(Guid.NewGuid(), "compliance-1", All));
    }
}
