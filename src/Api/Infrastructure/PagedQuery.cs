using Marten;
using Marten.Pagination;

namespace Registry.Api.Infrastructure;

public static class PagedQuery
{
    /// <summary>One page of an ordered query and the total of the whole query, also for a page past the end.</summary>
    public static async Task<PageOf<T>> Page<T>(IQueryable<T> filtered, Func<IQueryable<T>, IOrderedQueryable<T>> order, int page, int size,
        CancellationToken ct) where T : notnull
    {
        var rows = await order(filtered).ToPagedListAsync(page, size, ct);
        // The total travels with the returned rows; a page past the end returns none, so the first row is asked for it.
        var total = rows.Count == 0 && page > 1 ? (await order(filtered).ToPagedListAsync(1, 1, ct)).TotalItemCount : rows.TotalItemCount;
        return new PageOf<T>(rows.ToList(), page, size, total);
    }

    public static PageOf<TOut> Select<TIn, TOut>(this PageOf<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), page.Page, page.PageSize, page.Total);
}
