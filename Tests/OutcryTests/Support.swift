import OutcryTesting

typealias OutcryTestsSupport = Fixtures
