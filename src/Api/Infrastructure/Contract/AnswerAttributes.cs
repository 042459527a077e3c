namespace Registry.Api.Infrastructure.Contract;

/// <summary>The route's success also comes as a sheet (<c>?format=csv|xlsx</c>) beside its JSON body.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnswersSheetsAttribute : Attribute;

/// <summary>The route's JSON success body is one of these, by what the route names (a list of households or of persons).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnswersOneOfAttribute(params Type[] types) : Attribute
{
    public IReadOnlyList<Type> Types { get; } = types;
}

/// <summary>The route's 200 carries the version it read as its ETag, for a later write's If-Match.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnswersVersionAttribute : Attribute;

/// <summary>The route's 200 names the following page in a <c>Link: rel="next"</c> header while there is one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnswersNextPageAttribute : Attribute;
