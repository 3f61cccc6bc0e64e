namespace Reduction.Workflows.Definitions;

/// <summary>The activity graph as the validator sees it: activity ids in definition order and the edges of
/// connections whose ends both exist.</summary>
internal sealed class FlowGraph
{
    private readonly IReadOnlyList<string> _nodes;
    private readonly Dictionary<string, List<string>> _successors;

    public FlowGraph(IReadOnlyList<string> nodes, IEnumerable<(string From, string To)> edges)
    {
        _nodes = nodes;
        _successors = nodes.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (from, to) in edges)
        {
            if (_successors.TryGetValue(from, out var next) && _successors.ContainsKey(to) && !next.Contains(to, StringComparer.Ordinal))
            {
                next.Add(to);
            }
        }
    }

    /// <summary>Ids reachable from <paramref name="starts"/>, the starts included.</summary>
    public HashSet<string> ReachableFrom(IEnumerable<string> starts)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(starts.Where(_successors.ContainsKey));
        while (pending.TryPop(out var id))
        {
            if (reached.Add(id))
            {
                foreach (var next in _successors[id])
                {
                    pending.Push(next);
                }
            }
        }

        return reached;
    }

    /// <summary>One cycle (activity ids in order, first not repeated) for each strongly connected part of the graph
    /// restricted to <paramref name="include"/>; none when that subgraph is acyclic.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles(Func<string, bool> include)
    {
        var kept = _nodes.Where(include).ToHashSet(StringComparer.Ordinal);
        var order = _nodes.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index, StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var component in StronglyConnected(kept))
        {
            var root = component.OrderBy(id => order[id]).First();
            if (component.Count > 1 || _successors[root].Contains(root, StringComparer.Ordinal))
            {
                cycles.Add(CycleThrough(root, component));
            }
        }

        return cycles.OrderBy(c => order[c[0]]).ToList();
    }

    /// <summary>Tarjan's algorithm, iterative so a long chain cannot overflow the stack.</summary>
    private List<HashSet<string>> StronglyConnected(HashSet<string> kept)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<HashSet<string>>();
        var counter = 0;
        foreach (var start in _nodes.Where(kept.Contains))
        {
            if (index.ContainsKey(start))
            {
                continue;
            }

            var work = new Stack<(string Node, int Next)>();
            work.Push((start, 0));
            index[start] = low[start] = counter++;
            stack.Push(start);
            onStack.Add(start);
            while (work.TryPop(out var frame))
            {
                var successors = _successors[frame.Node];
                if (frame.Next < successors.Count)
                {
                    work.Push((frame.Node, frame.Next + 1));
                    var next = successors[frame.Next];
                    if (!kept.Contains(next))
                    {
                        continue;
                    }

                    if (!index.ContainsKey(next))
                    {
                        index[next] = low[next] = counter++;
                        stack.Push(next);
                        onStack.Add(next);
                        work.Push((next, 0));
                    }
                    else if (onStack.Contains(next))
                    {
                        low[frame.Node] = Math.Min(low[frame.Node], index[next]);
                    }

                    continue;
                }

                if (work.TryPeek(out var parent))
                {
                    low[parent.Node] = Math.Min(low[parent.Node], low[frame.Node]);
                }

                if (low[frame.Node] == index[frame.Node])
                {
                    var component = new HashSet<string>(StringComparer.Ordinal);
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != frame.Node);
                    components.Add(component);
                }
            }
        }

        return components;
    }

    /// <summary>The shortest cycle from <paramref name="root"/> back to itself inside one component.</summary>
    private List<string> CycleThrough(string root, HashSet<string> component)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([root]);
        var seen = new HashSet<string>([root], StringComparer.Ordinal);
        while (queue.TryDequeue(out var id))
        {
            foreach (var next in _successors[id].Where(component.Contains))
            {
                if (next == root)
                {
                    var path = new List<string> { id };
                    while (path[^1] != root)
                    {
                        path.Add(parent[path[^1]]);
                    }

                    path.Reverse();
                    return path;
                }

                if (seen.Add(next))
                {
                    parent[next] = id;
                    queue.Enqueue(next);
                }
            }
        }

        return [.. component];
    }
}
