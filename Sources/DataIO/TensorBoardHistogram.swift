/// TensorBoard's histogram of a tensor, as `tf.summary.histogram` computes it (TensorBoard 2.x,
/// plugins/histogram/summary_v2.py): `bucketCount` rows of (left edge, right edge, count) in float64.
/// The edges split [min, max] evenly (`min + i * (max - min) / k`, the last one exactly max); a
/// value goes to bucket `floor((x - min) / width)`, the maximum into the last bucket. All values
/// equal: every edge is that value and the last bucket holds them all. No values: all zeros.
/// NaN and infinite values (a diverged training) are left out rather than trapping.
public enum TensorBoardHistogram {
    public static let defaultBucketCount = 30

    /// The rows, flattened: [left0, right0, count0, left1, ...].
    public static func buckets(_ all: [Float], bucketCount k: Int = defaultBucketCount) -> [Double] {
        guard k > 0 else { return [] }
        let values = all.allSatisfy(\.isFinite) ? all : all.filter(\.isFinite)
        guard let first = values.first else { return [Double](repeating: 0, count: 3 * k) }
        var low = Double(first), high = Double(first)
        for v in values { let x = Double(v); if x < low { low = x }; if x > high { high = x } }
        let range = high - low
        var rows = [Double](repeating: 0, count: 3 * k)
        if range == 0 {
            for i in 0..<k { rows[3 * i] = high; rows[3 * i + 1] = high }
            rows[3 * k - 1] = Double(values.count)
            return rows
        }
        let width = range / Double(k)
        var counts = [Double](repeating: 0, count: k)
        for v in values {
            let index = min(Int(((Double(v) - low) / width).rounded(.down)), k - 1)
            counts[index] += 1
        }
        for i in 0..<k {
            rows[3 * i] = low + Double(i) * width
            rows[3 * i + 1] = i == k - 1 ? high : low + Double(i + 1) * width
            rows[3 * i + 2] = counts[i]
        }
        return rows
    }
}

extension TensorBoardEvent {
    /// `tf.summary.histogram(tag, values, step=step)`: a float64 tensor of shape (k, 3) with the
    /// "histograms" plugin's metadata.
    public static func histogramRecord(tag: String, values: [Float], step: Int64, wallTime: Double) -> [UInt8] {
        let rows = TensorBoardHistogram.buckets(values)
        var content: [UInt8] = []
        content.reserveCapacity(rows.count * 8)
        for x in rows {
            let bits = x.bitPattern
            for i in 0..<8 { content.append(UInt8((bits >> (8 * UInt64(i))) & 0xFF)) }
        }
        return summaryRecord(tag: tag, tensor: tensor(.double, shape: [rows.count / 3, 3], content: content), pluginName: "histograms",
                             step: step, wallTime: wallTime)
    }
}
