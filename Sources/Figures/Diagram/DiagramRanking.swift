/// The first half of a layered (Sugiyama) layout, as Graphviz's `dot` does it in spirit: ranks
/// along the data, long edges cut into chains of dummy vertices (one per rank they cross), and
/// an order within each rank that reduces crossings by barycentre sweeps.
///
/// Vertices `0..<boxCount` are the boxes, in Keras's layer order; the rest are dummies.
struct DiagramRanking {
    /// Each vertex's rank.
    var rank: [Int]
    var isDummy: [Bool]
    /// Each rank's vertices, in order across.
    var order: [[Int]]
    /// Per edge: its vertices from the upper rank to the lower one; for an edge that goes
    /// against the ranks (a cycle through a shared layer) that is from its target to its source.
    var chains: [[Int]]
    var reversed: [Bool]
    /// Per edge: a layer's edge to itself (a shared layer called on its own output).
    var isLoop: [Bool]
    /// Neighbours in the rank above and below, along the chains.
    var above: [[Int]]
    var below: [[Int]]

    var rankCount: Int { order.count }

    init(boxCount n: Int, edges: [(from: Int, to: Int)]) {
        // Longest path from the sources, over the edges that go forward in Keras's order (a
        // topological order of the graph once the edges of cycles through shared layers are
        // left out).
        var incoming = [[Int]](repeating: [], count: n), outgoing = [[Int]](repeating: [], count: n)
        var hasAnyIncoming = [Bool](repeating: false, count: n)
        for e in edges where e.from != e.to {
            hasAnyIncoming[e.to] = true
            if e.from < e.to { incoming[e.to].append(e.from); outgoing[e.from].append(e.to) }
        }
        var rank = [Int](repeating: 0, count: n)
        for v in 0..<n { rank[v] = incoming[v].map { rank[$0] + 1 }.max() ?? 0 }
        // A second input joins late: it sits just above the first layer it feeds.
        for v in (0..<n).reversed() where !hasAnyIncoming[v] {
            if let next = outgoing[v].map({ rank[$0] }).min() { rank[v] = max(rank[v], next - 1) }
        }
        let lowest = rank.min() ?? 0
        rank = rank.map { $0 - lowest }

        var isDummy = [Bool](repeating: false, count: n)
        var chains: [[Int]] = [], reversed: [Bool] = [], isLoop: [Bool] = []
        for e in edges {
            isLoop.append(e.from == e.to)
            let back = rank[e.from] > rank[e.to]
            reversed.append(back)
            let (top, bottom) = back ? (e.to, e.from) : (e.from, e.to)
            var chain = [top]
            if e.from != e.to, rank[bottom] - rank[top] > 1 {
                for r in (rank[top] + 1)..<rank[bottom] {
                    chain.append(rank.count)
                    rank.append(r)
                    isDummy.append(true)
                }
            }
            if e.from != e.to { chain.append(bottom) }
            chains.append(chain)
        }
        let count = rank.count
        var above = [[Int]](repeating: [], count: count), below = [[Int]](repeating: [], count: count)
        for chain in chains where chain.count > 1 {
            for (a, b) in zip(chain, chain.dropFirst()) where rank[b] == rank[a] + 1 {
                below[a].append(b); above[b].append(a)
            }
        }
        var order = [[Int]](repeating: [], count: (rank.max() ?? -1) + 1)
        for v in 0..<count { order[rank[v]].append(v) }
        self.rank = rank; self.isDummy = isDummy; self.order = order; self.chains = chains
        self.reversed = reversed; self.isLoop = isLoop; self.above = above; self.below = below
        reduceCrossings()
    }

    /// Barycentre sweeps, down then up, keeping the order with the fewest crossings.
    private mutating func reduceCrossings(sweeps: Int = 8) {
        var best = order, bestCrossings = crossings()
        guard bestCrossings > 0 else { return }
        for _ in 0..<sweeps {
            for r in order.indices.dropFirst() { sortRank(r, by: above, reference: r - 1) }
            for r in order.indices.dropLast().reversed() { sortRank(r, by: below, reference: r + 1) }
            let c = crossings()
            if c < bestCrossings { best = order; bestCrossings = c }
            if c == 0 { break }
        }
        order = best
    }

    /// Sorts rank `r` by the mean position of each vertex's neighbours in rank `reference`; a
    /// vertex without any keeps its place.
    private mutating func sortRank(_ r: Int, by neighbours: [[Int]], reference: Int) {
        var position: [Int: Double] = [:]
        for (i, v) in order[reference].enumerated() { position[v] = Double(i) }
        let keyed = order[r].enumerated().map { i, v -> (key: Double, index: Int, v: Int) in
            let ps = neighbours[v].compactMap { position[$0] }
            return (ps.isEmpty ? Double(i) : ps.reduce(0, +) / Double(ps.count), i, v)
        }
        order[r] = keyed.sorted { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }.map(\.v)
    }

    /// How many pairs of edge segments cross between adjacent ranks.
    func crossings() -> Int {
        var position = [Int](repeating: 0, count: rank.count)
        for row in order { for (i, v) in row.enumerated() { position[v] = i } }
        var total = 0
        for r in order.indices.dropLast() {
            let segments = order[r].flatMap { a in below[a].map { (position[a], position[$0]) } }
            for i in segments.indices {
                for j in segments.indices where j > i {
                    let (a, b) = (segments[i], segments[j])
                    if (a.0 - b.0) * (a.1 - b.1) < 0 { total += 1 }
                }
            }
        }
        return total
    }
}
