using System.Linq.Expressions;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Projections.Households;

namespace Registry.Api.Infrastructure;

public static class Units
{
    /// <summary>The unit a list is asked for (default: the actor's own), checked to lie inside the actor's subtree.</summary>
    public static string Prefix(Actor actor, string? org)
    {
        var unit = string.IsNullOrEmpty(org) ? actor.Org : org;
        if (!OrgCode.IsWellFormed(unit)) throw DomainRefusal.Invalid("org", "org.code.format", "org is a 12-digit division code.");
        actor.RequireJurisdiction(unit);
        return OrgCode.SignificantPrefix(unit);
    }

    private static readonly System.Reflection.MethodInfo CompareTo = typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!;

    /// <summary>
    /// The rows of a unit, as a range of 12-digit codes rather than a prefix match: the range is what an index on the code
    /// serves whatever the database's collation (a <c>LIKE 'prefix%'</c> is served only under the C collation).
    /// </summary>
    public static IQueryable<T> InUnit<T>(this IQueryable<T> rows, Expression<Func<T, string>> code, string prefix)
    {
        var zero = Expression.Constant(0);
        var from = Expression.GreaterThanOrEqual(Expression.Call(code.Body, CompareTo, Expression.Constant(From(prefix))), zero);
        var to = Expression.LessThanOrEqual(Expression.Call(code.Body, CompareTo, Expression.Constant(To(prefix))), zero);
        return rows.Where(Expression.Lambda<Func<T, bool>>(Expression.AndAlso(from, to), code.Parameters));
    }

    /// <summary>The first and the last 12-digit code of a unit's range, for a query written in SQL.</summary>
    public static string From(string prefix) => prefix.PadRight(12, '0');

    public static string To(string prefix) => prefix.PadRight(12, '9');

    public static IQueryable<HouseholdDetails> InUnit(this IQueryable<HouseholdDetails> households, string prefix) =>
        households.InUnit(h => h.VillageCode, prefix);
}
