import OutcryCore
import OutcryPipeline
import Testing

/// Expects loading the sources file at `path` to fail with an `InputError` whose message
/// contains `message` (file, line, field and problem, as a user sees them).
func expectConfigError(_ path: String, containing message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try SourcesConfig.load(path)
        Issue.record("expected an error containing \(message)", sourceLocation: sourceLocation)
    } catch let e as InputError {
        #expect(e.description.contains(message), "\(e.description)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
}
