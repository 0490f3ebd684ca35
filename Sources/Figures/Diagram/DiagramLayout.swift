import NeuralNet

extension ModelDiagram {
    /// The diagram of `model` as `plot_model` shows it with `options`, laid out with text widths
    /// from `measure`. Throws Keras's error for a model that is not built.
    public init(_ model: Sequential, options: Options = Options(), measure: any DiagramTextMeasure = ApproximateTextMeasure()) throws {
        let graph = try DiagramGraph(model, options: options)
        self.init(modelName: model.name, direction: options.direction, boxes: graph.boxes,
                  edges: graph.edges.map { Edge(from: $0.from, to: $0.to) }, clusters: graph.clusters)
        for i in boxes.indices { DiagramBoxSizing.size(&boxes[i], measure) }
        DiagramPlacement(ranking: DiagramRanking(boxCount: boxes.count, edges: graph.edges), orthogonal: options.orthogonal)
            .place(&self, measure)
    }
}

/// The second half of the layout: coordinates across the ranks (each vertex pulled towards its
/// neighbours, boxes kept apart), ranks one after another along the data, edges routed through
/// the gaps between ranks, then everything turned to the diagram's direction.
///
/// It works in "cross" and "main" coordinates (x and y for TB) and maps them at the end.
struct DiagramPlacement {
    let ranking: DiagramRanking
    let orthogonal: Bool
    typealias M = ModelDiagram.Metrics

    func place(_ d: inout ModelDiagram, _ measure: any DiagramTextMeasure) {
        let r = ranking, n = r.rank.count, boxCount = d.boxes.count
        let horizontal = d.direction.isHorizontal
        func crossSize(_ v: Int) -> Double { v < boxCount ? (horizontal ? d.boxes[v].frame.height : d.boxes[v].frame.width) : 0 }
        func mainSize(_ v: Int) -> Double { v < boxCount ? (horizontal ? d.boxes[v].frame.width : d.boxes[v].frame.height) : 0 }
        var loops = Set<Int>()
        for (e, edge) in d.edges.enumerated() where r.isLoop[e] { loops.insert(edge.from) }
        let halfBefore = (0..<n).map { crossSize($0) / 2 }
        let halfAfter = (0..<n).map { crossSize($0) / 2 + (loops.contains($0) ? M.loopReach + M.arrowLength / 2 : 0) }
        let weight = (0..<n).map { r.isDummy[$0] ? 0.1 : 1.0 }

        // Across: pack each rank, then sweep, each vertex towards the weighted mean of its
        // neighbours, the rank solved at once under the minimum gaps (isotonic regression).
        var x = [Double](repeating: 0, count: n)
        func gaps(_ row: [Int]) -> [Double] {
            zip(row, row.dropFirst()).map { a, b in
                halfAfter[a] + halfBefore[b] + (r.isDummy[a] || r.isDummy[b] ? M.nodeSeparation / 2 : M.nodeSeparation)
            }
        }
        for row in r.order {
            var at = 0.0
            for (i, v) in row.enumerated() {
                if i > 0 { at += gaps([row[i - 1], v])[0] }
                x[v] = at
            }
            let mid = row.isEmpty ? 0 : (x[row.first!] + x[row.last!]) / 2
            for v in row { x[v] -= mid }
        }
        func settle(_ row: [Int], towards neighbours: [[Int]]) {
            let desired = row.map { v -> Double in
                let ws = neighbours[v].map { weight[$0] }, total = ws.reduce(0, +)
                return total > 0 ? zip(neighbours[v], ws).map { x[$0] * $1 }.reduce(0, +) / total : x[v]
            }
            let solved = Isotonic.place(desired: desired, weights: row.map { weight[$0] }, gaps: gaps(row))
            for (v, p) in zip(row, solved) { x[v] = p }
        }
        let both = (0..<n).map { r.above[$0] + r.below[$0] }
        for _ in 0..<12 {
            for row in r.order.dropFirst() { settle(row, towards: r.above) }
            for row in r.order.dropLast().reversed() { settle(row, towards: r.below) }
        }
        for row in r.order { settle(row, towards: both) }
        // A long edge runs straight where its dummies can all line up between their neighbours.
        var position = [Int](repeating: 0, count: n)
        for row in r.order { for (i, v) in row.enumerated() { position[v] = i } }
        for chain in r.chains where chain.count > 2 {
            let dummies = chain.dropFirst().dropLast()
            var lo = -Double.infinity, hi = Double.infinity
            for v in dummies {
                let row = r.order[r.rank[v]], i = position[v]
                if i > 0 { lo = max(lo, x[row[i - 1]] + gaps([row[i - 1], v])[0]) }
                if i + 1 < row.count { hi = min(hi, x[row[i + 1]] - gaps([v, row[i + 1]])[0]) }
            }
            guard lo <= hi else { continue }
            let target = min(max(dummies.map { x[$0] }.reduce(0, +) / Double(dummies.count), lo), hi)
            for v in dummies { x[v] = target }
        }

        // Along: each rank as thick as its thickest box, ranks 0.5 in apart.
        var bandTop = [Double](), bandThickness = [Double]()
        var at = 0.0
        for row in r.order {
            let t = row.map(mainSize).max() ?? 0
            bandTop.append(at); bandThickness.append(t)
            at += t + M.rankSeparation
        }
        func main(_ v: Int) -> Double { bandTop[r.rank[v]] + bandThickness[r.rank[v]] / 2 }
        let mainTotal = max(0, at - M.rankSeparation)

        func toXY(_ c: Double, _ m: Double) -> ModelDiagram.Point {
            switch d.direction {
            case .TB: return .init(c, m)
            case .BT: return .init(c, mainTotal - m)
            case .LR: return .init(m, c)
            case .RL: return .init(mainTotal - m, c)
            }
        }
        for v in 0..<boxCount {
            let centre = toXY(x[v], main(v)), f = d.boxes[v].frame
            d.boxes[v].frame = ModelDiagram.Rect(x: centre.x - f.width / 2, y: centre.y - f.height / 2, width: f.width, height: f.height)
            d.boxes[v].rank = r.rank[v]
            d.boxes[v].order = r.order[r.rank[v]].firstIndex(of: v)!
        }

        // Edges: out of a box's far side at its middle, into a box's near side as straight on as
        // they can, through the gaps between ranks (right-angled, each source turning on its own
        // level).
        var incoming = [[Int]](repeating: [], count: n)
        for (e, chain) in r.chains.enumerated() where chain.count > 1 && !r.isLoop[e] { incoming[chain.last!].append(e) }
        var port = [Int: Double]()
        for v in 0..<boxCount where !incoming[v].isEmpty {
            // Each edge as straight on as it can come, inside the box's side, 12 pt apart, in the
            // order of where they come from; evenly spread when they do not fit.
            let sorted = incoming[v].sorted { x[r.chains[$0].dropLast().last!] < x[r.chains[$1].dropLast().last!] }
            let lo = x[v] - crossSize(v) / 2 + M.cellPadding, hi = x[v] + crossSize(v) / 2 - M.cellPadding
            let desired = sorted.map { min(max(x[r.chains[$0].dropLast().last!], lo), hi) }
            var placed = Isotonic.place(desired: desired, weights: desired.map { _ in 1 }, gaps: desired.dropFirst().map { _ in 12 })
            if placed.first! < lo { placed = placed.map { $0 + lo - placed.first! } }
            if placed.last! > hi { placed = placed.map { $0 + hi - placed.last! } }
            if placed.first! < lo - 1e-9 {
                placed = sorted.indices.map { x[v] - crossSize(v) / 2 + crossSize(v) * Double($0 + 1) / Double(sorted.count + 1) }
            }
            for (e, p) in zip(sorted, placed) { port[e] = p }
        }
        var levels: [Int: [Int]] = [:]   // per gap: the vertices whose edges turn in it, by position
        func turn(_ e: Int, _ i: Int) -> (Double, Double) {
            let chain = r.chains[e]
            let a = x[chain[i]]
            let b = i + 1 == chain.count - 1 ? (port[e] ?? x[chain[i + 1]]) : x[chain[i + 1]]
            return (a, b)
        }
        for (e, chain) in r.chains.enumerated() where chain.count > 1 && r.rank[chain[1]] > r.rank[chain[0]] {
            for i in 0..<(chain.count - 1) {
                let (a, b) = turn(e, i)
                if abs(a - b) > 1e-6 { levels[r.rank[chain[i]], default: []].append(chain[i]) }
            }
        }
        for (g, vs) in levels { levels[g] = Array(Set(vs)).sorted { x[$0] != x[$1] ? x[$0] < x[$1] : $0 < $1 } }

        for (e, chain) in r.chains.enumerated() {
            var pts: [(Double, Double)] = []
            let first = chain[0]
            if r.isLoop[e] {
                let c = x[first] + crossSize(first) / 2, m = main(first), q = mainSize(first) / 4
                pts = [(c, m - q), (c + M.loopReach, m - q), (c + M.loopReach, m + q), (c, m + q)]
            } else if r.rank[chain[1]] == r.rank[first] {
                // Two boxes of one rank: side to side.
                let (a, b) = (first, chain[1]), s = x[b] > x[a] ? 1.0 : -1.0
                pts = [(x[a] + s * crossSize(a) / 2, main(a)), (x[b] - s * crossSize(b) / 2, main(b))]
            } else {
                pts.append((x[first], main(first) + mainSize(first) / 2))
                for i in 0..<(chain.count - 1) {
                    let v = chain[i], w = chain[i + 1], g = r.rank[v]
                    let (a, b) = turn(e, i)
                    let bottom = bandTop[g] + bandThickness[g], top = bandTop[g + 1]
                    pts.append((a, bottom))
                    if orthogonal, abs(a - b) > 1e-6, let row = levels[g], let k = row.firstIndex(of: v) {
                        let level = bottom + (top - bottom) * Double(k + 1) / Double(row.count + 1)
                        pts.append((a, level)); pts.append((b, level))
                    }
                    pts.append((b, top))
                    if i + 1 == chain.count - 1 { pts.append((b, main(w) - mainSize(w) / 2)) }
                }
                if r.reversed[e] { pts.reverse() }
            }
            d.edges[e].points = Self.simplified(pts.map { toXY($0.0, $0.1) })
        }

        clustersAndBounds(&d, measure)
    }

    /// Frames the expanded nested models (innermost first), then moves everything so the
    /// drawing starts at the margin, and sizes it.
    private func clustersAndBounds(_ d: inout ModelDiagram, _ measure: any DiagramTextMeasure) {
        let label = measure.lineMetrics(size: M.clusterLabelSize), pad = 8.0
        for c in d.clusters.indices.reversed() {
            var frame: ModelDiagram.Rect? = nil
            for b in d.boxes where b.cluster == c { frame = frame.map { $0.union(b.frame) } ?? b.frame }
            for inner in d.clusters where inner.parent == c && inner.frame != .zero {
                frame = frame.map { $0.union(inner.frame) } ?? inner.frame
            }
            guard let f = frame else { continue }
            let top = label.ascent + label.descent + 4
            d.clusters[c].frame = ModelDiagram.Rect(x: f.x - pad, y: f.y - pad - top, width: f.width + 2 * pad, height: f.height + 2 * pad + top)
            d.clusters[c].labelOrigin = ModelDiagram.Point(f.x - pad + 6, f.y - pad - top + 2 + label.ascent)
        }
        var all: ModelDiagram.Rect? = nil
        func include(_ r: ModelDiagram.Rect) { all = all.map { $0.union(r) } ?? r }
        for b in d.boxes { include(b.frame) }
        for c in d.clusters where c.frame != .zero { include(c.frame) }
        for e in d.edges { for p in e.points { include(ModelDiagram.Rect(x: p.x, y: p.y, width: 0, height: 0)) } }
        let bounds = all ?? .zero
        let dx = M.margin - bounds.x, dy = M.margin - bounds.y
        for i in d.boxes.indices {
            d.boxes[i].frame = d.boxes[i].frame.offsetBy(dx, dy)
            let origin = d.boxes[i].frame
            for r in d.boxes[i].rows.indices {
                for c in d.boxes[i].rows[r].indices { d.boxes[i].rows[r][c].frame = d.boxes[i].rows[r][c].frame.offsetBy(origin.x, origin.y) }
            }
        }
        for i in d.clusters.indices where d.clusters[i].frame != .zero {
            d.clusters[i].frame = d.clusters[i].frame.offsetBy(dx, dy)
            d.clusters[i].labelOrigin = ModelDiagram.Point(d.clusters[i].labelOrigin.x + dx, d.clusters[i].labelOrigin.y + dy)
        }
        for i in d.edges.indices { d.edges[i].points = d.edges[i].points.map { ModelDiagram.Point($0.x + dx, $0.y + dy) } }
        d.width = bounds.width + 2 * M.margin
        d.height = bounds.height + 2 * M.margin
    }

    /// The polyline without repeated points or points in the middle of a straight run.
    static func simplified(_ points: [ModelDiagram.Point]) -> [ModelDiagram.Point] {
        var out: [ModelDiagram.Point] = []
        for p in points {
            if let last = out.last, abs(last.x - p.x) < 1e-9, abs(last.y - p.y) < 1e-9 { continue }
            if out.count >= 2 {
                let a = out[out.count - 2], b = out[out.count - 1]
                let cross = (b.x - a.x) * (p.y - b.y) - (b.y - a.y) * (p.x - b.x)
                let forward = (b.x - a.x) * (p.x - b.x) + (b.y - a.y) * (p.y - b.y)
                if abs(cross) < 1e-9, forward > 0 { out[out.count - 1] = p; continue }
            }
            out.append(p)
        }
        return out
    }
}

/// Positions closest to the desired ones (weighted least squares) with at least the given gaps
/// between neighbours, in order: pool-adjacent-violators on the positions less the gaps.
enum Isotonic {
    static func place(desired: [Double], weights: [Double], gaps: [Double]) -> [Double] {
        guard !desired.isEmpty else { return [] }
        var offset = [0.0]
        for g in gaps { offset.append(offset.last! + g) }
        // Blocks of pooled values: (weighted mean, total weight, count).
        var blocks: [(mean: Double, weight: Double, count: Int)] = []
        for i in desired.indices {
            blocks.append((desired[i] - offset[i], weights[i], 1))
            while blocks.count > 1, blocks[blocks.count - 2].mean > blocks[blocks.count - 1].mean {
                let b = blocks.removeLast(), a = blocks.removeLast()
                let w = a.weight + b.weight
                blocks.append(((a.mean * a.weight + b.mean * b.weight) / w, w, a.count + b.count))
            }
        }
        var out: [Double] = []
        for b in blocks { for _ in 0..<b.count { out.append(b.mean + offset[out.count]) } }
        return out
    }
}
