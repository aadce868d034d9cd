// The children of the open elements during a parse, in memory the builder manages itself.

/// All open elements' children in one buffer, innermost element's last. A closing element's
/// children are moved out bitwise into one exactly sized array: no per-node retain and release,
/// and no array that grows (and reallocates) child by child. Owned by one `XMLTreeBuilder`,
/// which calls `release()` once when the parse ends.
struct XMLNodeStack {
    private var base: UnsafeMutablePointer<XMLNode>
    private var capacity: Int
    /// The number of nodes held.
    private(set) var count = 0

    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    mutating func append(_ node: consuming XMLNode) {
        if count == capacity {
            let grown = UnsafeMutablePointer<XMLNode>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: node)
        count += 1
    }

    /// Removes the nodes from `start` on and returns them as an array.
    mutating func take(from start: Int) -> [XMLNode] {
        let taken = count - start
        guard taken > 0 else { return [] }
        let source = base + start
        count = start
        return [XMLNode](unsafeUninitializedCapacity: taken) { buffer, initialized in
            buffer.baseAddress?.moveInitialize(from: source, count: taken)
            initialized = taken
        }
    }

    /// Frees the nodes still held and the buffer.
    mutating func release() {
        base.deinitialize(count: count)
        base.deallocate()
        count = 0
        capacity = 0
    }
}
