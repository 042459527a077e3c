using System.Text.RegularExpressions;
using Registry.Ledger;

namespace Registry.Api.Audit.History;

/// <summary>The streams a verification finding names, and the finding as a reader who may not see some of them is shown it.</summary>
public static partial class FindingStreams
{
    /// <summary>The streams other than its own that the finding's detail names.</summary>
    public static IEnumerable<Guid> NamedIn(Finding finding, Guid own) =>
        Ids().Matches(finding.Detail).Select(m => Guid.Parse(m.Value)).Where(id => id != own).Distinct();

    /// <param name="ownVisible">Whether the reader sees the finding's own stream.</param>
    /// <param name="named">Whether the reader sees each other stream the detail names.</param>
    public static Finding Redacted(Finding finding, bool ownVisible, IReadOnlyDictionary<Guid, bool> named) =>
        !ownVisible ? finding with { StreamId = null, Detail = $"An event of a stream outside your unit: {finding.Kind}." }
        : named.Values.Any(visible => !visible) ? finding with { Detail = $"{finding.Kind}: the event's leaf names a stream outside your unit." }
        : finding;

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Ids();
}
