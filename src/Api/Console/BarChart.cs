using System.Globalization;
using System.Net;
using System.Text;

namespace Registry.Api.Console;

/// <summary>Stacked horizontal bars as inline SVG: no script, no inline style, every label encoded.</summary>
public static class BarChart
{
    public sealed record Bar(string Label, IReadOnlyList<(string Name, int Count)> Parts);

    public static string Render(string id, string title, IReadOnlyList<Bar> bars)
    {
        const int row = 22, labelWidth = 110, width = 560;
        var max = Math.Max(1, bars.Select(b => b.Parts.Sum(p => p.Count)).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" id=\"{id}\" width=\"{labelWidth + width + 60}\" height=\"{bars.Count * row + 10}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var y = i * row;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\">{Encode(bars[i].Label)}</text>");
            double x = labelWidth;
            for (var p = 0; p < bars[i].Parts.Count; p++)
            {
                var (name, count) = bars[i].Parts[p];
                if (count == 0) continue;
                var w = (double)width * count / max;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x:0.#}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"16\" opacity=\"{1 - p * 0.18:0.##}\"><title>{Encode(name)}：{count}</title></rect>");
                x += w;
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 4:0.#}\" y=\"{y + 15}\">{bars[i].Parts.Sum(p => p.Count)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
