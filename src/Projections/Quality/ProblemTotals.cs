using Registry.Domain.Quality;

namespace Registry.Projections.Quality;

/// <summary>Problems per village by status, kept with every problem written, so the problem list never counts a unit's problems.</summary>
public static class ProblemTotals
{
    public const string Name = "ProblemTotals";

    public static readonly UnitTotals Table = new("problem_totals");

    /// <summary>The statuses a problem is in: the kinds a list's total sums, beside the resolved problems counted by the year opened.</summary>
    public static readonly IReadOnlyCollection<string> Statuses = Enum.GetNames<ProblemStatus>();

    public static string ResolvedOpenedIn(int year) => $"{ProblemStatus.Resolved}:{year}";
}
