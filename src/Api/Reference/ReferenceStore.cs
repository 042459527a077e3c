using Marten;
using Registry.Api.Infrastructure;

namespace Registry.Api.Reference;

public static class ReferenceStore
{
    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<IdempotentResponse>();
        opts.Schema.For<Quality.DataQualityRun>();
        opts.Schema.For<Audit.SensitiveRead>().Index(x => x.HouseholdId).Index(x => x.Unit).Index(x => x.ReadAt);
        Bulk.ImportStore.Configure(opts);
    }
}
