import DataIO
import FoveaLang
import NeuralNet
import Tensor

/// `keras.applications`: the famous architectures, layer for layer as Keras builds them, and each
/// module's `preprocess_input` and `decode_predictions`.
enum KerasApplications {
    static let names = ["keras.applications", "keras.applications.vgg16", "keras.applications.vgg19",
                        "keras.applications.resnet", "keras.applications.resnet50", "keras.applications.resnet_v2",
                        "keras.applications.mobilenet_v2", "keras.applications.mobilenet", "keras.applications.xception",
                        "keras.applications.densenet", "keras.applications.inception_v3", "keras.applications.efficientnet",
                        "keras.applications.imagenet_utils"]

    /// One constructor: its Keras name, the module it lives in, its ImageNet weights file and
    /// md5 hashes (with, without the top), its preprocessing mode, and how it is built.
    struct Architecture {
        let name: String
        let module: String
        let weightsFolder: String
        let fileStem: String
        let hashes: (top: String, noTop: String)
        let mode: ImagenetPreprocessing.Mode
        /// Parameters before `include_top` (MobileNet's `input_shape, alpha, ...`), in Keras's order.
        var leading: [NativeParameter] = []
        /// The weights file's name where it is not `{fileStem}_weights_tf_dim_ordering_tf_kernels[_notop].h5`.
        var fileName: ((ApplicationOptions) throws -> String)? = nil
        /// Keras's `warnings.warn` while building (MobileNet: ImageNet weights for another size).
        var warning: ((ApplicationOptions) -> String?)? = nil
        /// Where the weights files are when not under `tensorflow/keras-applications/{folder}/`.
        var baseURL: String? = nil
        let build: (ApplicationOptions, NeuralNet.Session) throws -> Sequential
    }

    static let architectures: [Architecture] = [
        Architecture(name: "VGG16", module: "vgg16", weightsFolder: "vgg16", fileStem: "vgg16",
                     hashes: ("64373286793e3c8b2b4e3219cbf3544b", "6d6bbae143d832006294945121d1f1fc"), mode: .caffe) {
            try VGG.make(depth: 16, $0, session: $1)
        },
        Architecture(name: "VGG19", module: "vgg19", weightsFolder: "vgg19", fileStem: "vgg19",
                     hashes: ("cbe5617147190e668d6c5d5026f83318", "253f8cb515780f3b799900260a226db6"), mode: .caffe) {
            try VGG.make(depth: 19, $0, session: $1)
        },
        Architecture(name: "MobileNetV2", module: "mobilenet_v2", weightsFolder: "mobilenet_v2", fileStem: "",
                     hashes: ("", ""), mode: .tf, leading: [inputShape, alpha], fileName: NeuralNet.MobileNetV2.weightsFileName) {
            try NeuralNet.MobileNetV2.make(alpha: $0.alpha, $0, session: $1)
        },
        Architecture(name: "MobileNet", module: "mobilenet", weightsFolder: "mobilenet", fileStem: "", hashes: ("", ""), mode: .tf,
                     leading: [inputShape, alpha, .optional("depth_multiplier", default: .int(1)), .optional("dropout", default: .float(1e-3))],
                     fileName: NeuralNet.MobileNet.weightsFileName, warning: NeuralNet.MobileNet.imagenetSizeWarning) { try NeuralNet.MobileNet.make($0, session: $1) },
        Architecture(name: "Xception", module: "xception", weightsFolder: "xception", fileStem: "xception",
                     hashes: ("0a58e3b7378bc2990ea3b43d5981f1f6", "b0042744bf5b25fce3cb969f33bebb97"), mode: .tf) {
            try NeuralNet.Xception.make($0, session: $1)
        },
        Architecture(name: "InceptionV3", module: "inception_v3", weightsFolder: "inception_v3", fileStem: "inception_v3",
                     hashes: ("9a0d58056eeedaa3f26cb7ebd46da564", "bcbd6486424b2319ff4ef7d526e38f63"), mode: .tf) {
            try NeuralNet.InceptionV3.make($0, session: $1)
        },
    ] + [(121, "9d60b8095a5708f2dcce2bca79d332c7", "30ee3e1110167f948a6b9946edeeb738"),
         (169, "d699b8f76981ab1b30698df4c175e90b", "b8c4d4c20dd625c148057b9ff1c1176b"),
         (201, "1ceb130c1ea1b78c3bf6114dbdfd8807", "c13680b51ded0fb44dff2d8f86ac8bb1")].map { depth, top, noTop in
        Architecture(name: "DenseNet\(depth)", module: "densenet", weightsFolder: "densenet", fileStem: "densenet\(depth)",
                     hashes: (top, noTop), mode: .torch) { try DenseNet.make(depth: depth, $0, session: $1) }
    } + [("902e53a9f72be733fc0bcb005b3ebbac", "50bc09e76180e00e4465e1a485ddc09d"), ("1d254153d4ab51201f1646940f018540", "74c4e6b3e1f6a1eea24c589628592432"),
         ("b15cce36ff4dcbd00b6dd88e7857a6ad", "111f8e2ac8aa800a7a99e3239f7bfb39"), ("ffd1fdc53d0ce67064dc6a9c7960ede0", "af6d107764bb5b1abb91932881670226"),
         ("18c95ad55216b8f92d7e70b3a046e2fc", "ebc24e6d6c33eaebbd558eafbeedf1ba"), ("ace28f2a6363774853a83a0b21b9421a", "38879255a25d3c92d5e44e04ae6cec6f"),
         ("165f6e37dce68623721b423839de8be5", "9ecce42647a20130c1f39a5d4cb75743"), ("8c03f828fec3ef71311cd463b6759d99", "cbcfe4450ddf6f3ad90b1b398090fe4a")]
        .enumerated().map { b, hashes in
            Architecture(name: "EfficientNetB\(b)", module: "efficientnet", weightsFolder: "", fileStem: "efficientnetb\(b)",
                         hashes: hashes, mode: .passThrough,
                         fileName: { o in "efficientnetb\(b)" + (o.includeTop ? "" : "_notop") + ".h5" },
                         baseURL: "https://storage.googleapis.com/keras-applications/",
                         build: { try EfficientNet.make(variant: b, $0, session: $1) })
        } + [(50, "2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626"),
         (101, "f1aeb4b969a6efcfb50fad2f0c20cfc5", "88cf7a10940856eca736dc7b7e228a21"),
         (152, "100835be76be38e30d865e96f2aaae62", "ee4c566cf9a93f14d82f913c2dc6dd0c")].map { depth, top, noTop in
        Architecture(name: "ResNet\(depth)", module: "resnet", weightsFolder: "resnet", fileStem: "resnet\(depth)",
                     hashes: (top, noTop), mode: .caffe) { try ResNet.make(depth: depth, v2: false, $0, session: $1) }
    } + [(50, "3ef43a0b657b3be2300d5770ece849e0", "fac2f116257151a9d068a22e544a4917"),
         (101, "6343647c601c52e1368623803854d971", "c0ed64b8031c3730f411d2eb4eea35b5"),
         (152, "a49b44d1979771252814e80f8ec446f9", "ed17cf2e0169df9d443503ef94b23b33")].map { depth, top, noTop in
        Architecture(name: "ResNet\(depth)V2", module: "resnet_v2", weightsFolder: "resnet", fileStem: "resnet\(depth)v2",
                     hashes: (top, noTop), mode: .tf) { try ResNet.make(depth: depth, v2: true, $0, session: $1) }
    }

    static func build(_ name: String, _ store: SessionStore) -> ModuleValue {
        let st = KerasModules.state(store)
        let m = ModuleValue(name, doc: "Keras's famous architectures, built as Keras builds them: VGG16(weights=None), ResNet50(...), ...")
        let short = name.split(separator: ".").last.map(String.init) ?? ""
        let members = architectures.filter { a in
            switch short {
            case "applications": return true
            case "resnet50": return a.name == "ResNet50"
            default: return a.module == short
            }
        }
        for a in members { m.add(constructor(a, st)) }
        if name == "keras.applications" {
            for sub in names.dropFirst() { m.add(String(sub.split(separator: ".").last!), .module(KerasModules.module(sub, store))) }
        } else {
            let mode = architectures.first { $0.module == short }?.mode ?? .caffe
            m.add(ImagenetPreprocessing.preprocessInput(mode, st))
            m.add(ImagenetPreprocessing.decodePredictions)
        }
        return m
    }

    static let inputShape = NativeParameter.optional("input_shape", default: Value.none)
    static let alpha = NativeParameter.optional("alpha", default: .float(1.0))

    static func constructor(_ a: Architecture, _ st: KerasState) -> NativeFunction {
        NativeFunction(a.name, doc: "\(a.name) as Keras builds it: include_top adds the classifier; weights=None starts from random weights, "
                       + "'imagenet' loads Keras's trained ones (from ~/.keras/models).",
                       parameters: a.leading + [.optional("include_top", default: .bool(true)), .optional("weights", default: .str("imagenet")),
                                    .optional("input_tensor", default: Value.none), .optional("input_shape", default: Value.none),
                                    .optional("pooling", default: Value.none), .optional("classes", default: .int(1000)),
                                    .optional("classifier_activation", default: .str("softmax")), .keywordOnly("name", default: Value.none)]
                           .filter { p in !a.leading.contains { $0.name == p.name } }) { args, ctx in
            var options = ApplicationOptions()
            options.includeTop = args.bool("include_top")
            let weights = args["weights"] ?? .none
            var weightsFile: String?
            switch weights {
            case .none: break
            case .str("imagenet"): options.imagenetWeights = true
            case .str(let path) where FileBytes.exists(path): weightsFile = path
            default:
                throw Diagnostic(.valueError, "The `weights` argument should be either `None` (random initialization), 'imagenet' "
                                 + "(pre-training on ImageNet), or the path to the weights file to be loaded. Received: weights=\(Repr.repr(weights))",
                                 at: args.span(of: "weights"))
            }
            if let t = args["input_tensor"], !t.isNone {
                throw Diagnostic(.notImplementedError, "Fovea builds applications on their own Input: leave input_tensor=None.",
                                 at: args.span(of: "input_tensor"),
                                 notes: ["help: give input_shape=(h, w, 3) instead, then call the model on your tensor: y = base(x)"])
            }
            options.inputShape = try KerasArguments.shape(args, "input_shape")
            options.pooling = try args.optionalString("pooling")
            options.classes = try KerasArguments.int(args, "classes")
            options.classifierActivation = try args.optionalString("classifier_activation")
            options.name = try args.optionalString("name")
            if args["alpha"] != nil { options.alpha = try args.double("alpha") }
            if args["depth_multiplier"] != nil { options.depthMultiplier = try KerasArguments.int(args, "depth_multiplier") }
            if args["dropout"] != nil { options.dropout = try args.double("dropout") }
            let model = try keras(ctx.span) { try a.build(options, st.nn) }
            let object = ModelObject(model, layers: [])
            if let text = a.warning?(options) { ctx.write("UserWarning: \(text)\n", to: .stderr) }
            if options.imagenetWeights {
                weightsFile = try imagenetFile(a, options, ctx)
            }
            if let weightsFile { try ApplicationWeights.load(weightsFile, into: model, ctx) }
            return .object(object)
        }
    }

    /// The ImageNet weights file, from the cache or Keras's URL; where neither gives it, the
    /// error says which file to put where.
    static func imagenetFile(_ a: Architecture, _ options: ApplicationOptions, _ ctx: CallContext) throws -> String {
        let includeTop = options.includeTop
        let fname = try keras(ctx.span) { try a.fileName?(options) }
            ?? a.fileStem + "_weights_tf_dim_ordering_tf_kernels" + (includeTop ? "" : "_notop") + ".h5"
        let origin = (a.baseURL ?? "https://storage.googleapis.com/tensorflow/keras-applications/\(a.weightsFolder)/") + fname
        var g = GetFile(fname: fname, origin: origin)
        g.cacheSubdir = "models"
        let hash = includeTop ? a.hashes.top : a.hashes.noTop
        g.fileHash = hash.isEmpty ? nil : hash
        let progress = DownloadProgress(context: ctx)
        defer { withExtendedLifetime(progress) {} }
        do {
            return try g.run(progress.observer)
        } catch let e as DownloadError where e.kind != .interrupted {
            throw Diagnostic(.runtimeError, "Could not get the ImageNet weights of \(a.name): \(e.message)", at: ctx.span,
                             notes: ["help: or build the model with weights=None (random weights)"])
        } catch {
            return try GetFileBinding.run(ctx) { throw error }
        }
    }
}
