namespace Sentrely.Configuration;

/// <summary>Gets the <c>approvals</c> section: how long approval requests live and whom to notify.</summary>
public sealed record ApprovalsConfig
{
    /// <summary>The default lifetime of a request and of an approval.</summary>
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromMinutes(15);

    /// <summary>Gets how long a pending request may wait for a decision, and an approval for its call.</summary>
    /// <value>Defaults to 15 minutes; between 1 minute and 24 hours.</value>
    public TimeSpan Expiry { get; init; } = DefaultExpiry;

    /// <summary>Gets the URLs that receive a JSON POST for each new request (they often embed a secret: never logged whole).</summary>
    public IReadOnlyList<Uri> Webhooks { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(ApprovalsConfig? other) =>
        other is not null && Expiry == other.Expiry && Webhooks.SequenceEqual(other.Webhooks);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Expiry, Webhooks.Count);
}
