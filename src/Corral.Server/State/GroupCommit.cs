using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;

namespace Corral.Server.State;

/// <summary>
/// Commits every write that arrives while the previous commit runs in one transaction (group commit): a burst of a
/// hundred launches or stops costs a few commits, not two hundred. Each caller still returns only once its own write
/// is committed, so nothing acknowledged can be lost. A batch that fails is retried one write at a time, so a
/// failure is reported to the caller whose write caused it and to nobody else.
/// </summary>
internal sealed class GroupCommit(SqliteConnection connection, Lock connectionGate)
{
    private readonly Lock queueGate = new();
    private List<PendingWrite> queue = [];

    public void Write(Action<SqliteTransaction> apply)
    {
        var write = new PendingWrite(apply);
        lock (queueGate)
        {
            queue.Add(write);
        }

        lock (connectionGate)
        {
            // Whoever holds the connection commits what has queued; a write already committed by an earlier
            // holder's batch has nothing left to do.
            if (!write.Done)
            {
                List<PendingWrite> batch;
                lock (queueGate)
                {
                    batch = queue;
                    queue = [];
                }

                CommitBatch(batch);
            }
        }

        if (write.Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    private void CommitBatch(List<PendingWrite> batch)
    {
        try
        {
            CommitTogether(batch);
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var write in batch)
            {
                CommitAlone(write);
            }
        }
        catch (Exception error)
        {
            batch[0].Error = error;
        }
        finally
        {
            foreach (var write in batch)
            {
                write.Done = true;
            }
        }
    }

    private void CommitTogether(List<PendingWrite> batch)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var write in batch)
        {
            write.Apply(transaction);
        }

        transaction.Commit();
    }

    private void CommitAlone(PendingWrite write)
    {
        try
        {
            CommitTogether([write]);
        }
        catch (Exception error)
        {
            write.Error = error;
        }
    }

    private sealed class PendingWrite(Action<SqliteTransaction> apply)
    {
        public Action<SqliteTransaction> Apply => apply;

        public bool Done { get; set; }

        public Exception? Error { get; set; }
    }
}
