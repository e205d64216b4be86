import Foundation
import OutcryStorage

/// Every topic's mention count per 10-minute bucket over a trailing window, kept between
/// refreshes of a live dashboard.
///
/// Reading a day of buckets for a thousand topics every second is most of a refresh, yet posts
/// land in the newest buckets. So a refresh re-reads only the last 20 minutes of buckets, and
/// the whole window again once `fullEvery` has passed (or when the clock jumps): a late post that
/// changed an older bucket shows within that time.
public final class BucketWindow: @unchecked Sendable {
    private var counts: [String: [Double: Int]] = [:]
    private var coveredFrom: Date?
    private var coveredTo: Date?
    private var fullReadAt: Date?
    private let fullEvery: TimeInterval
    private let lock = NSLock()

    public init(fullEvery: TimeInterval = 60) {
        self.fullEvery = fullEvery
    }

    /// Brings the window to [from, to) as of the wall clock `wall`.
    func refresh(store: any Store, from: Date, to: Date, wall: Date) throws {
        lock.lock()
        defer { lock.unlock() }
        // Partial when the window only moved forward (however far: a replayed clock runs fast)
        // and the last full read is recent; buckets that fell out of the window are ignored by
        // the readers and dropped at the next full read.
        let partial = coveredFrom.map { $0 <= from } == true && coveredTo.map { $0 <= to } == true
            && fullReadAt.map { wall.timeIntervalSince($0) < fullEvery && wall >= $0 } == true
        // Partial: from 20 minutes before the previous end, which covers the newest buckets and
        // any gap since the previous refresh.
        let readFrom = partial ? coveredTo!.addingTimeInterval(-1200) : from
        if !partial {
            counts = [:]
            fullReadAt = wall
        }
        for x in try store.bucketCounts(from: readFrom, to: to) {
            counts[x.topic, default: [:]][x.start.timeIntervalSince1970] = x.count
        }
        (coveredFrom, coveredTo) = (from, to)
    }

    /// The topic's counts per bucket from `start`, `n` buckets of `size` seconds, oldest first.
    func series(topic: String, start: Date, n: Int, size: TimeInterval) -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        var out = [Int](repeating: 0, count: n)
        for (t, c) in counts[topic] ?? [:] {
            let i = Int((t - start.timeIntervalSince1970) / size)
            if t >= start.timeIntervalSince1970, i < n { out[i] += c }
        }
        return out
    }

    /// The topic's mentions over the buckets starting in [from, to).
    func total(topic: String, from: Date, to: Date) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let (a, b) = (from.timeIntervalSince1970, to.timeIntervalSince1970)
        return (counts[topic] ?? [:]).reduce(0) { $0 + ($1.key >= a && $1.key < b ? $1.value : 0) }
    }
}
