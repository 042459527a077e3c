namespace Registry.Projections.Quality;

/// <summary>Problems per village by status, kept with every problem written, so the problem list never counts a unit's problems.</summary>
public static class ProblemTotals
{
    public const string Name = "ProblemTotals";

    public static readonly UnitTotals Table = new("problem_totals");
}
