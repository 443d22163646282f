namespace Sentrely.Approval;

/// <summary>The text every store keeps in an approval's <c>status</c> column, and back.</summary>
public static class ApprovalStatusText
{
    /// <summary>Returns <c>pending</c>, <c>approved</c>, <c>denied</c> or <c>used</c>.</summary>
    /// <param name="status">The status.</param>
    public static string Of(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Pending => "pending",
        ApprovalStatus.Approved => "approved",
        ApprovalStatus.Denied => "denied",
        ApprovalStatus.Used => "used",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown approval status"),
    };

    /// <summary>Reads a stored status. Fail closed: text this build does not know is never read as a state that could let a call through.</summary>
    /// <param name="text">The column's text.</param>
    /// <param name="id">The approval id, for the error.</param>
    /// <exception cref="InvalidDataException">The text is not a known status.</exception>
    public static ApprovalStatus Parse(string text, string id) => text switch
    {
        "pending" => ApprovalStatus.Pending,
        "approved" => ApprovalStatus.Approved,
        "denied" => ApprovalStatus.Denied,
        "used" => ApprovalStatus.Used,
        _ => throw new InvalidDataException($"approval {id} has an unknown status"),
    };
}
