using Marten;
using Marten.Services;
using Npgsql;

namespace Registry.Api.Hardening;

/// <summary>
/// Marten's default logger writes every parameter of a failed command, which here means ID numbers, names and phone
/// numbers. This one logs the failing SQL and the error's type and SQL state, never a value.
/// </summary>
public sealed partial class ParameterFreeMartenLogger(ILogger logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => LogSchemaChange(logger, sql);

    public void LogSuccess(NpgsqlCommand command) { }

    public void LogSuccess(NpgsqlBatch batch) { }

    public void LogFailure(NpgsqlCommand command, Exception ex) => LogCommandFailure(logger, ex.GetType().Name, SqlState(ex), command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) =>
        LogCommandFailure(logger, ex.GetType().Name, SqlState(ex), string.Join("\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    public void LogFailure(Exception ex, string message) => LogCommandFailure(logger, ex.GetType().Name, SqlState(ex), "");

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }

    public void OnBeforeExecute(NpgsqlCommand command) { }

    public void OnBeforeExecute(NpgsqlBatch batch) { }

    private static string SqlState(Exception ex)
    {
        for (var x = ex; x is not null; x = x.InnerException)
            if (x is PostgresException pg) return pg.SqlState;
        return "";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Executed schema update SQL:\n{Sql}")]
    private static partial void LogSchemaChange(ILogger logger, string sql);

    [LoggerMessage(Level = LogLevel.Error, Message = "A database command failed with {ExceptionType} (SQL state {SqlState}):\n{Sql}")]
    private static partial void LogCommandFailure(ILogger logger, string exceptionType, string sqlState, string sql);
}
