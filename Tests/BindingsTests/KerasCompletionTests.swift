import Testing
import FoveaLang

@Suite("Keras completion and inspection")
struct KerasCompletionTests {
    func session(_ setup: String = "") -> Session {
        let s = makeSession()
        if !setup.isEmpty { _ = s.execute(setup, executionCount: 1) }
        return s
    }

    @Test func kerasLayersCompleteAndDocumentThemselves() {
        let s = session("from tensorflow.keras import layers\nfrom tensorflow.keras.layers import Conv2D")
        let matches = s.complete("layers.", cursor: 7).matches
        for name in ["Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dropout", "BatchNormalization", "GlobalAveragePooling2D"] {
            #expect(matches.contains(name))
        }
        #expect(s.complete("layers.Max", cursor: 10).matches == ["MaxPool2D", "MaxPooling2D", "Maximum"])
        let doc = s.inspect("Conv2D", cursor: 6, detailLevel: 0) ?? ""
        #expect(doc.contains("Conv2D(filters, kernel_size, strides=(1, 1), padding='valid', activation=None"))
        #expect(doc.contains("(kh x kw x in + 1) x filters parameters"))
        #expect(s.inspect("layers.Dense(", cursor: 13, detailLevel: 0)?.contains("Dense(units") == true)
    }
}
