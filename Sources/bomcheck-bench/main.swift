// The parse-only pass of the benchmark (Scripts/bench): reads every *.yaml/*.yml file under the
// given directories with bomcheck's libyaml reader and nothing else, so the harness can compare a
// full `bomcheck check` with the floor of parsing the same bytes.
//
// With `--events` first, it only pulls libyaml's events over the files and builds nothing (the
// floor under any reader: Scripts/bench prints the check's ratio to it as well).
//
// With `--check` first, it runs the whole check instead (one thread, JSON report spilled and
// streamed to /dev/null, as `bomcheck check --format json` does): Scripts/profile runs that under
// valgrind's callgrind, which cannot run the async `bomcheck` executable.
import BOMCheckCore
import BOMCheckReporters
import CLibYAML
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
let eventsOnly = arguments.first == "--events"
if eventsOnly { arguments.removeFirst() }
if arguments.first == "--check" {
  arguments.removeFirst()
  let here = FileManager.default.currentDirectoryPath
  var request = CheckRequest(
    paths: arguments, workingDirectory: here, asOf: Day("2026-11-25") ?? Day(daysSinceEpoch: 0), toolVersion: "bench")
  request.packLocations = ["Regimes"]
  request.renderFindings = JSONReporter.findingsFragment
  let report = try Checker().run(request)
  guard let sink = FileHandle(forWritingAtPath: "/dev/null") else { exit(2) }
  try JSONReporter().write(report) { sink.write(Data($0)) }
  print("checked \(report.summary.files) files, \(report.summary.parts) parts, \(report.findingStats.total) findings")
  exit(0)
}

var files: [String] = []
for root in arguments {
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
  if eventsOnly {
    let events = libyamlEvents([UInt8](data))
    if events < 0 { failures += 1 } else { nodes += events }
    continue
  }
  do {
    nodes += try reader.read([UInt8](data)).nodeCount
  } catch {
    failures += 1
  }
}
print("parsed \(files.count) files, \(nodes) \(eventsOnly ? "events" : "nodes"), \(failures) failures")

/// The number of libyaml events in `bytes` (-1 on a parse error), and nothing else.
func libyamlEvents(_ bytes: [UInt8]) -> Int {
  var parser = yaml_parser_t()
  guard yaml_parser_initialize(&parser) == 1 else { return -1 }
  defer { yaml_parser_delete(&parser) }
  return bytes.withUnsafeBufferPointer { buffer in
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    var event = yaml_event_t()
    var count = 0
    while true {
      guard yaml_parser_parse(&parser, &event) == 1 else { return -1 }
      let done = event.type == YAML_STREAM_END_EVENT
      yaml_event_delete(&event)
      if done { return count }
      count += 1
    }
  }
}
