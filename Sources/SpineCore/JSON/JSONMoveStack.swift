// The growable stack the JSON parser builds containers on: runs leave it by moving, not copying.

/// A stack whose top run moves into a new array without copying its elements (no retain and
/// release per element, as `Array(stack[base...])` plus `removeSubrange` would cost).
final class MoveStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity = 64
    private(set) var count = 0

    init() { storage = .allocate(capacity: capacity) }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func push(_ element: consuming Element) {
        if count == capacity {
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// The elements from index `start` to the top, in order; the stack keeps those below.
    func pop(from start: Int) -> [Element] {
        let moved = count - start
        guard moved > 0 else { return [] }
        let source = storage + start
        count = start
        return [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: moved)
            initialized = moved
        }
    }
}
