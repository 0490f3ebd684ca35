import FoveaLang

/// matplotlib calls Fovea does not draw: each raises a located NotImplementedError naming the
/// nearest call it does draw, instead of an AttributeError or a silent nothing.
enum Unsupported {
    static let nearest: [(String, String)] = [
        ("errorbar", "plot"), ("step", "plot"), ("stackplot", "plot"), ("semilogx", "plot"),
        ("semilogy", "plot"), ("loglog", "plot"), ("polar", "plot"), 
        ("hlines", "plot"), ("vlines", "plot"), ("quiver", "plot"), ("pie", "bar"), ("stem", "bar"),
        ("boxplot", "hist"), ("violinplot", "hist"), ("hexbin", "hist"), ("hist2d", "imshow"), ("matshow", "imshow"),
        ("contour", "imshow"), ("contourf", "imshow"), ("pcolormesh", "imshow"), ("pcolor", "imshow"), ("spy", "imshow"),
        ("annotate", "text"), ("figtext", "suptitle"), ("twinx", "subplots"), ("twiny", "subplots"),
        ("subplot2grid", "subplot"), ("ion", "show"), ("ioff", "show"), ("pause", "show"), ("draw", "show"),
        ("imread", "numpy arrays of images (keras datasets)"), ("imsave", "savefig"), ("margins", "xlim"),
        ("locator_params", "xticks"), ("tick_params", "xticks"), ("minorticks_on", "xticks"), ("box", "axis"),
    ]

    static func function(_ name: String, _ instead: String, receiver: String?) -> NativeFunction {
        let full = (receiver.map { $0 + "." } ?? "plt.") + name
        return NativeFunction(name, doc: "Not drawn by Fovea; use \(instead) instead.",
                              parameters: [.varPositional("args"), .varKeyword("kwargs")], receiverType: receiver) { args, _ in
            throw Diagnostic(.notImplementedError, "Fovea does not draw \(full)() yet", at: args.callSpan,
                             notes: ["help: the nearest call Fovea draws is \(instead)"])
        }
    }

    static var pyplot: [NativeFunction] { nearest.map { function($0.0, $0.1, receiver: nil) } }
}
