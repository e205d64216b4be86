import Foundation
import OutcryCore
import OutcryText

/// Everything the surge detector remembers about one topic.
struct TopicTracker: Sendable {
    struct Recent: Sendable {
        var time: Date
        var postID: String
        var complaint: Bool
        /// No complaint, and positive, or deal talk (``Analysis/promotion``) that is not negative.
        var praise: Bool
        var followers: Int
        /// The folded text, from which a new spike seeds its vocabulary.
        var folded: String
    }

    /// What a sliding window of the topic's mentions holds.
    struct Window: Equatable {
        var count: Int
        var complaints: Int
        var praise: Int
        var reach: Int
        /// The earliest mention in it.
        var first: Date?
    }

    struct ClosedBucket: Sendable {
        var count: Int
        var expected: Double
        var firstAt: Date?
        var start: Date
    }

    let topic: Topic
    let excludedTerms: Set<String>
    /// The topic's normal volume, learned a guard interval late.
    var model: VolumeModel
    /// The same for its complaint mentions alone: on a busy topic a complaint surge can hide in
    /// the noise of everything else said about it.
    var complaintModel: VolumeModel
    /// What its complaints are usually about.
    var themes: ComplaintThemes
    var bucket: Bucket
    var bucketFirstAt: Date?
    /// The current bucket's mentions that are praise (``Recent/praise``), and their usual share.
    var bucketPraise = 0
    var praiseShare: UsualShare
    var history: [ClosedBucket] = []
    /// Posts of the last few hours, oldest first: the window and the spike-start search read it.
    var recent: [Recent] = []
    var recentHead = 0
    /// The detector window's totals over `recent`, kept as mentions come and go.
    private var running: RunningWindow
    var vocabulary = TermStatistics()
    var spikeVocabulary = TermStatistics()
    var spike: Spike?
    /// When the topic's last spike closed: its tail is not yet in the baseline for a while.
    var lastClosedAt: Date?
    /// Whether the open spike's window has held a complaint surge's share of complaints (with a
    /// spike's volume): then its hours, and what led to them, are never learned.
    var spikeComplained = false
    var quietBuckets = 0
    var samples: [(id: String, followers: Int)] = []

    init(topic: Topic, normalizer: Normalizer, config: DetectorConfig, utcOffset: Int, start: Date) {
        self.topic = topic
        excludedTerms = Set(topic.terms.map { normalizer.fold($0) })
        model = VolumeModel(config: config, utcOffset: utcOffset)
        complaintModel = model
        themes = ComplaintThemes(windowSeconds: config.windowSeconds)
        running = RunningWindow(seconds: config.windowSeconds)
        praiseShare = UsualShare(memory: 7 * 86_400 / config.bucketSeconds)
        bucket = Bucket(topic: topic.id, start: start)
    }

    /// Both models take a closed bucket to learn.
    mutating func learn(_ b: Bucket, since first: Date) {
        model.close(count: b.count, start: b.start, since: first)
        complaintModel.close(count: b.complaints, start: b.start, since: first)
    }

    /// Notes whether the open spike's window now holds a complaint surge's share of complaints:
    /// the first time it does, both models forget what waits to be learned (its run-up).
    mutating func noteComplaints(_ complaining: Bool) {
        guard complaining, !spikeComplained else { return }
        spikeComplained = true
        forgetPending()
    }

    /// Both models forget what waits to be learned (``VolumeModel/forgetPending()``).
    mutating func forgetPending() {
        model.forgetPending()
        complaintModel.forgetPending()
    }

    /// Both models stop or start learning (``VolumeModel/pause()``).
    mutating func setLearningPaused(_ paused: Bool) {
        if paused {
            model.pause()
            complaintModel.pause()
        } else {
            model.resume()
            complaintModel.resume()
        }
    }

    mutating func remember(_ r: Recent, keep: TimeInterval) {
        if let last = recent.last, r.time < last.time { running.inOrder = false }
        recent.append(r)
        running.count(r, 1)
        let horizon = r.time.addingTimeInterval(-keep)
        while recentHead < recent.count, recent[recentHead].time < horizon { recentHead += 1 }
        while running.tail < recentHead {
            running.count(recent[running.tail], -1)
            running.tail += 1
        }
        if recentHead > 4096 {
            recent.removeFirst(recentHead)
            running.tail -= recentHead
            recentHead = 0
        }
    }

    /// Mentions, complaints, praise and reach in (time - seconds, time]. The detector's own
    /// window, read forward in time at or after the newest mention, comes from running totals
    /// (``RunningWindow``); any other is counted from `recent`.
    mutating func window(endingAt time: Date, seconds: TimeInterval) -> Window {
        guard running.inOrder, seconds == running.seconds, time >= running.end, let newest = recent.last?.time, time >= newest else {
            return countedWindow(endingAt: time, seconds: seconds)
        }
        let from = time.addingTimeInterval(-seconds)
        while running.tail < recent.count, recent[running.tail].time <= from {
            running.count(recent[running.tail], -1)
            running.tail += 1
        }
        running.end = time
        let w = Window(count: running.count, complaints: running.complaints, praise: running.praise, reach: running.reach,
                       first: running.tail < recent.count ? recent[running.tail].time : nil)
        assert(w == countedWindow(endingAt: time, seconds: seconds), "running window drifted from the posts it counts")
        return w
    }

    /// ``window(endingAt:seconds:)`` counted from `recent`, newest first, changing nothing.
    func countedWindow(endingAt time: Date, seconds: TimeInterval) -> Window {
        let from = time.addingTimeInterval(-seconds)
        var count = 0, complaints = 0, praise = 0, reach = 0
        var first: Date?
        var i = recent.count - 1
        while i >= recentHead, recent[i].time > from {
            if recent[i].time <= time {
                count += 1
                if recent[i].complaint { complaints += 1 }
                if recent[i].praise { praise += 1 }
                reach += max(recent[i].followers, 1)
                first = recent[i].time
            }
            i -= 1
        }
        return Window(count: count, complaints: complaints, praise: praise, reach: reach, first: first)
    }

    mutating func addSample(id: String, followers: Int, limit: Int = 5) {
        guard !samples.contains(where: { $0.id == id }) else { return }
        samples.append((id, followers))
        samples.sort { $0.followers != $1.followers ? $0.followers > $1.followers : $0.id < $1.id }
        if samples.count > limit { samples.removeLast(samples.count - limit) }
    }
}
