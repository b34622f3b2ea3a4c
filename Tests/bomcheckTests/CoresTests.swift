import Foundation
import Testing

@testable import bomcheck

/// The number of worker tasks follows the cores the process may run on.
@Suite struct CoresTests {
  @Test(
    arguments: [
      ("0", 1), ("\t0-1", 2), ("0-3,8,10-11", 7), ("5", 1), ("", nil), ("a", nil), ("3-1", nil), ("0-1-2", nil),
    ] as [(String, Int?)])
  func linuxCPUListsAreCounted(list: String, count: Int?) {
    #expect(cpuCount(list: Substring(list)) == count)
  }

  @Test func availableCoresAreWithinTheProcessorCount() {
    let cores = availableCores()
    #expect(cores >= 1 && cores <= ProcessInfo.processInfo.activeProcessorCount)
  }
}
