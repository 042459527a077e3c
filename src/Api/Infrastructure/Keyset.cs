using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Marten;
using Registry.Domain.Common;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Keyset paging: where a page ended, as <c>{key}.{id}</c> in the list's own order. The next page starts after it, so a deep
/// page costs what the first one does, and a row added meanwhile neither repeats nor hides another.
/// </summary>
public static partial class Keyset
{
    public static string Cursor(string key, Guid id) => $"{key}.{id:N}";

    /// <summary>The cursor sent as <c>after</c>, its key of the given shape; null when none was sent.</summary>
    public static (string Key, Guid Id)? Parse(string? after, string? page, Regex keyShape)
    {
        if (string.IsNullOrEmpty(after)) return null;
        RefusePageBeside(page);
        var dot = after.LastIndexOf('.');
        if (dot < 1 || !keyShape.IsMatch(after[..dot]) || !IdShape().IsMatch(after[(dot + 1)..]))
            throw Invalid();
        return (after[..dot], Guid.ParseExact(after[(dot + 1)..], "N"));
    }

    /// <summary>A cursor that is a position in a descending sequence, such as the event log's.</summary>
    public static long? ParseSequence(string? after, string? page)
    {
        if (string.IsNullOrEmpty(after)) return null;
        RefusePageBeside(page);
        return long.TryParse(after, out var sequence) && sequence > 0 && after.All(char.IsAsciiDigit) ? sequence : throw Invalid();
    }

    /// <summary>The rows after the cursor in ascending order of key, then id.</summary>
    public static IQueryable<T> After<T, TKey>(this IQueryable<T> rows, Expression<Func<T, TKey>> key, Expression<Func<T, Guid>> id,
        TKey cursorKey, Guid cursorId)
    {
        var row = key.Parameters[0];
        var keyBody = key.Body;
        var idBody = new Rebind(id.Parameters[0], row).Visit(id.Body);
        var keyValue = Expression.Constant(cursorKey, typeof(TKey));
        var greater = typeof(TKey) == typeof(string) ? CompareTo<TKey>(keyBody, keyValue, Expression.GreaterThan) : Expression.GreaterThan(keyBody, keyValue);
        var same = Expression.Equal(keyBody, keyValue);
        var laterId = CompareTo<Guid>(idBody, Expression.Constant(cursorId), Expression.GreaterThan);
        return rows.Where(Expression.Lambda<Func<T, bool>>(Expression.OrElse(greater, Expression.AndAlso(same, laterId)), row));
    }

    /// <summary>
    /// The page after a cursor, with the total of the whole list; the page number of a cursor page is 1, since a cursor
    /// page has no number. A list that keeps its totals gives <paramref name="kept"/>, the total without counting.
    /// </summary>
    public static Task<PageOf<T>> Page<T>(IQueryable<T> filtered, IQueryable<T> afterOrdered, int size, CancellationToken ct,
        Func<Task<long>>? kept = null) where T : notnull =>
        Page(filtered, afterOrdered, size, ct, kept, PagedQuery.ReadAll);

    /// <param name="read">How the page's query becomes its rows (see <see cref="PagedQuery"/>).</param>
    public static async Task<PageOf<TRow>> Page<T, TRow>(IQueryable<T> filtered, IQueryable<T> afterOrdered, int size, CancellationToken ct,
        Func<Task<long>>? kept, Func<IQueryable<T>, CancellationToken, Task<IReadOnlyList<TRow>>> read) where T : notnull
    {
        var total = kept is null ? await filtered.CountAsync(ct) : await kept();
        return new PageOf<TRow>(await read(afterOrdered.Take(size), ct), 1, size, total);
    }

    /// <summary>A full page names the cursor of its last row; a short one is the last page.</summary>
    public static PageOf<T> WithNext<T>(this PageOf<T> page, Func<T, string> cursor) =>
        page with { Next = page.Items.Count == page.PageSize && page.Items.Count > 0 ? cursor(page.Items[^1]) : null };

    private static void RefusePageBeside(string? page)
    {
        if (!string.IsNullOrEmpty(page)) throw DomainRefusal.Invalid("after", "query.after.with-page", "Send after or page, not both.");
    }

    public static DomainRefusal Invalid() => DomainRefusal.Invalid("after", "query.after.invalid", "after is the next cursor of a page of the same list.");

    private static BinaryExpression CompareTo<TValue>(Expression value, Expression other, Func<Expression, Expression, BinaryExpression> sign) =>
        sign(Expression.Call(value, typeof(TValue).GetMethod(nameof(string.CompareTo), [typeof(TValue)])!, other), Expression.Constant(0));

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdShape();

    [GeneratedRegex("^[0-9]{12}$")]
    public static partial Regex UnitCode();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    public static partial Regex Date();

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
