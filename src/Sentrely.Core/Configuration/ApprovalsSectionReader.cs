using System.Globalization;
using System.Net;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>
/// Reads the <c>approvals</c> section strictly: <c>expiry</c> is <c>Ns</c>, <c>Nm</c> or <c>Nh</c> from one minute to
/// 24 hours; <c>webhooks</c> lists at most <see cref="MaxWebhooks"/> distinct https URLs (http only to a loopback host).
/// Webhook URLs often carry a secret in their path, so no error message repeats one.
/// </summary>
internal static class ApprovalsSectionReader
{
    /// <summary>The most webhooks accepted.</summary>
    public const int MaxWebhooks = 10;

    private static readonly string[] Keys = ["expiry", "webhooks"];
    private static readonly TimeSpan MinExpiry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxExpiry = TimeSpan.FromHours(24);

    public static ApprovalsConfig Read(YamlNodeReader reader, YamlNode node)
    {
        var config = new ApprovalsConfig();
        if (reader.Mapping(node, "approvals", Keys) is not { } map)
        {
            return config;
        }

        if (map.TryGetValue("expiry", out var expiry) && ReadExpiry(reader, expiry) is { } lifetime)
        {
            config = config with { Expiry = lifetime };
        }

        if (map.TryGetValue("webhooks", out var webhooks))
        {
            config = config with { Webhooks = ReadWebhooks(reader, webhooks) };
        }

        return config;
    }

    private static TimeSpan? ReadExpiry(YamlNodeReader reader, YamlNode node)
    {
        const string field = "approvals.expiry";
        if (reader.String(node, field) is not { } text)
        {
            return null;
        }

        var value = Parse(text);
        if (value is null || value < MinExpiry || value > MaxExpiry)
        {
            var shown = text.Length <= 20 ? text : text[..20] + "…";
            reader.Error(node, field, ConfigErrorCodes.InvalidApprovals,
                $"`{shown}` is not a duration from 1 minute to 24 hours: write whole seconds, minutes or hours such as `900s`, `15m` or `1h`");
            return null;
        }

        return value;
    }

    /// <summary>Returns <c>Ns</c>, <c>Nm</c> or <c>Nh</c> as a duration, or null when <paramref name="text"/> is not one.</summary>
    internal static TimeSpan? Parse(string text)
    {
        if (text.Length is < 2 or > 8
            || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            _ => null,
        };
    }

    private static List<Uri> ReadWebhooks(YamlNodeReader reader, YamlNode node)
    {
        const string field = "approvals.webhooks";
        var result = new List<Uri>();
        if (reader.StringList(node, field, allowEmpty: true) is not { } items)
        {
            return result;
        }

        if (items.Count > MaxWebhooks)
        {
            reader.Error(items[MaxWebhooks].Node, field, ConfigErrorCodes.InvalidApprovals,
                $"lists {items.Count} webhooks; at most {MaxWebhooks} are allowed: use a relay for more");
            return result;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var (itemNode, text) = items[i];
            var itemField = FieldPath.Index(field, i);
            if (Problem(text) is { } problem)
            {
                reader.Error(itemNode, itemField, ConfigErrorCodes.InvalidApprovals, problem);
                continue;
            }

            var uri = new Uri(text, UriKind.Absolute);
            var first = result.FindIndex(u => Same(u, uri));
            if (first >= 0)
            {
                reader.Error(itemNode, itemField, ConfigErrorCodes.InvalidApprovals, $"repeats webhook {first + 1} of the list: remove one, or each request is posted twice");
                continue;
            }

            result.Add(uri);
        }

        return result;
    }

    // The messages describe the problem without echoing the URL: its path may be a secret (Slack, Teams).
    private static string? Problem(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "is not an absolute https URL: write one such as `https://hooks.example.com/...`";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            return $"uses plain http to `{uri.Host}`: approval requests go over https, except to a loopback relay (127.0.0.1, ::1, localhost)";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "carries user info (`user:password@`): remove it (the service's URL already carries its token in the path)";
        }

        return uri.Fragment.Length > 0 ? "has a fragment (`#...`), which is never sent to the server: remove it" : null;
    }

    private static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback)));

    // Uri equality ignores case in scheme and host and default ports; the path and query must match exactly.
    private static bool Same(Uri a, Uri b) => a == b && string.Equals(a.PathAndQuery, b.PathAndQuery, StringComparison.Ordinal);
}
