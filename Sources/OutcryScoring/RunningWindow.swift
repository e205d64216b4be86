import Foundation

/// Running totals of a topic's mentions in its detector window, the last `seconds` up to the
/// newest mention: each mention is added once when it comes and taken out once when it ages out.
///
/// The detector reads the window at every mention; counted from the remembered posts each time,
/// a read costs as many steps as the window holds, so a topic's loudest half hour — an outcry's
/// thousands of comments — was its slowest. These totals make the read constant-time. They hold
/// only while mentions come in time order (as `score`, `replay` and one source's polls give
/// them); after one that does not, every read counts from the posts again.
struct RunningWindow: Sendable {
    let seconds: TimeInterval
    /// Index in ``TopicTracker/recent`` of the oldest mention still counted.
    var tail = 0
    var count = 0, complaints = 0, praise = 0, reach = 0
    /// Where the last read ended: an earlier one (a look back) is counted from the posts instead.
    var end = Date.distantPast
    var inOrder = true

    init(seconds: TimeInterval) { self.seconds = seconds }

    /// Adds (`sign` 1) or takes out (-1) one mention.
    mutating func count(_ r: TopicTracker.Recent, _ sign: Int) {
        count += sign
        if r.complaint { complaints += sign }
        if r.praise { praise += sign }
        reach += sign * max(r.followers, 1)
    }
}
