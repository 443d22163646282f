using System.Text.Json.Serialization;

namespace Sentrely.Aws.Lambda;

/// <summary>Gets the source-generated JSON metadata of Lambda's responses.</summary>
[JsonSourceGenerationOptions(MaxDepth = 32)]
[JsonSerializable(typeof(FunctionConfigurationWire))]
[JsonSerializable(typeof(ListFunctionsWire))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
