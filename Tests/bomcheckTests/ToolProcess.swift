import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `bomcheck` for end-to-end tests with `posix_spawn` and `waitpid`.
///
/// Foundation's `Process.waitUntilExit()` can miss a child's exit on Linux when tests spawn
/// processes in parallel (seen here: a test waited forever on a zombie child), so the tests do not
/// use it.
enum ToolProcess {
  /// Runs `executable` with `arguments` in `directory`, standard output and error to files;
  /// returns the exit status (128 + signal when killed).
  static func run(
    _ executable: String, _ arguments: [String], directory: String, environment: [String: String],
    stdout: String, stderr: String
  ) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    // `env -C DIR` (GNU coreutils) changes directory, as glibc's addchdir is not exposed to Swift.
    let launcher = "/usr/bin/env"
    let argv = ([launcher, "-C", directory, executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, launcher, &actions, nil, argv, envp)
    guard spawned == 0 else { throw CocoaError(.executableLoad) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { throw CocoaError(.executableRuntimeMismatch) }
    }
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}
