import OutcryCore
import OutcryPipeline
import OutcryTesting
import Testing

/// Expects loading the configuration file at `path` (a sources file unless `load` says
/// otherwise) to fail with an `InputError` whose message contains `message` (file, line, field
/// and problem, as a user sees them).
func expectConfigError(_ path: String, containing message: String, sourceLocation: SourceLocation = #_sourceLocation,
                       load: (String) throws -> Void = { _ = try SourcesConfig.load($0) }) {
    do {
        try load(path)
        Issue.record("expected an error containing \(message)", sourceLocation: sourceLocation)
    } catch let e as InputError {
        #expect(e.description.contains(message), "\(e.description)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
}

/// The same, for `text` written as `name` in a fresh directory: one bad snippet per table row.
func expectConfigError(writing text: String, as name: String, containing message: String, sourceLocation: SourceLocation = #_sourceLocation,
                       load: (String) throws -> Void = { _ = try SourcesConfig.load($0) }) throws {
    let path = try Fixtures.temporaryDirectory() + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    expectConfigError(path, containing: message, sourceLocation: sourceLocation, load: load)
}
