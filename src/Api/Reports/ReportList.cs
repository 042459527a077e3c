using System.ComponentModel;

namespace Registry.Api.Reports;

/// <summary>The work plan's attachments, each a list a town office fills in (附件1-5).</summary>
public enum ReportList
{
    [Description("附件1 新致贫户")] NewlyPoor,
    [Description("附件2 自然增加人口")] MembersAdded,
    [Description("附件3 自然减少人口")] MembersRemoved,
    [Description("附件4 脱贫不稳定户")] UnstableExited,
    [Description("附件5 边缘易致贫户")] Marginal,
}

/// <summary>What every list needs to build its rows: the reader's unit prefix, the year, village names and whether ID numbers show.</summary>
public sealed record ReportScope(string Prefix, int Year, IReadOnlyDictionary<string, string> VillageNames, bool Unmasked)
{
    public string VillageName(string code) => VillageNames.GetValueOrDefault(code, code);
}

/// <summary>A list's rows as JSON, and as a sheet under its Chinese headers; <see cref="Read"/> is what the unmasked read log records.</summary>
public sealed record ReportRows<T>(IReadOnlyList<T> Items, IReadOnlyList<string> Headers, Func<T, IReadOnlyList<string?>> Cells,
    IReadOnlyList<Audit.ReadTarget> Read);

public sealed record ReportAnswer<T>(IReadOnlyList<T> Items, int Total);
