using Marten;
using Registry.Domain.Policy;

namespace Registry.Api.Reference;

public static class PolicyLines
{
    /// <summary>The lines of the given year, as the pure decide functions take them.</summary>
    public static async Task<Func<int, PolicyLine?>> For(IQuerySession session, int year, CancellationToken ct)
    {
        var line = (await session.LoadAsync<PolicyLineDocument>(year, ct))?.ToLine();
        return y => y == year ? line : null;
    }
}
