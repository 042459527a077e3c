namespace Registry.Domain.Common;

/// <summary>Collects field errors so a command reports every invalid field at once.</summary>
public sealed class Errors
{
    private readonly List<FieldError> _errors = [];

    public bool Any => _errors.Count > 0;

    public Errors Add(string field, string code, string message)
    {
        _errors.Add(new FieldError(field, code, message));
        return this;
    }

    public Errors AddRange(IEnumerable<FieldError> errors)
    {
        _errors.AddRange(errors);
        return this;
    }

    public void ThrowIfAny()
    {
        if (Any) throw DomainRefusal.Invalid(_errors.ToArray());
    }
}
