import JSON
import NeuralNet

/// Each Fovea layer class's Keras config keys (in Keras 3.15's order) and its constructor from a
/// config. A key Keras has but Fovea does not implement is written with Keras's default.
enum LayerCodecs {
    typealias K = KerasObjects

    static let all: [String: LayerConfig.Codec] = [
        "Conv2D": codec(Conv2D.self, encode: { l in
            [("filters", .int(l.filters)), ("kernel_size", K.pair(l.kernelSize)), ("strides", K.pair(l.strides)),
             ("padding", .string(l.padding.rawValue)), ("data_format", "channels_last"), ("dilation_rate", K.ints([1, 1])),
             ("groups", 1), ("activation", .string(l.activation.rawValue)), ("use_bias", .bool(l.useBias)),
             ("kernel_initializer", K.initializer(l.kernelInitializer)), ("bias_initializer", K.initializer(l.biasInitializer)),
             ("kernel_regularizer", K.regularizer(l.kernelRegularizer)), ("bias_regularizer", K.regularizer(l.biasRegularizer)),
             ("activity_regularizer", .null), ("kernel_constraint", .null), ("bias_constraint", .null)]
        }, decode: { r, s in
            if r.has("dilation_rate"), try r.ints("dilation_rate").contains(where: { $0 != 1 }) {
                throw LayerError(.notImplementedError, "Conv2D with dilation_rate other than 1 is not implemented in Fovea.")
            }
            if r.has("groups"), try r.int("groups") != 1 {
                throw LayerError(.notImplementedError, "Conv2D with groups other than 1 is not implemented in Fovea.")
            }
            return try Conv2D(filters: r.int("filters"), kernelSize: r.intOrTuple("kernel_size"),
                              strides: r.has("strides") ? r.intOrTuple("strides") : 1, padding: r.string("padding", default: "valid"),
                              activation: r.activation(), useBias: r.bool("use_bias", default: true),
                              kernelInitializer: r.initializer("kernel_initializer", default: "glorot_uniform"),
                              biasInitializer: r.initializer("bias_initializer", default: "zeros"),
                              kernelRegularizer: r.regularizer("kernel_regularizer"), biasRegularizer: r.regularizer("bias_regularizer"),
                              inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Dense": codec(Dense.self, encode: { l in
            [("units", .int(l.units)), ("activation", .string(l.activation.rawValue)), ("use_bias", .bool(l.useBias)),
             ("kernel_initializer", K.initializer(l.kernelInitializer)), ("bias_initializer", K.initializer(l.biasInitializer)),
             ("kernel_regularizer", K.regularizer(l.kernelRegularizer)), ("bias_regularizer", K.regularizer(l.biasRegularizer)),
             ("kernel_constraint", .null), ("bias_constraint", .null), ("quantization_config", .null)]
        }, decode: { r, s in
            try r.requireUnset(["quantization_config", "lora_rank"])
            return try Dense(units: r.int("units"), activation: r.activation(), useBias: r.bool("use_bias", default: true),
                             kernelInitializer: r.initializer("kernel_initializer", default: "glorot_uniform"),
                             biasInitializer: r.initializer("bias_initializer", default: "zeros"),
                             kernelRegularizer: r.regularizer("kernel_regularizer"), biasRegularizer: r.regularizer("bias_regularizer"),
                             inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "MaxPooling2D": codec(MaxPooling2D.self, encode: { LayerConfig.pooling($0.window) }, decode: { r, s in
            try MaxPooling2D(poolSize: r.has("pool_size") ? r.intOrTuple("pool_size") : [2, 2],
                             strides: r.has("strides") ? r.intOrTuple("strides") : nil, padding: r.string("padding", default: "valid"),
                             inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "AveragePooling2D": codec(AveragePooling2D.self, encode: { LayerConfig.pooling($0.window) }, decode: { r, s in
            try AveragePooling2D(poolSize: r.has("pool_size") ? r.intOrTuple("pool_size") : [2, 2],
                                 strides: r.has("strides") ? r.intOrTuple("strides") : nil, padding: r.string("padding", default: "valid"),
                                 inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "GlobalAveragePooling2D": codec(GlobalAveragePooling2D.self, encode: { l in
            [("data_format", "channels_last"), ("keepdims", .bool(l.keepdims))]
        }, decode: { r, s in
            try GlobalAveragePooling2D(keepdims: r.bool("keepdims", default: false), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "GlobalMaxPooling2D": codec(GlobalMaxPooling2D.self, encode: { l in
            [("data_format", "channels_last"), ("keepdims", .bool(l.keepdims))]
        }, decode: { r, s in
            try GlobalMaxPooling2D(keepdims: r.bool("keepdims", default: false), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Flatten": codec(Flatten.self, encode: { _ in [("data_format", "channels_last")] }, decode: { r, s in
            try Flatten(inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Dropout": codec(Dropout.self, encode: { l in
            [("rate", .double(l.rate)), ("seed", K.optionalInt(l.seed)),
             ("noise_shape", l.noiseShape.map { .array($0.map { $0.map(JSON.int) ?? .null }) } ?? .null)]
        }, decode: { r, s in
            try Dropout(rate: r.double("rate"), noiseShape: r.has("noise_shape") ? r.shape("noise_shape") : nil, seed: r.optionalInt("seed"),
                        inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "SpatialDropout2D": codec(SpatialDropout2D.self, encode: { l in
            [("rate", .double(l.rate)), ("seed", K.optionalInt(l.seed)), ("noise_shape", .null), ("data_format", "channels_last")]
        }, decode: { r, s in
            try SpatialDropout2D(rate: r.double("rate"), seed: r.optionalInt("seed"), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "BatchNormalization": codec(BatchNormalization.self, encode: { l in
            [("axis", .int(l.axis)), ("momentum", .double(l.momentum)), ("epsilon", .double(l.epsilon)), ("center", .bool(l.center)),
             ("scale", .bool(l.scale)), ("beta_initializer", K.initializer(.zeros)), ("gamma_initializer", K.initializer(.ones)),
             ("moving_mean_initializer", K.initializer(.zeros)), ("moving_variance_initializer", K.initializer(.ones)),
             ("beta_regularizer", .null), ("gamma_regularizer", .null), ("beta_constraint", .null), ("gamma_constraint", .null),
             ("synchronized", false), ("renorm", false), ("renorm_clipping", .null), ("renorm_momentum", 0.99)]
        }, decode: { r, s in
            let axis = r.has("axis") ? (try r.ints("axis").first ?? -1) : -1
            return try BatchNormalization(axis: axis, momentum: r.double("momentum", default: 0.99), epsilon: r.double("epsilon", default: 0.001),
                                          center: r.bool("center", default: true), scale: r.bool("scale", default: true),
                                          inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "LayerNormalization": codec(LayerNormalization.self, encode: { l in
            [("axis", .int(l.axis)), ("epsilon", .double(l.epsilon)), ("center", .bool(l.center)), ("scale", .bool(l.scale)),
             ("rms_scaling", false), ("beta_initializer", K.initializer(.zeros)), ("gamma_initializer", K.initializer(.ones)),
             ("beta_regularizer", .null), ("gamma_regularizer", .null), ("beta_constraint", .null), ("gamma_constraint", .null)]
        }, decode: { r, s in
            let axes = r.has("axis") ? try r.ints("axis") : [-1]
            guard axes.count == 1 else {
                throw LayerError(.notImplementedError, "LayerNormalization over several axes is not implemented in Fovea.")
            }
            return try LayerNormalization(axis: axes[0], epsilon: r.double("epsilon", default: 0.001), center: r.bool("center", default: true),
                                          scale: r.bool("scale", default: true), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Activation": codec(ActivationLayer.self, encode: { l in [("activation", .string(l.activation.rawValue))] }, decode: { r, s in
            try ActivationLayer(r.activation() ?? "linear", inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "ReLU": codec(ReLU.self, encode: { l in
            [("max_value", l.maxValue.map { .double(Double($0)) } ?? .null), ("negative_slope", .double(Double(l.negativeSlope))),
             ("threshold", .double(Double(l.threshold)))]
        }, decode: { r, s in
            try ReLU(maxValue: r.optionalDouble("max_value"), negativeSlope: r.double("negative_slope", default: 0),
                     threshold: r.double("threshold", default: 0), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Softmax": codec(Softmax.self, encode: { l in [("axis", .int(l.axis))] }, decode: { r, s in
            try Softmax(axis: r.has("axis") ? (try r.ints("axis").first ?? -1) : -1, inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "LeakyReLU": codec(LeakyReLU.self, encode: { l in [("negative_slope", .double(Double(l.negativeSlope)))] }, decode: { r, s in
            try LeakyReLU(negativeSlope: r.has("alpha") ? r.double("alpha") : r.double("negative_slope", default: 0.3),
                          inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "ELU": codec(ELU.self, encode: { l in [("alpha", .double(Double(l.alpha)))] }, decode: { r, s in
            try ELU(alpha: r.double("alpha", default: 1.0), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "PReLU": codec(PReLU.self, encode: { l in
            [("alpha_initializer", K.initializer(l.alphaInitializer)), ("alpha_regularizer", .null), ("alpha_constraint", .null),
             ("shared_axes", l.sharedAxes.map(K.ints) ?? .null)]
        }, decode: { r, s in
            try r.requireUnset(["alpha_regularizer", "alpha_constraint"])
            return try PReLU(alphaInitializer: r.initializer("alpha_initializer", default: "zeros"),
                             sharedAxes: r.has("shared_axes") ? r.ints("shared_axes") : nil,
                             inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Rescaling": codec(Rescaling.self, encode: { l in
            [("scale", l.isPerChannel ? .array(l.scales.map { .double(Double($0)) }) : .double(Double(l.scale))),
             ("offset", .double(Double(l.offset)))]
        }, decode: { r, s in
            try Rescaling(scales: r.doubles("scale"), offset: r.double("offset", default: 0), inputShape: LayerConfig.declaredShape(r),
                          name: r.name, session: s)
        }),
        "Normalization": codec(Normalization.self, encode: { l in
            [("axis", K.ints(l.axis)), ("invert", .bool(l.invert)),
             ("mean", l.fixedMean.map(K.values) ?? .null), ("variance", l.fixedVariance.map(K.values) ?? .null)]
        }, decode: { r, s in
            let axis = r.has("axis") ? try r.ints("axis") : []
            let mean = r.has("mean") ? try r.tensor("mean") : nil
            let variance = r.has("variance") ? try r.tensor("variance") : nil
            return try Normalization(axis: axis, mean: mean, variance: variance, invert: r.bool("invert", default: false),
                                     inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Reshape": codec(Reshape.self, encode: { l in [("target_shape", K.ints(l.targetShape))] }, decode: { r, s in
            try Reshape(targetShape: r.ints("target_shape"), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Permute": codec(Permute.self, encode: { l in [("dims", K.ints(l.dims))] }, decode: { r, s in
            try Permute(dims: r.ints("dims"), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "RepeatVector": codec(RepeatVector.self, encode: { l in [("n", .int(l.n))] }, decode: { r, s in
            try RepeatVector(n: r.int("n"), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "ZeroPadding2D": codec(ZeroPadding2D.self, encode: { l in
            [("padding", .array([K.pair(l.padding.0), K.pair(l.padding.1)])), ("data_format", "channels_last")]
        }, decode: { r, s in
            try ZeroPadding2D(padding: r.has("padding") ? r.pairs("padding") : .items([1, 1]), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Cropping2D": codec(Cropping2D.self, encode: { l in
            [("cropping", .array([K.pair(l.cropping.0), K.pair(l.cropping.1)])), ("data_format", "channels_last")]
        }, decode: { r, s in
            try Cropping2D(cropping: r.has("cropping") ? r.pairs("cropping") : .items([[0, 0], [0, 0]]),
                           inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "UpSampling2D": codec(UpSampling2D.self, encode: { l in
            [("size", K.pair(l.size)), ("data_format", "channels_last"), ("interpolation", .string(l.interpolation.rawValue))]
        }, decode: { r, s in
            try UpSampling2D(size: r.has("size") ? r.intOrTuple("size") : [2, 2], interpolation: r.string("interpolation", default: "nearest"),
                             inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Resizing": codec(Resizing.self, encode: { l in
            [("height", .int(l.height)), ("width", .int(l.width)), ("interpolation", .string(l.interpolation.rawValue)),
             ("data_format", "channels_last"), ("crop_to_aspect_ratio", .bool(l.cropToAspectRatio)), ("pad_to_aspect_ratio", false),
             ("fill_mode", "constant"), ("fill_value", 0.0), ("antialias", false)]
        }, decode: { r, s in
            try Resizing(height: r.int("height"), width: r.int("width"), interpolation: r.string("interpolation", default: "bilinear"),
                         cropToAspectRatio: r.bool("crop_to_aspect_ratio", default: false), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "CenterCrop": codec(CenterCrop.self, encode: { l in
            [("height", .int(l.height)), ("width", .int(l.width)), ("data_format", "channels_last")]
        }, decode: { r, s in
            try CenterCrop(height: r.int("height"), width: r.int("width"), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "RandomFlip": codec(RandomFlip.self, encode: { l in
            [("seed", K.optionalInt(l.seed)), ("mode", .string(l.mode)), ("data_format", "channels_last")]
        }, decode: { r, s in
            try RandomFlip(mode: r.string("mode", default: "horizontal_and_vertical"), seed: r.optionalInt("seed"),
                           inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "RandomContrast": codec(RandomContrast.self, encode: { l in
            [("factor", LayerConfig.range(l.lower, l.upper)), ("value_range", LayerConfig.range(l.valueRange.0, l.valueRange.1)),
             ("seed", K.optionalInt(l.seed))]
        }, decode: { r, s in
            try RandomContrast(factor: LayerConfig.factor(r, "factor"), valueRange: LayerConfig.valueRange(r), seed: r.optionalInt("seed"),
                               inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "RandomRotation": codec(RandomRotation.self, encode: { l in
            [("factor", LayerConfig.range(l.lower, l.upper)), ("data_format", "channels_last")]
                + LayerConfig.warp(l.fillMode, l.interpolation, l.fillValue, l.seed)
        }, decode: { r, s in
            try RandomRotation(factor: LayerConfig.factor(r, "factor"), fillMode: r.string("fill_mode", default: "reflect"),
                               interpolation: r.string("interpolation", default: "bilinear"), seed: r.optionalInt("seed"),
                               fillValue: r.double("fill_value", default: 0), inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "RandomZoom": codec(RandomZoom.self, encode: { l in
            [("height_factor", LayerConfig.range(l.heightRange.0, l.heightRange.1)),
             ("width_factor", l.widthRange.map { LayerConfig.range($0.0, $0.1) } ?? .null), ("data_format", "channels_last")]
                + LayerConfig.warp(l.fillMode, l.interpolation, l.fillValue, l.seed)
        }, decode: { r, s in
            try RandomZoom(heightFactor: LayerConfig.factor(r, "height_factor"),
                           widthFactor: r.has("width_factor") ? LayerConfig.factor(r, "width_factor") : nil,
                           fillMode: r.string("fill_mode", default: "reflect"), interpolation: r.string("interpolation", default: "bilinear"),
                           seed: r.optionalInt("seed"), fillValue: r.double("fill_value", default: 0),
                           inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "RandomTranslation": codec(RandomTranslation.self, encode: { l in
            [("height_factor", LayerConfig.range(l.heightRange.0, l.heightRange.1)),
             ("width_factor", LayerConfig.range(l.widthRange.0, l.widthRange.1)), ("data_format", "channels_last")]
                + LayerConfig.warp(l.fillMode, l.interpolation, l.fillValue, l.seed)
        }, decode: { r, s in
            try RandomTranslation(heightFactor: LayerConfig.factor(r, "height_factor"), widthFactor: LayerConfig.factor(r, "width_factor"),
                                  fillMode: r.string("fill_mode", default: "reflect"), interpolation: r.string("interpolation", default: "bilinear"),
                                  seed: r.optionalInt("seed"), fillValue: r.double("fill_value", default: 0),
                                  inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
    ]
}
