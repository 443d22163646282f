namespace Sentrely.Limits;

/// <summary>Gets what a rate limit counts separately (<c>per</c> in <c>policy.rateLimits</c>).</summary>
public enum RateLimitScope
{
    /// <summary>One bucket per agent session.</summary>
    Session,

    /// <summary>One bucket per developer, shared by all of that developer's sessions.</summary>
    Developer,

    /// <summary>One bucket per project, shared by all sessions on that project.</summary>
    Project,

    /// <summary>One bucket for every call the server handles.</summary>
    Global,
}
