using Sentrely.Policy;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>Reads an <c>approval</c> value: <c>none</c>, <c>required</c>, <c>{ via: session }</c> or <c>{ via: reviewer, waitSeconds: N }</c>.</summary>
internal static class ApprovalReader
{
    /// <summary>The longest a reviewer approval may hold a call open.</summary>
    public const int MaxWaitSeconds = 3600;

    private static readonly string[] Keys = ["via", "waitSeconds"];
    private static readonly string[] Vias = ["session", "reviewer"];
    private const string Help = "use `none`, `required`, `{ via: session }` or `{ via: reviewer, waitSeconds: N }`";

    public static ApprovalRequirement Read(YamlNodeReader reader, YamlNode node, string field)
    {
        if (node is YamlScalarNode)
        {
            switch (reader.String(node, field))
            {
                case "none": return ApprovalRequirement.None;
                case "required": return ApprovalRequirement.Required;
                case { } other:
                    reader.Error(node, field, ConfigErrorCodes.InvalidApproval, $"`{other}` is not an approval{Suggestions.Hint(other, ["none", "required"])}: {Help}");
                    return ApprovalRequirement.Required;
                default: return ApprovalRequirement.Required;
            }
        }

        if (reader.Mapping(node, field, Keys) is not { } map)
        {
            return ApprovalRequirement.Required;
        }

        var viaField = FieldPath.Child(field, "via");
        if (!map.TryGetValue("via", out var viaNode))
        {
            reader.Error(node, viaField, ConfigErrorCodes.InvalidApproval, $"`via` is missing: {Help}");
            return ApprovalRequirement.Required;
        }

        var via = reader.String(viaNode, viaField);
        var wait = map.TryGetValue("waitSeconds", out var w) ? reader.Integer(w, FieldPath.Child(field, "waitSeconds"), 0, MaxWaitSeconds) : 0;
        switch (via)
        {
            case "reviewer":
                return new ApprovalRequirement(ApprovalLevel.Reviewer, wait ?? 0);
            case "session":
                if (w is not null)
                {
                    reader.Error(w, FieldPath.Child(field, "waitSeconds"), ConfigErrorCodes.InvalidApproval, "`waitSeconds` applies to `via: reviewer` only: remove it");
                }

                return ApprovalRequirement.Required;
            case { } other:
                reader.Error(viaNode, viaField, ConfigErrorCodes.InvalidApproval, $"`{other}` is not an approver{Suggestions.Hint(other, Vias)}: use `session` or `reviewer`");
                return ApprovalRequirement.Required;
            default:
                return ApprovalRequirement.Required;
        }
    }
}
