using Registry.Api.Audit.History;
using Registry.Ledger;

namespace Registry.Api.Tests.History;

public sealed class FindingStreamsTests
{
    private static readonly Guid Own = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    private static readonly Finding Reordered = new(7, Own, "reordered", $"Sequence 7 holds version 2 of stream {Own}; its leaf was version 3 of stream {Other}.");

    [Fact]
    public void A_finding_naming_another_stream_the_reader_may_not_see_keeps_its_own_stream_but_not_the_other()
    {
        FindingStreams.NamedIn(Reordered, Own).ShouldBe([Other]);

        var shown = FindingStreams.Redacted(Reordered, ownVisible: true, new Dictionary<Guid, bool> { [Other] = false });

        (shown.Sequence, shown.StreamId, shown.Kind).ShouldBe((7L, (Guid?)Own, "reordered"));
        shown.Detail.ShouldNotContain(Other.ToString());
    }

    [Fact]
    public void A_finding_whose_streams_the_reader_sees_is_shown_whole_and_one_of_a_stream_outside_names_none()
    {
        FindingStreams.Redacted(Reordered, ownVisible: true, new Dictionary<Guid, bool> { [Other] = true }).ShouldBe(Reordered);

        var outside = FindingStreams.Redacted(Reordered, ownVisible: false, new Dictionary<Guid, bool> { [Other] = true });
        outside.StreamId.ShouldBeNull();
        outside.Detail.ShouldNotContain(Own.ToString());
        outside.Detail.ShouldNotContain(Other.ToString());
    }
}
