using System.Globalization;
using System.Linq.Expressions;
using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Customers;

/// <summary>
/// The list's search box: an exact id, an email prefix, or name prefixes ("ada lov" finds Ada Lovelace), and how its
/// first page is found fast at a million customers on each engine.
/// </summary>
internal static class CustomerSearch
{
    /// <summary>
    /// What a search asks. A customer matches if it meets one of <paramref name="FirstTerm"/> (the first term against
    /// each key, each served by an index of its own) and every one of <paramref name="OtherTerms"/>.
    /// </summary>
    /// <paramref name="IsExact"/>: at most one customer can match (an id), so there is no page to find.
    internal sealed record Conditions(
        IReadOnlyList<Expression<Func<Customer, bool>>> FirstTerm, IReadOnlyList<Expression<Func<Customer, bool>>> OtherTerms, bool IsExact = false);

    /// <summary>The conditions of <paramref name="search"/>, or null when it asks nothing (blank).</summary>
    internal static Conditions? Parse(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return null;
        var text = PlainText.WithoutControlCharacters(search).Trim();
        if (text.Length == 0) return null;
        text = PlainText.Cut(text, CustomerListQuery.MaxSearchLength);
        if (Guid.TryParse(text, out var id)) return new Conditions([c => c.Id == id], [], IsExact: true);

        if (text.Contains('@')) return new Conditions([StartsWith(c => c.Email, ContactRules.NormalizeEmail(text))], []);

        var terms = ContactRules.SearchKey(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(CustomerListQuery.MaxSearchTerms).ToArray();
        if (terms.Length == 0) return new Conditions([c => false], [], IsExact: true); // e.g. only combining marks: nothing can match
        var emailTerm = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return new Conditions(
            [StartsWith(c => c.FirstNameKey, terms[0]), StartsWith(c => c.LastNameKey, terms[0]), StartsWith(c => c.Email, emailTerm)],
            terms.Skip(1).Select(term => Or(StartsWith(c => c.FirstNameKey, term), StartsWith(c => c.LastNameKey, term))).ToList());
    }

    /// <summary>The customers among <paramref name="customers"/> that the search selects.</summary>
    internal static IQueryable<Customer> Apply(IQueryable<Customer> customers, string? search)
    {
        if (Parse(search) is not { } conditions) return customers;
        customers = customers.Where(Or([.. conditions.FirstTerm]));
        foreach (var term in conditions.OtherTerms) customers = customers.Where(term);
        return customers;
    }

    /// <summary>
    /// The newest <paramref name="take"/> customers that <paramref name="filtered"/> (the list's filters and cursor,
    /// without the search) and the search select. Left to themselves, SQLite's planner would read and sort every match
    /// (300–500 ms for a one-letter prefix at a million) and PostgreSQL's would walk the whole newest-first index when
    /// many matches are all old (1.2 s for a prefix like `customer12`).
    /// </summary>
    internal static Task<List<Customer>> NewestMatchesAsync(
        BackOfficeDbContext db, IQueryable<Customer> filtered, Conditions search, DateTime? olderThan, int take, CancellationToken ct) =>
        db.Database.IsSqlite()
            ? NewestMatchesByPeriodAsync(db, filtered, search, olderThan, take, ct)
            : NewestMatchesByWalkAsync(db, filtered, search, take, ct);

    /// <summary>
    /// The oldest <paramref name="take"/> customers that <paramref name="filtered"/> (the list's filters and cursor,
    /// without the search) and the search select, oldest first: the page before a cursor (newer), on its way back
    /// to the first page. PostgreSQL's planner is left to it, as before.
    /// </summary>
    internal static Task<List<Customer>> OldestMatchesAsync(
        BackOfficeDbContext db, IQueryable<Customer> filtered, Conditions search, DateTime newerThan, int take, CancellationToken ct) =>
        db.Database.IsSqlite()
            ? OldestMatchesByPeriodAsync(db, filtered, search, newerThan, take, ct)
            : Matches(filtered, search).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(take).ToListAsync(ct);

    /// <summary>How many customers <paramref name="filtered"/> and the search select (an export's progress).</summary>
    internal static async Task<long> CountAsync(BackOfficeDbContext db, IQueryable<Customer> filtered, Conditions search, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return await Matches(filtered, search).LongCountAsync(ct);
        // Without a period the (period, key) indexes serve nothing and SQLite would read the whole table.
        var periods = await PeriodsAsync(db, newest: null, oldest: null, ct);
        return await PerKey(filtered, search, periods).Select(q => q.Select(c => c.Id)).Aggregate(Queryable.Union).LongCountAsync(ct);
    }

    /// <summary>
    /// On SQLite each key has an index on (created period, key), a period being ten days of a month. For each way the
    /// first term can match, SQLite probes the periods newest first, reads and sorts one period's matches at a time and
    /// stops as soon as it has a page. So no search reads more than one period's matches of a key (about 9,000
    /// customers at a million over three years), plus one index probe per period.
    /// </summary>
    private static async Task<List<Customer>> NewestMatchesByPeriodAsync(
        BackOfficeDbContext db, IQueryable<Customer> filtered, Conditions search, DateTime? olderThan, int take, CancellationToken ct)
    {
        var periods = await PeriodsAsync(db, newest: olderThan, oldest: null, ct);
        var newestPerKey = PerKey(filtered, search, periods)
            .Select(matches => matches.OrderByDescending(c => EF.Property<string>(c, CustomerConfiguration.CreatedPeriod))
                .ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Select(c => new { c.Id, c.CreatedAt }).Take(take))
            .Aggregate(Queryable.Union);
        var newest = newestPerKey.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(take).Select(k => k.Id);
        return await CustomerService.NewestFirst(db.Customers.AsNoTracking().Where(c => newest.Contains(c.Id))).ToListAsync(ct);
    }

    /// <summary>The same, the other way: periods oldest first from the cursor's.</summary>
    private static async Task<List<Customer>> OldestMatchesByPeriodAsync(
        BackOfficeDbContext db, IQueryable<Customer> filtered, Conditions search, DateTime newerThan, int take, CancellationToken ct)
    {
        var periods = await PeriodsAsync(db, newest: null, oldest: newerThan, ct);
        var oldestPerKey = PerKey(filtered, search, periods)
            .Select(matches => matches.OrderBy(c => EF.Property<string>(c, CustomerConfiguration.CreatedPeriod))
                .ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.CreatedAt }).Take(take))
            .Aggregate(Queryable.Union);
        var oldest = oldestPerKey.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Take(take).Select(k => k.Id);
        return await db.Customers.AsNoTracking().Where(c => oldest.Contains(c.Id)).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
    }

    /// <summary>For each way the first term can match, the customers it selects within <paramref name="periods"/>: each served by its key's (period, key) index.</summary>
    private static IEnumerable<IQueryable<Customer>> PerKey(IQueryable<Customer> filtered, Conditions search, List<string> periods)
    {
        foreach (var term in search.OtherTerms) filtered = filtered.Where(term);
        return search.FirstTerm.Select(key =>
            filtered.Where(key).Where(c => periods.Contains(EF.Property<string>(c, CustomerConfiguration.CreatedPeriod)))).ToList();
    }

    private static IQueryable<Customer> Matches(IQueryable<Customer> filtered, Conditions search)
    {
        var matches = filtered.Where(Or([.. search.FirstTerm]));
        foreach (var term in search.OtherTerms) matches = matches.Where(term);
        return matches;
    }

    /// <summary>
    /// Every period of every month from the newest customer's (or <paramref name="newest"/>'s) back to the oldest
    /// customer's (or <paramref name="oldest"/>'s), as <see cref="CustomerConfiguration.CreatedPeriod"/> stores them
    /// ("yyyy-MM-3" … "yyyy-MM-0"). Their order does not matter: SQLite sorts an IN list.
    /// </summary>
    private static async Task<List<string>> PeriodsAsync(BackOfficeDbContext db, DateTime? newest, DateTime? oldest, CancellationToken ct)
    {
        var last = newest ?? await db.Customers.OrderByDescending(c => c.CreatedAt).Select(c => (DateTime?)c.CreatedAt).FirstOrDefaultAsync(ct);
        var first = oldest ?? await db.Customers.OrderBy(c => c.CreatedAt).Select(c => (DateTime?)c.CreatedAt).FirstOrDefaultAsync(ct);
        var periods = new List<string>();
        if (last is null || first is null) return periods;
        var firstMonth = new DateTime(first.Value.Year, first.Value.Month, 1);
        for (var month = new DateTime(last.Value.Year, last.Value.Month, 1); month >= firstMonth; month = month.AddMonths(-1))
            foreach (var tens in "3210")
                periods.Add(month.ToString("yyyy-MM-", CultureInfo.InvariantCulture) + tens);
        return periods;
    }

    /// <summary>How far back a search walks the newest-first index before it reads its matches from the name and email indexes instead.</summary>
    private const int SearchWalkRows = 5_000;

    /// <summary>
    /// On PostgreSQL: first walk the newest <see cref="SearchWalkRows"/> rows of the list's index with the search as
    /// a filter (the planner picks the plan within those rows); when that fills the page, it is the answer, since every
    /// row beyond is older. Otherwise the prefix is rare among recent customers: its matches are read from the name
    /// and email indexes and sorted, keys only, and the page's rows read afterwards.
    /// </summary>
    private static async Task<List<Customer>> NewestMatchesByWalkAsync(
        BackOfficeDbContext db, IQueryable<Customer> filtered, Conditions search, int take, CancellationToken ct)
    {
        var horizon = await CustomerService.NewestFirst(filtered).Skip(SearchWalkRows).Select(c => (DateTime?)c.CreatedAt).FirstOrDefaultAsync(ct);
        var matches = Matches(filtered, search);
        var walked = horizon is { } since ? matches.Where(c => c.CreatedAt >= since) : matches;
        var found = await CustomerService.NewestFirst(walked).Take(take).ToListAsync(ct);
        if (found.Count == take || horizon is null) return found;

        // Sorted by an expression no index serves, so that PostgreSQL reads the matches from the name indexes.
        var newest = await matches.OrderByDescending(c => c.CreatedAt + TimeSpan.Zero).ThenByDescending(c => c.Id)
            .Select(c => c.Id).Take(take).ToListAsync(ct);
        return await CustomerService.NewestFirst(db.Customers.AsNoTracking().Where(c => newest.Contains(c.Id))).ToListAsync(ct);
    }

    /// <summary>A prefix test written as a range (key ≥ prefix and key &lt; prefix + max char), which an ordinary index serves.</summary>
    private static Expression<Func<Customer, bool>> StartsWith(Expression<Func<Customer, string>> key, string prefix)
    {
        var upper = prefix + char.ConvertFromUtf32(0x10FFFF);
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        var body = Expression.AndAlso(
            Expression.GreaterThanOrEqual(Expression.Call(compare, key.Body, Expression.Constant(prefix)), Expression.Constant(0)),
            Expression.LessThan(Expression.Call(compare, key.Body, Expression.Constant(upper)), Expression.Constant(0)));
        return Expression.Lambda<Func<Customer, bool>>(body, key.Parameters);
    }

    private static Expression<Func<Customer, bool>> Or(params Expression<Func<Customer, bool>>[] predicates)
    {
        if (predicates.Length == 1) return predicates[0];
        var parameter = Expression.Parameter(typeof(Customer), "c");
        var body = predicates
            .Select(p => new ParameterReplacer(p.Parameters[0], parameter).Visit(p.Body))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Customer, bool>>(body, parameter);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
