/// Finds and reads regime packs.
public struct PackLoader: Sendable {
  let codes: Codes
  let workingDirectory: String

  /// Creates a loader; display paths are relative to `workingDirectory`.
  public init(codes: Codes, workingDirectory: String) {
    self.codes = codes
    self.workingDirectory = workingDirectory
  }

  /// The shipped `Regimes/` directory: at or above the working directory, or above the executable
  /// (so `swift run` and the built binary find it without setup).
  public static func defaultDirectory(workingDirectory: String, executablePath: String?) -> String? {
    var starts = [workingDirectory]
    if let executablePath, let real = FileSystem.canonical(executablePath) {
      starts.append(FileSystem.directory(of: real))
    }
    for start in starts {
      var current = start
      while true {
        let candidate = current + "/Regimes"
        if FileSystem.isDirectory(candidate), !FileSystem.yamlFiles(under: candidate).isEmpty {
          return candidate
        }
        if current == "/" { break }
        current = FileSystem.directory(of: current)
      }
    }
    return nil
  }

  /// Reads every pack in `locations` (files, or directories of `*.yaml`); packs are sorted by id.
  public func load(_ locations: [String]) -> (packs: [Pack], diagnostics: [Diagnostic]) {
    var packs: [Pack] = []
    var diagnostics: [Diagnostic] = []
    for location in locations {
      let absolute = FileSystem.absolute(location, base: workingDirectory)
      let files = FileSystem.isDirectory(absolute) ? FileSystem.yamlFiles(under: absolute) : [absolute]
      if files.isEmpty || FileSystem.canonical(absolute) == nil {
        diagnostics.append(
          Diagnostic(
            code: "pack.not-found", severity: .error, file: location, mark: nil, message: "no regime packs found here"))
      }
      for file in files {
        let shown = FileSystem.display(file, workingDirectory: workingDirectory)
        guard let bytes = FileSystem.read(file) else {
          diagnostics.append(
            Diagnostic(code: "io.unreadable", severity: .error, file: shown, mark: nil, message: "cannot read the pack")
          )
          continue
        }
        do {
          let document = try YAMLReader().read(bytes)
          let (pack, problems) = PackDecoder(codes: codes).decode(document, file: shown)
          diagnostics += problems
          if let pack {
            if packs.contains(where: { $0.id == pack.id }) {
              diagnostics.append(
                Diagnostic(
                  code: "pack.duplicate-id", severity: .error, file: shown, mark: nil,
                  message: "pack id \(pack.id) is loaded twice"))
            } else {
              packs.append(pack)
            }
          }
        } catch {
          diagnostics.append(error.diagnostic(file: shown))
        }
      }
    }
    var shipped = packs.filter { $0.extends == nil }
    for local in packs where local.extends != nil {
      guard let base = shipped.firstIndex(where: { $0.id == local.extends }) else {
        diagnostics.append(
          Diagnostic(
            code: "pack.unknown-base", severity: .error, file: local.file, mark: nil,
            message:
              "local pack \(local.id) extends `\(local.extends ?? "")`, which is not loaded; list the shipped packs first"
          ))
        continue
      }
      shipped[base].merge(local)
      let known = Set(shipped[base].instruments.map(\.id))
      for rule in local.rules {
        for instrument in rule.instruments where !known.contains(instrument.components(separatedBy: " Art.")[0]) {
          diagnostics.append(
            Diagnostic(
              code: "pack.unknown-instrument", severity: .error, file: local.file,
              mark: Mark(line: rule.location.line, column: rule.location.column),
              message: "rule \(rule.id) names unknown instrument `\(instrument)`"))
        }
      }
    }
    return (shipped.sorted { $0.id < $1.id }, diagnostics)
  }
}
