// libFuzzer target for bomcheck's input path: YAML reader -> BOM decoder -> engine.
//
// Not a SwiftPM target (it needs `-sanitize=fuzzer`, an unsafe flag): `Scripts/fuzz` compiles it
// together with the sources of BOMCheckCore into one module, so internal API is visible here.
// The harness never prints; anything that traps, overflows, leaks past the RSS limit or runs past
// the timeout is a finding.

import Foundation

/// The code lists, built once.
let fuzzCodes = Codes()

/// The shipped packs, read once from `$BOMCHECK_FUZZ_REGIMES` (default `Regimes` in the working
/// directory). With no packs the engine still runs, with no rules, so a wrong path is reported.
let fuzzRegimes: RegimeSet = {
  let location = ProcessInfo.processInfo.environment["BOMCHECK_FUZZ_REGIMES"] ?? "Regimes"
  let cwd = FileManager.default.currentDirectoryPath
  let (packs, _) = PackLoader(codes: fuzzCodes, workingDirectory: cwd).load([location])
  precondition(!packs.isEmpty, "no packs found at \(location); set BOMCHECK_FUZZ_REGIMES")
  return RegimeSet(packs: packs)
}()

/// The engine on a fixed day (2026-06-01: both packs in force, some instruments scheduled).
let fuzzEngine = Engine(regimes: fuzzRegimes, asOf: Day(daysSinceEpoch: 20_605))

/// Markets accepted in configurations and waivers: ISO codes and the packs' groups.
let fuzzKnownMarkets = Checker(codes: fuzzCodes).knownMarkets(fuzzRegimes)

/// The most parts the harness hands to the engine.
let fuzzMaxJudgedParts = 5_000

/// The markets an assembly is judged in when the harness wraps it as a product.
let fuzzMarkets = ["US", "CN", "EU", "JP"]

/// Loads the packs and builds the engine before the first input, so that inputs are timed alone.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
  _ argc: UnsafeMutablePointer<CInt>?,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
  _ = fuzzEngine.rules.count + fuzzKnownMarkets.count
  return 0
}

/// Reading with top-level parts handed out in batches gives the same tree, and the items handed out
/// are the first items of the root's `parts` list (what `BOMDecoder.decode(_:file:early:)`
/// relies on, by their marks).
func checkBatches(_ bytes: [UInt8], _ document: YAMLDocument) {
  var handed: [Mark] = []
  guard let again = try? YAMLReader().read(bytes, batch: 2, onItems: { handed += $0.map(\.mark) }) else {
    preconditionFailure("the batched read failed where the plain read succeeded")
  }
  precondition(again.nodeCount == document.nodeCount, "the batched read built another tree")
  guard !handed.isEmpty else { return }
  guard case .mapping(let pairs) = document.root.content,
    let list = pairs.first(where: { $0.key.scalarText == "parts" }), case .sequence(let items) = list.value.content
  else { preconditionFailure("items were handed out but the root has no parts list") }
  precondition(handed.count <= items.count && zip(handed, items).allSatisfy { $0 == $1.mark }, "handed items differ")
}

/// A file's parts, nested, as text, compositions in element order (for comparing two reads).
func canonical(_ parts: [Part], _ indent: String = "") -> String {
  var out = ""
  for part in parts {
    var bare = part
    bare.composition = nil
    bare.parts = []
    out += indent + String(describing: bare) + " composition: "
    out += (part.composition ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    out += "\n" + canonical(part.parts, indent + "  ")
  }
  return out
}

/// The direct reader takes only what the general path reads without a fault, and reads it the same.
func checkDirect(_ bytes: [UInt8], _ decoder: BOMDecoder, _ general: (BOMFile?, [Diagnostic])?) {
  guard let (file, diagnostics) = DirectBOMReader(decoder: decoder, limits: YAMLLimits()).read(bytes, file: "fuzz.yaml")
  else { return }
  guard let general, let expected = general.0 else { preconditionFailure("the direct reader took a file that fails") }
  precondition(diagnostics.isEmpty && general.1.isEmpty, "the direct reader took a file with diagnostics")
  precondition(String(describing: file.header) == String(describing: expected.header), "headers differ")
  precondition(canonical(file.parts) == canonical(expected.parts), "parts differ")
}

/// Feeds one input through every stage that reads untrusted YAML.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let document: YAMLDocument
  do {
    document = try YAMLReader().read(bytes)
  } catch {
    consume([error.diagnostic(file: "fuzz.yaml")])
    var decoder = BOMDecoder(codes: fuzzCodes)
    decoder.marketGroups = MarketGroupNames.known.union(fuzzRegimes.groups.keys)
    checkDirect(bytes, decoder, nil)
    return 0
  }
  checkBatches(bytes, document)
  var decoder = BOMDecoder(codes: fuzzCodes)
  decoder.marketGroups = MarketGroupNames.known.union(fuzzRegimes.groups.keys)
  let (file, diagnostics) = decoder.decode(document, file: "fuzz.yaml")
  consume(diagnostics)
  checkDirect(bytes, decoder, (file, diagnostics))
  // The same document read as a configuration: its licences and waivers become the policy.
  let (config, configDiagnostics) = ConfigDecoder(codes: fuzzCodes).decode(document, file: "fuzz.yaml")
  consume(configDiagnostics)
  consume(PackDecoder(codes: fuzzCodes).decode(document, file: "fuzz.yaml").1)
  guard let file, let product = product(of: file) else { return 0 }
  let loaded = LoadedProduct(
    product: product, file: file.path, parts: file.parts, partCount: file.parts.reduce(0) { $0 + $1.nodeCount })
  // The engine's time is linear in parts (about 0.5 ms a part in this build), and a 1 KB file can
  // alias its way to 100,000 parts; judging those would only trip the timeout without telling
  // anything new, so large products are read and decoded but not judged.
  guard loaded.partCount <= fuzzMaxJudgedParts else { return 0 }
  let policy = Policy(licences: config.licences, waivers: config.waivers)
  let (result, findings) = fuzzEngine.evaluate(loaded, extraMarkets: config.markets, policy: policy)
  precondition(result.partCount == loaded.partCount, "part count changed in the engine")
  for finding in findings { _ = finding.fingerprint }
  let validator = ConfigValidator(regimes: fuzzRegimes, known: fuzzKnownMarkets, asOf: fuzzEngine.asOf)
  consume(
    validator.validate(config) + validator.waiverDiagnostics(config.waivers + product.waivers, findings: findings))
  return 0
}

/// The product of a product file; an assembly is wrapped as a product sold to ``fuzzMarkets``, so
/// that the engine also judges assemblies.
func product(of file: BOMFile) -> Product? {
  switch file.header {
  case .product(let product):
    return product
  case .assembly(let assembly):
    let location = assembly.location
    return Product(
      id: assembly.id, name: assembly.name, revision: nil, assembledIn: nil,
      markets: fuzzMarkets.map { ($0, location) }, endUse: .civil, endUseDeclared: false, unitValue: nil,
      waivers: [], location: location)
  }
}

/// Renders diagnostics as the CLI would, so that message building is exercised too.
func consume(_ diagnostics: [Diagnostic]) {
  for diagnostic in diagnostics.sorted() { _ = diagnostic.description }
}
