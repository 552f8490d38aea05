#if canImport(CSitegenAllocator)
import CSitegenAllocator
#endif

/// The allocator settings that depend on the command (jemalloc on Linux; nothing elsewhere).
enum Allocator {
    /// For `serve` and `build --watch`, which live on between builds: freed memory goes back at once, so a long
    /// session does not keep each rebuild's garbage (a 10,000-article `--watch` session after 14 edits: 251 MiB
    /// instead of 294). A one-shot build keeps jemalloc's delay, which saves it work.
    static func returnMemoryPromptly() {
        #if canImport(CSitegenAllocator)
        sitegen_allocator_return_memory_promptly()
        #endif
    }
}
