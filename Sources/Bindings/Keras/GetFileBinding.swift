import DataIO
import FoveaLang

/// `keras.utils.get_file` and the error mapping shared with the downloading dataset loaders.
enum GetFileBinding {
    static let getFile = NativeFunction(
        "get_file",
        doc: """
        Downloads a file from a URL if it is not already in the cache, and returns its path.
        The file goes to cache_dir/cache_subdir/fname: ~/.keras/datasets/ by default ($KERAS_HOME
        instead of ~/.keras when set). With file_hash (sha256 or md5), a cached file is trusted
        only if it matches, and a download that does not match is an error and is not kept.
        extract=True unpacks a tar.gz, tgz, tar or zip archive next to it and returns the folder.
        """,
        parameters: [
            .optional("fname", default: Value.none), .optional("origin", default: Value.none),
            .optional("untar", default: .bool(false)), .optional("md5_hash", default: Value.none),
            .optional("file_hash", default: Value.none), .optional("cache_subdir", default: .str("datasets")),
            .optional("hash_algorithm", default: .str("auto")), .optional("extract", default: .bool(false)),
            .optional("archive_format", default: .str("auto")), .optional("cache_dir", default: Value.none),
            .optional("force_download", default: .bool(false)),
        ]
    ) { args, ctx in
        guard let originValue = args["origin"], !originValue.isNone else {
            throw Diagnostic(.valueError, "Please specify the \"origin\" argument (URL of the file to download).", at: args.callSpan)
        }
        let origin = try args.string("origin")
        var fname: String?
        if let f = args["fname"], !f.isNone {
            guard let p = f.fileSystemPath else { throw f.notAPath(at: args.span(of: "fname")) }
            fname = p
        }
        var g = GetFile(fname: fname, origin: origin)
        g.fileHash = try args.optionalString("file_hash")
        g.hashAlgorithm = try args.string("hash_algorithm")
        if g.fileHash == nil, let md5 = try args.optionalString("md5_hash") { g.fileHash = md5; g.hashAlgorithm = "md5" }
        g.extract = args.bool("extract") || args.bool("untar")
        if let d = args["cache_dir"], !d.isNone {
            guard let p = d.fileSystemPath else { throw d.notAPath(at: args.span(of: "cache_dir")) }
            g.cacheDir = p
        }
        g.cacheSubdir = args["cache_subdir"]?.fileSystemPath ?? "datasets"
        g.forceDownload = args.bool("force_download")
        _ = args["archive_format"]   // tar and zip are both tried, as with Keras's 'auto'
        let progress = DownloadProgress(context: ctx)
        return .str(try run(ctx) { try g.run(progress.observer) })
    }

    /// Runs a download, turning its errors into located Python exceptions.
    static func run<T>(_ ctx: CallContext, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as DownloadError {
            if e.kind == .interrupted {
                ctx.clearInterrupt()
                throw Diagnostic(.keyboardInterrupt, e.message, at: ctx.span)
            }
            throw Diagnostic(ExceptionClass.named(e.pythonName), e.message, at: ctx.span)
        } catch let e as DatasetError {
            throw Diagnostic(ExceptionClass.named(e.pythonName), e.message, at: ctx.span)
        }
    }
}
