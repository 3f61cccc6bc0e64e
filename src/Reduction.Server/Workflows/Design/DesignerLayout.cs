using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows.Design;

/// <summary>A layered layout: each activity in the column of its longest forward distance from the start (back
/// edges of loops ignored), columns left to right in the order of the connections.</summary>
public static class DesignerLayout
{
    public const double ColumnWidth = 260;
    public const double RowHeight = 150;

    /// <summary>Columns per band: a long chain wraps into bands below each other instead of running off the screen.</summary>
    public const int BandColumns = 8;

    public static IReadOnlyDictionary<string, DesignerPosition> Layered(WorkflowDefinition definition)
    {
        var ids = definition.Activities.Select(a => a.Id).ToList();
        var next = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var c in definition.Connections)
        {
            if (next.ContainsKey(c.From) && next.ContainsKey(c.To))
            {
                next[c.From].Add(c.To);
            }
        }

        // Depth-first from the starts to find back edges, then longest path over the remaining DAG.
        var starts = definition.Activities.Where(a => a.Type == "Start").Select(a => a.Id).ToList();
        var incoming = new HashSet<string>(definition.Connections.Select(c => c.To), StringComparer.Ordinal);
        starts.AddRange(ids.Where(id => !incoming.Contains(id) && !starts.Contains(id)));
        var back = new HashSet<(string, string)>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var start in starts.Concat(ids))
        {
            Visit(start);
        }

        void Visit(string root)
        {
            if (state.ContainsKey(root))
            {
                return;
            }

            var stack = new Stack<(string Id, int Index)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (id, index) = stack.Pop();
                if (index < next[id].Count)
                {
                    stack.Push((id, index + 1));
                    var to = next[id][index];
                    if (!state.TryGetValue(to, out var s))
                    {
                        state[to] = 1;
                        stack.Push((to, 0));
                    }
                    else if (s == 1)
                    {
                        back.Add((id, to));
                    }
                }
                else
                {
                    state[id] = 2;
                }
            }
        }

        var order = TopologicalOrder(ids, next, back);
        var layer = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        foreach (var id in order)
        {
            foreach (var to in next[id].Where(to => !back.Contains((id, to))))
            {
                layer[to] = Math.Max(layer[to], layer[id] + 1);
            }
        }

        var rows = new Dictionary<int, int>();
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            var column = layer[id];
            var row = rows.GetValueOrDefault(column);
            rows[column] = row + 1;
            rowOf[id] = row;
        }

        var bandHeight = (rows.Values.DefaultIfEmpty(1).Max() + 1) * RowHeight;
        var positions = new Dictionary<string, DesignerPosition>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            var (band, column) = Math.DivRem(layer[id], BandColumns);
            positions[id] = new DesignerPosition(40 + (column * ColumnWidth), 40 + (band * bandHeight) + (rowOf[id] * RowHeight));
        }

        return positions;
    }

    private static List<string> TopologicalOrder(List<string> ids, Dictionary<string, List<string>> next, HashSet<(string, string)> back)
    {
        var indegree = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        foreach (var (from, tos) in next)
        {
            foreach (var to in tos.Where(to => !back.Contains((from, to))))
            {
                indegree[to]++;
            }
        }

        var queue = new Queue<string>(ids.Where(id => indegree[id] == 0));
        var order = new List<string>();
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            order.Add(id);
            foreach (var to in next[id].Where(to => !back.Contains((id, to))))
            {
                if (--indegree[to] == 0)
                {
                    queue.Enqueue(to);
                }
            }
        }

        // Anything left sits on an undetected cycle; keep it rather than lose it.
        order.AddRange(ids.Where(id => !order.Contains(id)));
        return order;
    }
}
