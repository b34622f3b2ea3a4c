// The parse-only pass of the benchmark (Scripts/bench): reads every *.yaml/*.yml file under the
// given directories with bomcheck's libyaml reader and nothing else, so the harness can compare a
// full `bomcheck check` with the floor of parsing the same bytes.
import BOMCheckCore
import Foundation

var files: [String] = []
for root in CommandLine.arguments.dropFirst() {
  guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
  while let path = walker.nextObject() as? String {
    if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { files.append(root + "/" + path) }
  }
}
files.sort()
var nodes = 0
var failures = 0
let reader = YAMLReader()
for file in files {
  guard let data = FileManager.default.contents(atPath: file) else {
    failures += 1
    continue
  }
  do {
    nodes += try reader.read([UInt8](data)).nodeCount
  } catch {
    failures += 1
  }
}
print("parsed \(files.count) files, \(nodes) nodes, \(failures) failures")
