namespace Sentrely.Sandbox.Policy;

/// <summary>One (action, resource, context) triple that must be allowed for a request to proceed.</summary>
internal sealed record AccessCheck(string Action, string Resource, IReadOnlyDictionary<string, string> Context)
{
    public static readonly IReadOnlyDictionary<string, string> NoContext = new Dictionary<string, string>();

    public AccessCheck(string action, string resource)
        : this(action, resource, NoContext)
    {
    }
}
