using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Corral.Server.State;

/// <summary>
/// The daemon's memory across restarts, in SQLite (WAL): each bot's desired state, pid + start time, unit, ports,
/// config, restarts and exit history. Concurrent writes share one commit (<see cref="GroupCommit"/>).
/// </summary>
public sealed class StateStore : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode=WAL;
        PRAGMA synchronous=NORMAL;
        CREATE TABLE IF NOT EXISTS bots(
            name TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            config TEXT NOT NULL,
            desired TEXT NOT NULL,
            status TEXT NOT NULL,
            pid INTEGER,
            start_time INTEGER,
            unit_id TEXT,
            unit_location TEXT,
            ports TEXT NOT NULL,
            started_at TEXT,
            restarts INTEGER NOT NULL,
            exit_code INTEGER,
            log_file TEXT NOT NULL,
            log_offset INTEGER);
        CREATE TABLE IF NOT EXISTS exits(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            at TEXT NOT NULL,
            exit_code INTEGER,
            reason TEXT NOT NULL);
        """;

    private readonly SqliteConnection connection;
    private readonly Lock gate = new();
    private readonly GroupCommit commits;

    // Statements parsed once and reused under the gate: every launch writes its record twice, and SQLite's parser
    // was a tenth of each write.
    private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);

    public StateStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 10, Pooling = false }.ToString());
        connection.Open();
        commits = new GroupCommit(connection, gate);
        Execute(Schema);
        AddColumnIfMissing("bots", "log_offset", "INTEGER");
        AddColumnIfMissing("bots", "err_offset", "INTEGER");
    }

    public IReadOnlyList<BotRecord> Load()
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, type, config, desired, status, pid, start_time, unit_id, unit_location, ports, started_at, restarts, exit_code, log_file, log_offset, err_offset FROM bots ORDER BY name";
            using var reader = command.ExecuteReader();
            var result = new List<BotRecord>();
            while (reader.Read())
            {
                result.Add(new BotRecord(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : (ulong)reader.GetInt64(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    ParsePorts(reader.GetString(9)),
                    reader.IsDBNull(10) ? null : DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture),
                    reader.GetInt32(11),
                    reader.IsDBNull(12) ? null : reader.GetInt32(12),
                    reader.GetString(13),
                    reader.IsDBNull(14) ? null : reader.GetInt64(14),
                    reader.IsDBNull(15) ? null : reader.GetInt64(15)));
            }

            return result;
        }
    }

    public void Save(BotRecord bot) => Commit(transaction =>
    {
        var command = Prepared(transaction, """
            INSERT INTO bots(name, type, config, desired, status, pid, start_time, unit_id, unit_location, ports, started_at, restarts, exit_code, log_file, log_offset, err_offset)
            VALUES($name, $type, $config, $desired, $status, $pid, $start, $unit, $location, $ports, $started, $restarts, $exit, $log, $offset, $errOffset)
            ON CONFLICT(name) DO UPDATE SET type=$type, config=$config, desired=$desired, status=$status, pid=$pid, start_time=$start,
                unit_id=$unit, unit_location=$location, ports=$ports, started_at=$started, restarts=$restarts, exit_code=$exit, log_file=$log, log_offset=$offset, err_offset=$errOffset
            """);
        command.Parameters.AddWithValue("$name", bot.Name);
        command.Parameters.AddWithValue("$type", bot.Type);
        command.Parameters.AddWithValue("$config", bot.ConfigJson);
        command.Parameters.AddWithValue("$desired", bot.Desired);
        command.Parameters.AddWithValue("$status", bot.Status);
        command.Parameters.AddWithValue("$pid", (object?)bot.Pid ?? DBNull.Value);
        command.Parameters.AddWithValue("$start", bot.StartTime is { } start ? (long)start : DBNull.Value);
        command.Parameters.AddWithValue("$unit", (object?)bot.UnitId ?? DBNull.Value);
        command.Parameters.AddWithValue("$location", (object?)bot.UnitLocation ?? DBNull.Value);
        command.Parameters.AddWithValue("$ports", string.Join(',', bot.Ports));
        command.Parameters.AddWithValue("$started", bot.StartedAt is { } at ? at.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value);
        command.Parameters.AddWithValue("$restarts", bot.Restarts);
        command.Parameters.AddWithValue("$exit", (object?)bot.ExitCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$log", bot.LogFile);
        command.Parameters.AddWithValue("$offset", (object?)bot.LogOffset ?? DBNull.Value);
        command.Parameters.AddWithValue("$errOffset", (object?)bot.ErrorLogOffset ?? DBNull.Value);
        command.ExecuteNonQuery();
    });

    public void Delete(string name) => Commit(transaction => DeleteBot(transaction, name));

    public void RecordExit(string name, int? exitCode, string reason, DateTimeOffset at) =>
        Commit(transaction => InsertExit(transaction, name, exitCode, reason, at));

    /// <summary>The bot is gone: its record removed and its last exit recorded, in one transaction (one commit).</summary>
    public void Remove(string name, int? exitCode, string reason, DateTimeOffset at) => Commit(transaction =>
    {
        DeleteBot(transaction, name);
        InsertExit(transaction, name, exitCode, reason, at);
    });

    /// <summary>Changes only what the bot should be and is (a stop's intent): the rest of the record stays.</summary>
    public void SetDesired(string name, string desired, string status) => SetDesired([name], desired, status);

    /// <summary>The same change for many bots in one commit (a stop-all's intent).</summary>
    public void SetDesired(IReadOnlyCollection<string> names, string desired, string status) => Commit(transaction =>
    {
        var command = Prepared(transaction, "UPDATE bots SET desired = $desired, status = $status WHERE name = $name");
        var name = command.Parameters.Add("$name", SqliteType.Text);
        command.Parameters.AddWithValue("$desired", desired);
        command.Parameters.AddWithValue("$status", status);
        foreach (var each in names)
        {
            name.Value = each;
            command.ExecuteNonQuery();
        }
    });

    public IReadOnlyList<(DateTimeOffset At, int? ExitCode, string Reason)> ExitHistory(string name, int limit = 20)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT at, exit_code, reason FROM exits WHERE name = $name ORDER BY id DESC LIMIT $limit";
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var result = new List<(DateTimeOffset, int?, string)>();
            while (reader.Read())
            {
                result.Add((DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2)));
            }

            return result;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var command in prepared.Values)
            {
                command.Dispose();
            }

            prepared.Clear();
        }

        connection.Dispose();
    }

    private void Commit(Action<SqliteTransaction> write) => commits.Write(write);

    private SqliteCommand Prepared(SqliteTransaction transaction, string sql)
    {
        if (!prepared.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            prepared[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    private void DeleteBot(SqliteTransaction transaction, string name)
    {
        var command = Prepared(transaction, "DELETE FROM bots WHERE name = $name");
        command.Parameters.AddWithValue("$name", name);
        command.ExecuteNonQuery();
    }

    private void InsertExit(SqliteTransaction transaction, string name, int? exitCode, string reason, DateTimeOffset at)
    {
        var command = Prepared(transaction, "INSERT INTO exits(name, at, exit_code, reason) VALUES($name, $at, $exit, $reason)");
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$exit", (object?)exitCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", reason);
        command.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    // State files written before a column existed gain it; their rows read it as null.
    private void AddColumnIfMissing(string table, string column, string type)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                command.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type}";
                command.ExecuteNonQuery();
            }
        }
    }

    private static int[] ParsePorts(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
}
