import Foundation
import OutcryCore
import OutcryFeeds
import OutcryHTTP
import OutcryStorage

/// The main job (`outcry run`): polls every configured source when it is due, politely, and
/// feeds what is new through the ``Monitor``. Source state (validators, health, next poll) is
/// committed with the posts it produced, so a restart fetches nothing twice and skips nothing.
public actor LiveJob {
    private let config: SourcesConfig
    private let monitor: Monitor
    private let store: any Store
    private let fetcher = HTTPFetcher()
    private let limiter: HostLimiter
    private var states: [String: SourceState]
    /// Streams listening now, each in a task of its own, and the sessions that have ended and
    /// wait to be ingested: a stream's session (seconds long) never holds up the poll cycle.
    private var listening: [String: Task<Void, Never>] = [:]
    private var heard: [FetchResult] = []
    /// File sources whose last read stopped at ``fileLinesPerPoll`` with more to read: polled
    /// again at once rather than at their interval.
    private var catchingUp: Set<String> = []
    /// Lines of a Post JSONL file taken per poll, so a first read of a large archive holds a
    /// part of it in memory at a time instead of all of it (1 M posts: 870 MB at once).
    public let fileLinesPerPoll: Int

    /// Whether a file source has more to read than its last poll took (`run --once` goes on
    /// polling it until it has read it all).
    public var hasMoreToRead: Bool { !catchingUp.isEmpty }
    /// Transfers in flight at once, across all hosts (each runs on its own thread in libcurl).
    public let maxConcurrentFetches: Int

    public init(config: SourcesConfig, monitor: Monitor, store: any Store, maxConcurrentFetches: Int = 16,
                fileLinesPerPoll: Int = 50_000) throws {
        self.config = config
        self.fileLinesPerPoll = max(1, fileLinesPerPoll)
        self.maxConcurrentFetches = max(1, maxConcurrentFetches)
        self.monitor = monitor
        self.store = store
        var delays: [String: TimeInterval] = [:]
        for s in config.sources { if let u = s.url, let d = s.hostDelay { delays[HTTPFetcher.host(u)] = d } }
        limiter = HostLimiter(defaultDelay: 1, delays: delays)
        let saved = Dictionary(try store.sourceStates().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var states: [String: SourceState] = [:]
        for s in config.sources {
            let url = s.url ?? s.file ?? ""
            var state = saved[s.name] ?? SourceState(id: s.name, url: url, interval: s.policy.initialInterval, nextPollAt: .distantPast)
            if state.url != url {   // the configuration moved the source: start it afresh
                state = SourceState(id: s.name, url: url, interval: s.policy.initialInterval, nextPollAt: .distantPast)
            }
            // Bounds changed since the state was saved: the interval, and a poll it scheduled,
            // follow the new ones (a wait a server asked for, after a failure, stays).
            state.interval = s.policy.clamped(state.interval)
            if state.consecutiveFailures == 0, let last = state.lastAttemptAt {
                state.nextPollAt = min(state.nextPollAt, last.addingTimeInterval(state.interval))
            }
            states[s.name] = state
        }
        self.states = states
    }

    public var sourceStates: [SourceState] { states.values.sorted { $0.id < $1.id } }

    typealias FetchResult = (source: SourcesConfig.Source, outcome: PollOutcome, posts: [Post], state: SourceState)

    /// What one poll cycle fetched, not yet ingested.
    public struct Fetched: Sendable {
        fileprivate let results: [FetchResult]
    }

    /// Polls every source that is due at `now`, concurrently across hosts, and starts a session
    /// on every stream that is due and not already listening; ingests what was polled and the
    /// stream sessions that have ended since. Returns posts ingested.
    @discardableResult
    public func pollDue(at now: Date, force: Bool = false) async throws -> Int {
        try await ingest(fetchDue(at: now, force: force))
    }

    /// The fetching half of ``pollDue(at:force:)``: nothing reaches the monitor, so it may run
    /// while the monitor is busy (`outcry run` fetches its first cycle during the warm-up).
    /// Until ``ingest(_:)`` commits them, the sources' cursors do not move: a crash in between
    /// fetches the same posts again.
    public func fetchDue(at now: Date, force: Bool = false) async -> Fetched {
        let due = config.sources.filter { force || (states[$0.name]?.nextPollAt ?? .distantPast) <= now }
        for source in due where source.isStream && listening[source.name] == nil {
            let state = states[source.name]!
            listening[source.name] = Task {
                let result = await self.fetch(source, state: state)
                self.sessionEnded(result)
            }
        }
        var results: [FetchResult] = []
        await withTaskGroup(of: FetchResult.self) { group in
            var pending = due.filter { !$0.isStream }[...]
            func startNext() {
                guard let source = pending.popFirst() else { return }
                let state = states[source.name]!
                group.addTask { await self.fetch(source, state: state) }
            }
            for _ in 0..<maxConcurrentFetches { startNext() }
            for await r in group {
                results.append(r)
                startNext()
            }
        }
        results += heard
        heard = []
        return Fetched(results: results)
    }

    /// Ingests what ``fetchDue(at:force:)`` fetched. Returns posts ingested.
    @discardableResult
    public func ingest(_ fetched: Fetched) async throws -> Int {
        try await ingest(fetched.results)
    }

    /// Waits for the stream sessions under way to end and ingests them (`run --once`, shutdown).
    @discardableResult
    public func finishStreams() async throws -> Int {
        for task in listening.values { await task.value }
        let ended = heard
        heard = []
        return try await ingest(ended)
    }

    private func sessionEnded(_ result: FetchResult) {
        heard.append(result)
        listening[result.source.name] = nil
    }

    /// Ingests fetched posts and records each source's outcome and health.
    ///
    /// The posts of all sources go to the monitor as one stream in `created_at` order, so a
    /// cycle that brings an hour of several sources (the first after downtime) is counted at
    /// its times, not one source's hour on top of another's.
    ///
    /// A post dated after it arrived (a feed's local times read as UTC: hours ahead) is taken
    /// as posted when it arrived. At its own time it would move the detector hours ahead: the
    /// buckets between closed empty, and every post that follows counted as late.
    private func ingest(_ results: [FetchResult]) async throws -> Int {
        let results = results.sorted { $0.source.name < $1.source.name }
        let arrived = Date()
        var merged: [(post: Post, from: Int)] = []
        for (i, result) in results.enumerated() {
            merged += result.posts.map { post in
                var post = post
                post.createdAt = min(post.createdAt, arrived)
                return (post, i)
            }
        }
        merged.sort { ($0.post.createdAt, $0.from) < ($1.post.createdAt, $1.from) }
        var counted = [Int](repeating: 0, count: results.count)
        // Late against what each source gave before (against the newest post of all for a
        // source's first posts: a new source's backlog).
        let references = results.map(\.state.newestPostAt)
        var newest = references
        for (post, i) in merged {
            newest[i] = max(newest[i] ?? post.createdAt, post.createdAt)
            if try await monitor.ingest(post, onlyTopics: results[i].source.onlyTopics, lateAgainst: references[i]) { counted[i] += 1 }
        }
        for (i, (source, outcome, posts, fetchedState)) in results.enumerated() {
            var state = fetchedState
            state.newestPostAt = newest[i]
            let newItems = counted[i]
            let recorded: PollOutcome
            if case .fetched = outcome { recorded = .fetched(newItems: newItems) } else { recorded = outcome }
            if case .throttled = outcome, !posts.isEmpty { state.lastSuccessAt = Date() }
            let now = Date()
            PollSchedule.record(recorded, on: &state, at: now, policy: source.policy)
            if catchingUp.contains(source.name) { state.nextPollAt = now }
            // A failing or silent source raises its own alert, once per problem.
            if let problem = state.healthProblem(at: now) {
                if state.healthAlertID == nil {
                    state.healthAlertID = try await monitor.raiseSourceAlert(source: source.name, since: problem.since, message: problem.message)
                }
            } else {
                state.healthAlertID = nil
            }
            states[source.name] = state
            try await monitor.record(state)
        }
        return counted.reduce(0, +)
    }

    /// Fetches one source; never throws: every failure becomes an outcome the schedule handles.
    private func fetch(_ source: SourcesConfig.Source, state: SourceState) async -> FetchResult {
        var state = state
        if let file = source.file {
            catchingUp.remove(source.name)
            // A file changes when its modification time does.
            let modified = FileVersion.of(file).map { String($0.modified) }
            if let modified, modified == state.lastModified { return (source, .notModified, [], state) }
            do {
                // Post JSONL: only what was appended since the last read, its mark the cursor.
                let read = try FilePostSource(name: source.name, path: file).read(after: JSONLMark(cursor: state.cursor), limit: fileLinesPerPoll)
                if let mark = read.mark { state.cursor = mark.cursor }
                // Read in part, the file keeps the time it had: the next poll reads on.
                if read.more { catchingUp.insert(source.name) } else { state.lastModified = modified }
                return (source, .fetched(newItems: read.posts.count), read.posts, state)
            } catch {
                return (source, .failed(status: nil, message: String(describing: error)), [], state)
            }
        }
        guard let url = source.url else { return (source, .failed(status: nil, message: "no file or url"), [], state) }
        await limiter.acquire(host: HTTPFetcher.host(url))
        var token: String?
        if let env = source.tokenEnv {
            guard let value = ProcessInfo.processInfo.environment[env], !value.isEmpty else {
                return (source, .failed(status: nil, message: "environment variable \(env) is not set"), [], state)
            }
            token = value
        }
        if source.isStream { return await listen(source, url: url, token: token, state: state) }
        var posts: [Post] = []
        var requestURL = SourceCursor.request(state.movedTo ?? url, version: state.apiVersion, cursor: state.cursor)
        var page = 0
        do {
            while true {
                // Validators belong to the source's own URL, not to catch-up pages.
                var request = page == 0 ? FetchRequest(url: requestURL, etag: state.etag, lastModified: state.lastModified) : FetchRequest(url: requestURL)
                if let token { request.headers["Authorization"] = "Bearer " + token }
                let response = try await fetcher.fetch(request)
                if response.notModified { return (source, .notModified, posts, state) }
                if response.status == 429 || response.status == 503 {
                    return (source, .throttled(status: response.status, retryAfter: PollSchedule.retryAfter(response.headers["retry-after"], now: Date())), posts, state)
                }
                // Mastodon (X-RateLimit-*) and Reddit (X-Ratelimit-*): out of budget means wait for the reset.
                let rateLimitPause = PollSchedule.rateLimitPause(response.headers, now: Date())
                guard (200..<300).contains(response.status) else {
                    return (source, .failed(status: response.status, message: "HTTP \(response.status)"), posts, state)
                }
                let feed = try FeedParser.parse(response.body, source: HTTPFetcher.host(url), contentType: response.headers["content-type"],
                                                baseURL: response.effectiveURL)
                if page == 0 {
                    if let moved = response.movedPermanently, state.cursor == nil { state.movedTo = moved }
                    state.etag = response.headers["etag"] ?? state.etag
                    state.lastModified = response.headers["last-modified"] ?? state.lastModified
                }
                state.apiVersion = feed.version
                state.cursor = SourceCursor.advance(feed, old: state.cursor)
                posts += FeedPostAdapter.posts(from: feed, source: source.name).posts
                if let pause = rateLimitPause {
                    return (source, .throttled(status: response.status, retryAfter: pause), posts, state)
                }
                page += 1
                guard page <= SourceCursor.maxCatchUpPages,
                      let next = SourceCursor.catchUpPage(feed, requestedURL: requestURL, linkHeader: response.headers["link"]) else { break }
                requestURL = next
                await limiter.acquire(host: HTTPFetcher.host(next))
            }
            return (source, .fetched(newItems: posts.count), posts, state)
        } catch {
            return (source, .failed(status: nil, message: String(describing: error)), posts, state)
        }
    }

    /// One bounded session on a stream (Jetstream): listen, parse the events as JSON Lines,
    /// and move the cursor to the newest event, so the next session resumes where this one
    /// stopped. Never throws, like ``fetch(_:state:)``.
    private func listen(_ source: SourcesConfig.Source, url: String, token: String?, state: SourceState) async -> FetchResult {
        var state = state
        var options = WebSocketListener.Options()
        options.duration = source.listenSeconds
        if let token { options.headers["Authorization"] = "Bearer " + token }
        let requestURL = SourceCursor.request(url, version: "bluesky-jetstream", cursor: state.cursor)
        do {
            let session = try await WebSocketListener().listen(url: requestURL, options: options)
            state.apiVersion = "bluesky-jetstream"
            state.cursor = SourceCursor.jetstream(session.messages, old: state.cursor)
            guard !session.messages.isEmpty else { return (source, .fetched(newItems: 0), [], state) }
            var lines: [UInt8] = []
            for m in session.messages { lines += m; lines.append(0x0A) }
            let feed = try FeedParser.parse(Data(lines), source: HTTPFetcher.host(url))
            let posts = FeedPostAdapter.posts(from: feed, source: source.name).posts
            return (source, .fetched(newItems: posts.count), posts, state)
        } catch {
            return (source, .failed(status: nil, message: String(describing: error)), [], state)
        }
    }

    /// Seconds until the next source is due or a stream session waits to be ingested (at most
    /// `cap`); a stream that is listening is not due.
    public func secondsUntilNextPoll(from now: Date, cap: TimeInterval) -> TimeInterval {
        if !heard.isEmpty { return 0 }
        let next = states.values.filter { listening[$0.id] == nil }.map(\.nextPollAt).min() ?? now.addingTimeInterval(cap)
        return max(0, min(cap, next.timeIntervalSince(now)))
    }
}
