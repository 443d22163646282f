using System.Data.Common;

namespace Sentrely.Stores.Relational;

/// <summary>Small helpers for building ADO.NET commands with named <c>@parameters</c>.</summary>
internal static class SqlCommands
{
    /// <summary>Returns a command on <paramref name="connection"/> in <paramref name="transaction"/>.</summary>
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Binds <paramref name="value"/> (null as SQL NULL) to <c>@<paramref name="name"/></c>.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Binds each of <paramref name="values"/> as <c>@<paramref name="prefix"/>0</c>, … and returns the list for an <c>IN (…)</c>.</summary>
    public static string WithList(this DbCommand command, string prefix, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            command.With(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
        }

        return string.Join(", ", values.Select((_, i) => "@" + prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
