using System.Collections.Concurrent;
using Sentrely.Approval;

namespace Sentrely.TestUtilities;

/// <summary>An <see cref="IApprovalNotifier"/> that keeps what it was asked to deliver.</summary>
public sealed class RecordingApprovalNotifier : IApprovalNotifier
{
    private readonly ConcurrentQueue<(ApprovalRecord Request, IReadOnlyList<Uri> Webhooks)> _sent = new();

    /// <summary>Gets the notifications, in order.</summary>
    public IReadOnlyList<(ApprovalRecord Request, IReadOnlyList<Uri> Webhooks)> Sent => [.. _sent];

    public void Notify(ApprovalRecord request, IReadOnlyList<Uri> webhooks) => _sent.Enqueue((request, webhooks));
}
