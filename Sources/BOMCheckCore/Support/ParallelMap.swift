/// Maps `items` with up to `jobs` concurrent tasks, keeping the order of `items`.
func parallelMap<T: Sendable, R: Sendable>(
  _ items: [T], jobs: Int, _ transform: @escaping @Sendable (T) async -> R
) async -> [R] {
  guard jobs > 1, items.count > 1 else {
    var results: [R] = []
    for item in items { results.append(await transform(item)) }
    return results
  }
  return await withTaskGroup(of: (Int, R).self) { group in
    var results: [R?] = Array(repeating: nil, count: items.count)
    var next = 0
    func start() {
      guard next < items.count else { return }
      let index = next
      let item = items[index]
      group.addTask { (index, await transform(item)) }
      next += 1
    }
    for _ in 0..<min(jobs, items.count) { start() }
    while let (index, result) = await group.next() {
      results[index] = result
      start()
    }
    return results.compactMap { $0 }
  }
}
