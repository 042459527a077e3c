using Marten;

namespace Registry.Api.Bulk;

public static class ImportStore
{
    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<ImportRecord>();
        opts.Schema.For<ImportFile>();
        opts.Schema.For<ImportVerdict>().Index(x => x.ImportId).Index(x => x.FirstRow);
    }
}
