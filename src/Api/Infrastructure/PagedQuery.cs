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
    /// <param name="read">How a page's query becomes its rows, when not by reading the rows it skips on the way (see <see cref="ById"/>).</param>
    public static async Task<PageOf<T>> Page<T>(IQueryable<T> filtered, Func<IQueryable<T>, IOrderedQueryable<T>> order, int page, int size,
        CancellationToken ct, Func<Task<long>>? kept = null, Func<IQueryable<T>, CancellationToken, Task<IReadOnlyList<T>>>? read = null) where T : notnull
    {
        var total = kept is null ? await filtered.CountAsync(ct) : await kept();
        var query = order(filtered).Skip((page - 1) * size).Take(size);
        var rows = (long)(page - 1) * size >= total
            ? []
            : read is null ? await query.ToListAsync(ct) : await read(query, ct);
        return new PageOf<T>(rows.ToList(), page, size, total);
    }

    /// <summary>
    /// A page's ids first, then its documents: where an index holds the list's order and ids, the database walks the index past
    /// the rows a deep page skips instead of reading each of their documents.
    /// </summary>
    public static Func<IQueryable<T>, CancellationToken, Task<IReadOnlyList<T>>> ById<T>(IQuerySession session, Func<T, Guid> idOf,
        System.Linq.Expressions.Expression<Func<T, Guid>> id) where T : notnull => async (query, ct) =>
    {
        var ids = await query.Select(id).ToListAsync(ct);
        if (ids.Count == 0) return [];
        var documents = (await session.LoadManyAsync<T>(ct, ids)).ToDictionary(idOf);
        return ids.Where(documents.ContainsKey).Select(i => documents[i]).ToList();
    };

    public static PageOf<TOut> Select<TIn, TOut>(this PageOf<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), page.Page, page.PageSize, page.Total) { Next = page.Next };
}
