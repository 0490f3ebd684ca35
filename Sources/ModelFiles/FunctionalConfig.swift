import JSON
import NeuralNet

/// A functional model's config and back, as Keras 3 writes it: each layer with its
/// `inbound_nodes` (the KerasTensors of each call, named by `keras_history` [layer, node,
/// tensor]), then `input_layers` and `output_layers`. The merge layers' configs live here too.
enum FunctionalConfig {
    static let mergeCodecs: [String: LayerConfig.Codec] = {
        var out: [String: LayerConfig.Codec] = [:]
        for op in ElementwiseMerge.Operation.allCases {
            out[op.rawValue] = codec(ElementwiseMerge.self, encode: { _ in [] }, decode: { r, s in
                try ElementwiseMerge(op, name: r.name, session: s)
            })
        }
        out["Concatenate"] = codec(Concatenate.self, encode: { l in [("axis", .int(l.axis))] }, decode: { r, s in
            try Concatenate(axis: r.has("axis") ? r.int("axis") : -1, name: r.name, session: s)
        })
        out["DepthwiseConv2D"] = codec(DepthwiseConv2D.self, encode: { l in
            [("kernel_size", KerasObjects.pair(l.kernelSize)), ("strides", KerasObjects.pair(l.strides)),
             ("padding", .string(l.padding.rawValue)), ("data_format", "channels_last"), ("dilation_rate", KerasObjects.ints([1, 1])),
             ("activation", .string(l.activation.rawValue)), ("use_bias", .bool(l.useBias)),
             ("bias_initializer", KerasObjects.initializer(l.biasInitializer)), ("bias_regularizer", .null),
             ("activity_regularizer", .null), ("bias_constraint", .null), ("depth_multiplier", .int(l.depthMultiplier)),
             ("depthwise_initializer", KerasObjects.initializer(l.depthwiseInitializer)), ("depthwise_regularizer", .null),
             ("depthwise_constraint", .null)]
        }, decode: { r, s in
            try DepthwiseConv2D(kernelSize: r.intOrTuple("kernel_size"), strides: r.has("strides") ? r.intOrTuple("strides") : 1,
                                padding: r.string("padding", default: "valid"),
                                depthMultiplier: r.has("depth_multiplier") ? r.int("depth_multiplier") : 1,
                                activation: r.activation(), useBias: r.bool("use_bias", default: true),
                                depthwiseInitializer: r.initializer("depthwise_initializer", default: "glorot_uniform"),
                                biasInitializer: r.initializer("bias_initializer", default: "zeros"),
                                inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        })
        return out
    }()

    static func history(_ t: SymbolicTensor) -> JSON {
        .array([.string(t.layer.name), .int(t.node.nodeIndex), .int(t.index)])
    }

    static func tensor(_ t: SymbolicTensor) -> JSON {
        .object(JSONObject([("class_name", "__keras_tensor__"),
                            ("config", .object(JSONObject([("shape", KerasObjects.shape(t.shape)), ("dtype", "float32"),
                                                           ("keras_history", history(t))])))]))
    }

    /// `get_config()` of a functional model.
    static func config(of model: Sequential, graph: LayerGraph, withModule: Bool) throws -> JSONObject {
        var layers: [JSON] = []
        for layer in graph.layers {
            var entry: JSONObject
            if let nested = layer as? NestedModel {
                guard case .object(let o) = try ModelConfig.serialize(nested.model, withModule: withModule, compile: false) else { continue }
                entry = o
            } else {
                guard case .object(let o) = try LayerConfig.serialize(layer, withModule: withModule) else { continue }
                entry = o
                if withModule, let merge = layer as? MergeLayer, let shapes = merge.mergedInputShapes {
                    entry["build_config"] = .object(JSONObject([("input_shape", .array(shapes.map(KerasObjects.shape)))]))
                }
            }
            entry["name"] = .string(layer.name)
            let nodes = graph.nodes.filter { $0.layer === layer && !$0.isInput }.sorted { $0.nodeIndex < $1.nodeIndex }
            entry["inbound_nodes"] = .array(nodes.map { node in
                let args: JSON = node.takesList ? .array(node.inputs.map(tensor)) : tensor(node.inputs[0])
                // Keras records the `mask` its call passed to the layers whose call takes one.
                let kwargs = ["BatchNormalization", "Softmax"].contains(layer.className) ? JSONObject([("mask", .null)]) : JSONObject()
                return .object(JSONObject([("args", .array([args])), ("kwargs", .object(kwargs))]))
            })
            layers.append(.object(entry))
        }
        func ends(_ ts: [SymbolicTensor]) -> JSON { ts.count == 1 ? history(ts[0]) : .array(ts.map(history)) }
        return JSONObject([("name", .string(model.name)), ("trainable", .bool(model.trainable)), ("layers", .array(layers)),
                           ("input_layers", ends(graph.inputs)), ("output_layers", ends(graph.outputs))])
    }

    static func serialize(_ model: Sequential, graph: LayerGraph, withModule: Bool, compile: Bool) throws -> JSON {
        let config = try self.config(of: model, graph: graph, withModule: withModule)
        guard withModule else {
            return .object(JSONObject([("class_name", "Functional"), ("config", .object(config))]))
        }
        var entry = JSONObject([("module", "keras.src.models.functional"), ("class_name", "Functional"),
                                ("config", .object(config)), ("registered_name", "Functional"),
                                ("build_config", .object(JSONObject([("input_shape", .null)])))])
        if compile, let setup = model.compiled { entry["compile_config"] = .object(CompileConfig.config(of: setup)) }
        return .object(entry)
    }

    /// The model a functional config describes: layers made from their configs, then their
    /// calls replayed in an order where every input already exists.
    static func model(from config: JSONObject, session: Session) throws -> Sequential {
        guard let items = config["layers"]?.arrayValue else {
            throw LayerError.value("The Functional config has no `layers` list.", hint: "The file was not written by Keras or Fovea, or it was changed.")
        }
        var layers: [String: any Layer] = [:]
        var pending: [(layer: any Layer, index: Int, args: JSON)] = []
        var tensors: [String: SymbolicTensor] = [:]
        for item in items {
            let layer: any Layer
            if item["class_name"]?.stringValue == "Sequential" || item["class_name"]?.stringValue == "Functional" {
                layer = try NestedModel(try ModelConfig.model(from: item, session: session, compile: false), session: session)
            } else {
                layer = try LayerConfig.deserialize(item, session: session)
            }
            layers[layer.name] = layer
            if let input = layer as? InputLayer { tensors[key(input.name, 0)] = input.placeholder }
            for (i, node) in (item["inbound_nodes"]?.arrayValue ?? []).enumerated() {
                guard let args = node["args"]?[0] else {
                    throw LayerError.value("Layer \"\(layer.name)\" has an inbound node without args in the model config.")
                }
                pending.append((layer, i, args))
            }
        }
        func reference(_ json: JSON) -> (String, Int)? {
            guard let h = json["config"]?["keras_history"], let name = h[0]?.stringValue, let node = h[1]?.intValue else { return nil }
            return (name, node)
        }
        while !pending.isEmpty {
            var progressed = false
            var rest: [(layer: any Layer, index: Int, args: JSON)] = []
            for call in pending {
                let refs = call.args.arrayValue ?? [call.args]
                let found = refs.compactMap { reference($0).flatMap { tensors[key($0.0, $0.1)] } }
                guard found.count == refs.count else { rest.append(call); continue }
                tensors[key(call.layer.name, call.index)] = try call.layer.callSymbolic(found, asList: call.args.arrayValue != nil)
                progressed = true
            }
            guard progressed else {
                throw LayerError.value("The model config's graph cannot be rebuilt: layer \"\(rest[0].layer.name)\" needs a tensor no layer makes.")
            }
            pending = rest
        }
        func ends(_ field: String) throws -> [SymbolicTensor] {
            guard let value = config[field] else { throw LayerError.value("The Functional config has no `\(field)`.") }
            let list = value[0]?.arrayValue != nil ? value.arrayValue! : [value]
            return try list.map { h in
                guard let name = h[0]?.stringValue, let node = h[1]?.intValue, let t = tensors[key(name, node)] else {
                    throw LayerError.value("The Functional config's `\(field)` names a tensor the layers do not make: \(h.serializedString())")
                }
                return t
            }
        }
        let model = try Sequential(graph: LayerGraph(inputs: try ends("input_layers"), outputs: try ends("output_layers")),
                                   name: config["name"]?.stringValue, session: session)
        model.trainable = config["trainable"]?.boolValue ?? true
        return model
    }

    /// A tensor's place in the config's graph: its layer and that layer's node.
    static func key(_ name: String, _ node: Int) -> String { "\(name)#\(node)" }
}
