using Marten;

namespace Registry.Api.Infrastructure;

public static class PagedQuery
{
    /// <summary>One page of an ordered query and the total of the whole query, also for a page past the end.</summary>
    /// <remarks>
    /// The total is its own count rather than a window over the page's query: a window count makes the database read every
    /// matching document before it can return 50, where a count reads only the index. A list that keeps its totals gives
    /// <paramref name="kept"/>, the total without counting.
    /// </remarks>
    public static Task<PageOf<T>> Page<T>(IQueryable<T> filtered, Func<IQueryable<T>, IOrderedQueryable<T>> order, int page, int size,
        CancellationToken ct, Func<Task<long>>? kept = null) where T : notnull =>
        Page(filtered, order, page, size, ct, kept, ReadAll);

    /// <param name="read">How a page's query becomes its rows: a list whose index holds its order reads the page's ids first,
    /// walking the index past the rows a deep page skips instead of reading each of their documents, then only its own rows.</param>
    public static async Task<PageOf<TRow>> Page<T, TRow>(IQueryable<T> filtered, Func<IQueryable<T>, IOrderedQueryable<T>> order, int page,
        int size, CancellationToken ct, Func<Task<long>>? kept, Func<IQueryable<T>, CancellationToken, Task<IReadOnlyList<TRow>>> read)
        where T : notnull
    {
        var total = kept is null ? await filtered.CountAsync(ct) : await kept();
        var rows = (long)(page - 1) * size >= total ? [] : await read(order(filtered).Skip((page - 1) * size).Take(size), ct);
        return new PageOf<TRow>(rows, page, size, total);
    }

    public static async Task<IReadOnlyList<T>> ReadAll<T>(IQueryable<T> query, CancellationToken ct) where T : notnull => await query.ToListAsync(ct);

    public static PageOf<TOut> Select<TIn, TOut>(this PageOf<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), page.Page, page.PageSize, page.Total) { Next = page.Next };
}
