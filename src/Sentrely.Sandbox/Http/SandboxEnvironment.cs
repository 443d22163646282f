using Sentrely.Sandbox.Identity;

namespace Sentrely.Sandbox.Http;

/// <summary>Everything the handlers share: account facts, clock, state, credentials and the record logs.</summary>
internal sealed class SandboxEnvironment(AwsTestDoubleOptions options)
{
    private readonly object _recordsGate = new();
    private readonly List<AssumeRoleRecord> _assumeRoles = [];
    private readonly List<RequestRecord> _requests = [];

    public string Region { get; } = options.Region;

    public string AccountId { get; } = options.AccountId;

    public TimeProvider Time { get; } = options.Time;

    public int LambdaReadsUntilSuccessful { get; } = options.LambdaUpdateReadsUntilSuccessful;

    public IReadOnlyList<string>? AssumableRoles { get; } = options.AssumableRoles?.ToArray();

    public SandboxState State { get; } = new(options.Region, options.AccountId, options.Time);

    public CredentialRegistry Credentials { get; } = new();

    public IReadOnlyList<AssumeRoleRecord> AssumeRoles
    {
        get
        {
            lock (_recordsGate)
            {
                return [.. _assumeRoles];
            }
        }
    }

    public IReadOnlyList<RequestRecord> Requests
    {
        get
        {
            lock (_recordsGate)
            {
                return [.. _requests];
            }
        }
    }

    public void Add(AssumeRoleRecord record)
    {
        lock (_recordsGate)
        {
            _assumeRoles.Add(record);
        }
    }

    public void Add(RequestRecord record)
    {
        lock (_recordsGate)
        {
            _requests.Add(record);
        }
    }

    public void ClearRecords()
    {
        lock (_recordsGate)
        {
            _assumeRoles.Clear();
            _requests.Clear();
        }
    }
}
