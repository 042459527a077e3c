namespace Registry.Api.Quality;

/// <summary>The record of one cleaning run: which rules, over what, found what.</summary>
public sealed record DataQualityRun(
    Guid Id,
    string Org,
    int RuleSetVersion,
    int CampaignYear,
    DateTimeOffset RanAt,
    string RanBy,
    int HouseholdsChecked,
    int Findings,
    int Opened,
    int ClosedByData,
    int StillOpen,
    IReadOnlyDictionary<string, int> FindingsByRule);
