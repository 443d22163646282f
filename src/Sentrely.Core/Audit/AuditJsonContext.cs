using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentrely.Audit;

/// <summary>Source-generated (AOT-safe) JSON metadata for audit export: camelCase names, nulls written.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false,
    // Embedded arguments may nest as deep as any JSON the reader accepts (64), plus the record itself.
    MaxDepth = 128,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(AuditJsonLine))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
