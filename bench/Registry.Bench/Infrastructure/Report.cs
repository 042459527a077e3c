using System.Text;

namespace Registry.Bench.Infrastructure;

public sealed record Target(string Name, string Goal, string Measured, bool? Met)
{
    public string Verdict => Met switch { true => "met", false => "**missed**", null => "not judged" };
}

/// <summary>The run's Markdown report: conditions, a table of the targets, then one section per phase.</summary>
public sealed class Report
{
    private readonly List<(string Title, string Body)> _sections = [];
    private readonly List<Target> _targets = [];

    public void Section(string title, string body)
    {
        lock (_sections) _sections.Add((title, body));
    }

    public void Judge(Target target)
    {
        lock (_targets) _targets.Add(target);
    }

    public string Render(string title, string conditions)
    {
        var b = new StringBuilder();
        b.AppendLine($"# {title}").AppendLine().AppendLine(conditions).AppendLine();
        b.AppendLine("## Targets").AppendLine();
        b.AppendLine(Markdown.Table(["target", "goal", "measured", "verdict"], _targets.Select(t => new[] { t.Name, t.Goal, t.Measured, t.Verdict })));
        foreach (var (sectionTitle, body) in _sections) b.AppendLine($"## {sectionTitle}").AppendLine().AppendLine(body.TrimEnd()).AppendLine();
        return b.ToString();
    }
}
