import Glibc
import Testing

/// The tutorial's data preparation on the real Fashion-MNIST (`Fixtures/datasets/tutorial.py`,
/// same format as the run fixtures), when Debian's dataset-fashion-mnist is installed.
@Suite("Dataset tutorial")
struct DatasetTutorialTests {
    @Test("load_data, reshape, astype, / 255.0, [..., None], expand_dims, argmax, mean",
          .enabled(if: access("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", R_OK) == 0))
    func tutorial() {
        for p in runFixtures.run("../datasets/tutorial.py") { Issue.record(Comment(rawValue: p)) }
    }
}
