namespace Registry.Ledger;

/// <summary>
/// Compares the stored events with their stored leaves, both in sequence order, and names every difference: an event
/// whose leaf no longer matches (edited, backdated, or another event in its place: reordered), a leaf without its event
/// (deleted, a stream's cut tail, a whole stream deleted), an event without a leaf inside the leaves' range (inserted).
/// Events past the last leaf are not covered yet and only counted.
/// </summary>
public sealed class LogAudit
{
    private readonly List<Finding> _findings = [];
    private readonly List<StoredLeaf> _missing = [];
    private readonly List<StoredEvent> _unleafed = [];
    private readonly Dictionary<Guid, long> _lastVersion = [];

    public IReadOnlyList<Finding> Findings => _findings;

    public long EventsChecked { get; private set; }

    public long Uncovered { get; private set; }

    /// <param name="progress">Called every <paramref name="progressEvery"/> events.</param>
    /// <param name="coveredThrough">The last sequence with a leaf in the whole log, when the leaves given are only some streams'.</param>
    /// <param name="observe">Shown every event as it is read, for other checks that need one pass over the log.</param>
    public async Task Compare(IAsyncEnumerable<StoredEvent> events, IAsyncEnumerable<StoredLeaf> leaves,
        Func<LogAudit, Task>? progress, CancellationToken ct, int progressEvery = 50_000, long? coveredThrough = null, Action<StoredEvent>? observe = null)
    {
        await using var e = events.GetAsyncEnumerator(ct);
        await using var l = leaves.GetAsyncEnumerator(ct);
        var hasEvent = await e.MoveNextAsync();
        var hasLeaf = await l.MoveNextAsync();
        long lastLeafSequence = 0;
        while (hasEvent || hasLeaf)
        {
            if (hasLeaf && (!hasEvent || l.Current.Sequence < e.Current.Sequence))
            {
                _missing.Add(l.Current);
                lastLeafSequence = l.Current.Sequence;
                hasLeaf = await l.MoveNextAsync();
                continue;
            }
            var stored = e.Current;
            Seen(stored);
            observe?.Invoke(stored);
            if (hasLeaf && l.Current.Sequence == stored.Sequence)
            {
                Check(stored, l.Current);
                lastLeafSequence = l.Current.Sequence;
                hasLeaf = await l.MoveNextAsync();
            }
            else
            {
                _unleafed.Add(stored with { Data = "", Headers = null });
            }
            hasEvent = await e.MoveNextAsync();
            if (progress is not null && EventsChecked % progressEvery == 0) await progress(this);
        }
        Conclude(coveredThrough ?? lastLeafSequence);
    }

    /// <summary>Adds a finding found outside the comparison (the root, a read model).</summary>
    public void Add(Finding finding) => _findings.Add(finding);

    private void Seen(StoredEvent stored)
    {
        EventsChecked++;
        // The registry archives nothing; Marten leaves an archived event out of every fold, history and projection.
        if (stored.Archived)
            _findings.Add(new Finding(stored.Sequence, stored.StreamId, FindingKind.Archived,
                "The event is marked archived, which hides it from the household's history and from every decision."));
        _lastVersion[stored.StreamId] = Math.Max(stored.Version, _lastVersion.GetValueOrDefault(stored.StreamId));
    }

    private void Check(StoredEvent stored, StoredLeaf leaf)
    {
        if (LeafEncoding.LeafHash(stored).AsSpan().SequenceEqual(leaf.Hash)) return;
        if (stored.StreamId != leaf.StreamId || stored.Version != leaf.Version)
            _findings.Add(new Finding(stored.Sequence, stored.StreamId, FindingKind.Reordered,
                $"Sequence {stored.Sequence} holds version {stored.Version} of stream {stored.StreamId}; its leaf was version {leaf.Version} of stream {leaf.StreamId}."));
        else if (stored.RecordedAt != leaf.RecordedAt)
            _findings.Add(new Finding(stored.Sequence, stored.StreamId, FindingKind.Backdated,
                $"Version {stored.Version} is recorded at {stored.RecordedInstant:O}; its leaf was taken when it said {leaf.RecordedInstant():O}."));
        else
            _findings.Add(new Finding(stored.Sequence, stored.StreamId, FindingKind.Edited,
                $"Version {stored.Version} ({stored.Type}) no longer matches its leaf: its data or metadata changed."));
    }

    private void Conclude(long coveredThrough)
    {
        foreach (var stored in _unleafed)
        {
            if (stored.Sequence < coveredThrough)
                _findings.Add(new Finding(stored.Sequence, stored.StreamId, FindingKind.Inserted,
                    $"Version {stored.Version} ({stored.Type}) has no leaf though later events do."));
            else
                Uncovered++;
        }
        foreach (var stream in _missing.GroupBy(m => m.StreamId))
        {
            var first = stream.First();
            if (!_lastVersion.TryGetValue(stream.Key, out var last))
            {
                _findings.Add(new Finding(first.Sequence, stream.Key, FindingKind.StreamDeleted,
                    $"The stream is gone: {stream.Count()} of its events have leaves and no row."));
                continue;
            }
            var tail = stream.Where(m => m.Version > last).ToList();
            if (tail.Count > 0)
                _findings.Add(new Finding(tail[0].Sequence, stream.Key, FindingKind.TailCut,
                    $"The stream ends at version {last}; its leaves go on to version {tail.Max(m => m.Version)}."));
            foreach (var gone in stream.Where(m => m.Version <= last))
                _findings.Add(new Finding(gone.Sequence, stream.Key, FindingKind.Deleted, $"Version {gone.Version} has a leaf and no row."));
        }
        _findings.Sort((a, b) => (a.Sequence ?? long.MaxValue).CompareTo(b.Sequence ?? long.MaxValue));
    }
}

internal static class StoredLeafExtensions
{
    public static DateTimeOffset RecordedInstant(this StoredLeaf leaf) => new(DateTime.UnixEpoch.Ticks + leaf.RecordedAt * 10, TimeSpan.Zero);
}
