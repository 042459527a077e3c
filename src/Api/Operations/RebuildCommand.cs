using JasperFx.CommandLine;
using JasperFx.Events.Daemon;
using Marten;
using Registry.Projections;

namespace Registry.Api.Operations;

public sealed class RebuildInput : NetCoreInput
{
    [Description("How many rebuilds run at once (default: twice the machine's cores)")]
    [FlagAlias("concurrency", 'n')]
    public int ConcurrencyFlag { get; set; }

    [Description("Gives up after this many minutes (default 60)")]
    [FlagAlias("timeout", 't')]
    public int TimeoutFlag { get; set; } = 60;
}

/// <summary>
/// Every read model rebuilt from the event log (<see cref="ReadModelRebuild"/>), one database after another. Run it with the
/// API stopped: the documents are deleted first and written again. A failed rebuild leaves the API not ready until this
/// command has run to its end.
/// </summary>
[Description("Rebuilds every read model from the event log, side by side", Name = "rebuild")]
public sealed class RebuildCommand : JasperFxAsyncCommand<RebuildInput>
{
    public override async Task<bool> Execute(RebuildInput input)
    {
        using var host = input.BuildHost();
        var store = (DocumentStore)host.Services.GetRequiredService<IDocumentStore>();
        var timeout = TimeSpan.FromMinutes(input.TimeoutFlag);
        using var cts = new CancellationTokenSource(timeout);
        // Units kept as documents alone would be cleared and not written again: they get their streams first, as at start-up.
        var clock = host.Services.GetRequiredService<TimeProvider>();
        foreach (var tenant in host.Services.GetRequiredService<Tenancy.Districts>().TenantIds)
            await Reference.OrgUnitStreams.CarryOver(store, tenant, clock.GetUtcNow(), cts.Token);
        var databases = await store.Storage.AllDatabases();
        foreach (var database in databases)
        {
            var rebuilt = await ReadModelRebuild.All(store, database, timeout, cts.Token, input.ConcurrencyFlag > 0 ? input.ConcurrencyFlag : null,
                line => System.Console.WriteLine($"{database.Id}: {line}"));
            System.Console.WriteLine($"{database.Id}: {rebuilt.Count} projections rebuilt in {rebuilt.Max(r => r.FinishedAfter).TotalSeconds:0.0} s");
        }
        return true;
    }
}
