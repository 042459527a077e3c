using System.ComponentModel;
using Registry.Api.Infrastructure;

namespace Registry.Api.Quality;

public enum DataQualityRunStatus
{
    [Description("排队中")] Pending,
    [Description("清洗中")] Running,
    [Description("已完成")] Completed,
    [Description("失败")] Failed,
}

/// <summary>
/// The record of one cleaning run: which rules, over what, how far it has come (<see cref="Processed"/> of
/// <see cref="Total"/> households) and what it found.
/// </summary>
public sealed record DataQualityRun(
    Guid Id,
    string Org,
    int RuleSetVersion,
    int CampaignYear,
    DateTimeOffset RanAt,
    string RanBy,
    DataQualityRunStatus Status,
    int Total,
    int HouseholdsChecked,
    int Findings,
    int Opened,
    int ClosedByData,
    int StillOpen,
    IReadOnlyDictionary<string, int> FindingsByRule,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    string? Failure = null)
{
    /// <summary>Who asked for the run and under which correlation id: the problems it opens and closes carry both.</summary>
    public Actor? RequestedBy { get; init; }

    public string? CorrelationId { get; init; }

    public bool IsFinished => Status is DataQualityRunStatus.Completed or DataQualityRunStatus.Failed;

    public static DataQualityRun Requested(Guid id, string org, int ruleSetVersion, int campaignYear, DateTimeOffset at, Actor actor, string correlationId,
        int total) =>
        new(id, org, ruleSetVersion, campaignYear, at, actor.UserId, DataQualityRunStatus.Pending, total, 0, 0, 0, 0, 0, new Dictionary<string, int>())
        {
            RequestedBy = actor,
            CorrelationId = correlationId,
        };
}
