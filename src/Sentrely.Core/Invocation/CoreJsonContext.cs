using System.Text.Json.Serialization;
using Sentrely.Policy;

namespace Sentrely.Invocation;

/// <summary>Source-generated JSON metadata of Core's tool arguments and results: strict binding, camelCase, nulls kept.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ListPermissionsArguments))]
[JsonSerializable(typeof(PermissionsResult))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
