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
        var names = bars.FirstOrDefault()?.Parts.Select(p => p.Name).ToList() ?? [];
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" id=\"{id}\" width=\"{labelWidth + width + 60}\" height=\"{(bars.Count + 1) * row + 10}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        // The legend: each part's shade and name, in the order the bars stack them.
        double legendX = labelWidth;
        for (var p = 0; p < names.Count; p++)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{legendX:0.#}\" y=\"4\" width=\"12\" height=\"12\" opacity=\"{Shade(p, names.Count):0.##}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{legendX + 15:0.#}\" y=\"15\">{Encode(names[p])}</text>");
            legendX += 22 + 12 * names[p].Length;
        }
        for (var i = 0; i < bars.Count; i++)
        {
            var y = (i + 1) * row;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\">{Encode(bars[i].Label)}</text>");
            double x = labelWidth;
            for (var p = 0; p < bars[i].Parts.Count; p++)
            {
                var (name, count) = bars[i].Parts[p];
                if (count == 0) continue;
                var w = (double)width * count / max;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x:0.#}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"16\" opacity=\"{Shade(p, bars[i].Parts.Count):0.##}\"><title>{Encode(name)}：{count}</title></rect>");
                x += w;
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 4:0.#}\" y=\"{y + 15}\">{bars[i].Parts.Sum(p => p.Count)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>From full colour for the first part to a fifth of it for the last, however many parts there are.</summary>
    private static double Shade(int part, int parts) => 1 - 0.8 * part / Math.Max(1, parts - 1);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
