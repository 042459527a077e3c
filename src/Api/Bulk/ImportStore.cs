using System.Linq.Expressions;
using Marten;

namespace Registry.Api.Bulk;

public static class ImportStore
{
    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<ImportRecord>();
        opts.Schema.For<ImportFile>();
        // An import's verdicts in the order of its rows, whatever other imports hold: a poll of a running import reads its
        // first page from the index instead of filtering every verdict ever stored.
        opts.Schema.For<ImportVerdict>().Index(new Expression<Func<ImportVerdict, object>>[] { v => v.ImportId, v => v.FirstRow });
    }
}
