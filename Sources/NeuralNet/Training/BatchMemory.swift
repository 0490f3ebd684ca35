#if canImport(Glibc)
import Glibc
#endif
import SharedLibrary
import Tensor

/// Hands the memory of finished batches back to the system: the buffers Tensor's BufferCache
/// kept for the next batch, then what glibc keeps free in its arenas (with two threads
/// allocating, that grew by about 130 MB an epoch at batch 128 before the cache). fit, evaluate
/// and predict call it when they end, so an idle kernel holds only the tensors still in use.
func releaseBatchMemory() {
    BufferCache.empty()
    #if canImport(Glibc)
    if let trim = mallocTrim { _ = trim(0) }
    #endif
}

#if canImport(Glibc)
/// glibc's `malloc_trim` (declared in malloc.h, which the Glibc module leaves out).
private let mallocTrim: (@convention(c) (Int) -> Int32)? = {
    SharedLibrary.processFunction("malloc_trim", as: (@convention(c) (Int) -> Int32).self)
}()
#endif
