/// TensorBoard's `Event` records, encoded as TensorFlow 2's summary writer encodes them
/// (tensorflow/core/util/event.proto, framework/summary.proto, tensor.proto):
///
///     Event { wall_time = 1 (double), step = 2 (int64), file_version = 3, summary = 5 }
///     Summary { value = 1 (repeated) }
///     Summary.Value { tag = 1, tensor = 8, metadata = 9 }
///     SummaryMetadata { plugin_data = 1 { plugin_name = 1, content = 2 } }
///     TensorProto { dtype = 1, tensor_shape = 2 { dim = 2 { size = 1 } }, tensor_content = 4,
///                   string_val = 8 }
///
/// `tf.summary.scalar` writes a float32 scalar tensor (its 4 bytes in `tensor_content`) with the
/// "scalars" plugin's metadata; proto3 leaves out fields that hold their default (a step of 0).
public enum TensorBoardEvent {
    /// The first record of every event file.
    public static let fileVersion = "brain.Event:2"

    /// TensorFlow's DataType numbers.
    public enum DataType: Int64, Sendable {
        case float = 1, double = 2, int32 = 3, string = 7, int64 = 9
    }

    /// `Event{wall_time, file_version: "brain.Event:2"}`.
    public static func versionRecord(wallTime: Double) -> [UInt8] {
        var e = ProtobufWriter()
        e.doubleField(1, wallTime)
        e.stringField(3, fileVersion)
        return e.bytes
    }

    /// One scalar at one step, as `tf.summary.scalar(tag, value, step=step)` writes it.
    public static func scalarRecord(tag: String, value: Float, step: Int64, wallTime: Double) -> [UInt8] {
        var content: [UInt8] = []
        let bits = value.bitPattern
        for i in 0..<4 { content.append(UInt8((bits >> (8 * UInt32(i))) & 0xFF)) }
        return summaryRecord(tag: tag, tensor: tensor(.float, shape: [], content: content), pluginName: "scalars",
                             step: step, wallTime: wallTime)
    }

    /// A TensorProto with its values packed in `tensor_content` (little-endian).
    public static func tensor(_ dtype: DataType, shape: [Int], content: [UInt8]) -> ProtobufWriter {
        var t = ProtobufWriter()
        t.varintField(1, dtype.rawValue)
        var s = ProtobufWriter()
        for size in shape {
            var dim = ProtobufWriter()
            if size != 0 { dim.varintField(1, Int64(size)) }
            s.messageField(2, dim)
        }
        t.messageField(2, s)
        if !content.isEmpty { t.bytesField(4, content) }
        return t
    }

    /// An Event holding one Summary.Value: the tag, the tensor and the plugin that shows it.
    public static func summaryRecord(tag: String, tensor: ProtobufWriter, pluginName: String, pluginContent: [UInt8] = [],
                                     step: Int64, wallTime: Double) -> [UInt8] {
        var pluginData = ProtobufWriter()
        pluginData.stringField(1, pluginName)
        if !pluginContent.isEmpty { pluginData.bytesField(2, pluginContent) }
        var metadata = ProtobufWriter()
        metadata.messageField(1, pluginData)
        var value = ProtobufWriter()
        value.stringField(1, tag)
        value.messageField(8, tensor)
        value.messageField(9, metadata)
        var summary = ProtobufWriter()
        summary.messageField(1, value)
        var e = ProtobufWriter()
        e.doubleField(1, wallTime)
        if step != 0 { e.varintField(2, step) }
        e.messageField(5, summary)
        return e.bytes
    }
}
