import FoveaLang

/// `keras.utils.PyDataset` (and its older name `Sequence`): the base of a learner's own batch
/// source. A subclass defines `__len__` (batches per epoch) and `__getitem__(index)` (the
/// batch `(x, y)`), and may define `on_epoch_end`; fit, evaluate and predict read it through
/// `SequenceBatches`. Fovea reads batches in order on the kernel's thread, so `workers` and
/// `use_multiprocessing` are accepted and change nothing.
final class PyDatasetObject: FoveaObject {
    var typeName: String { "PyDataset" }
    var doc: String { Self.classDoc }
    var hostClass: AnyHostClass? { Self.binding }

    static let classDoc = """
        The base of your own dataset for fit: subclass it, call super().__init__(**kwargs) in __init__, \
        and define __len__(self) (the number of batches) and __getitem__(self, index) (the batch (x, y)); \
        on_epoch_end(self) runs after every epoch, e.g. to reshuffle.
        """

    static let binding: HostClass<PyDatasetObject> = HostClass<PyDatasetObject>("PyDataset", module: "keras.utils", doc: classDoc, isSubclassable: true)
        .method("on_epoch_end", doc: "Called after every epoch; the base class does nothing.") { _, _, _ in .none }
        .property("workers", doc: "Accepted for Keras's API; Fovea reads batches on one thread.") { _, _ in .int(1) }
        .property("use_multiprocessing", doc: "Accepted for Keras's API; always False in Fovea.") { _, _ in .bool(false) }

    static func typeValue(_ name: String) -> TypeValue {
        binding.typeValue(constructor: NativeFunction(name, doc: classDoc,
                                                      parameters: [.optional("workers", default: .int(1)),
                                                                   .optional("use_multiprocessing", default: .bool(false)),
                                                                   .optional("max_queue_size", default: .int(10))]) { a, _ in
            _ = a["workers"]; _ = a["use_multiprocessing"]; _ = a["max_queue_size"]
            return .object(PyDatasetObject())
        })
    }
}
