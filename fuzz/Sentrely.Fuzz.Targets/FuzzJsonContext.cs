using System.Text.Json.Serialization;

namespace Sentrely.Fuzz;

/// <summary>Source-generated JSON for the messages of findings (no reflection, as everywhere in Sentrely).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class FuzzJsonContext : JsonSerializerContext;
