import Foundation

/// A surge of mentions of one topic above its learned baseline, from opening to closing.
public struct Spike: Sendable, Hashable, Codable, Identifiable {
    public enum State: String, Sendable, Codable { case open, closed }

    /// Stable across re-runs over the same data: topic and start time.
    public var id: String
    public var topic: String
    /// When the surge began (the first bucket of the run of above-baseline buckets).
    public var start: Date
    /// When the detector decided it was a spike.
    public var detectedAt: Date
    public var severity: Severity
    public var state: State
    /// Surprise of the current window, as -log10 of its Poisson tail probability.
    public var score: Double
    /// Mentions in the detection window, and what the baseline expected there.
    public var volume: Int
    public var baseline: Double
    /// Share of the window's mentions classified as complaints.
    public var negativeShare: Double
    /// Complaints the window would usually hold: the topic's usual complaints for the hour, or its
    /// usual share of the window's mentions if that is more. A busy brand's outcry can stay a
    /// small share of its mentions; set beside ``complaints``, this shows it.
    public var usualComplaints: Double
    /// Sum of the followers of the window's authors.
    public var reach: Int
    public var topTerms: [String]
    /// Post ids, highest reach first.
    public var samplePosts: [String]
    public var peakVolume: Int
    public var peakAt: Date
    /// The window's complaints at the peak and what it would usually have held then: whether
    /// the loudest half hour was an outcry or ordinary talk. Nil when not recorded (a spike
    /// stored before peaks kept them).
    public var peakComplaints: Int?
    public var peakUsualComplaints: Double?
    public var closedAt: Date?

    public init(id: String, topic: String, start: Date, detectedAt: Date, severity: Severity, state: State = .open,
                score: Double, volume: Int, baseline: Double, negativeShare: Double, usualComplaints: Double = 0, reach: Int,
                topTerms: [String] = [], samplePosts: [String] = [], peakVolume: Int = 0, peakAt: Date? = nil,
                peakComplaints: Int? = nil, peakUsualComplaints: Double? = nil, closedAt: Date? = nil) {
        self.id = id
        self.topic = topic
        self.start = start
        self.detectedAt = detectedAt
        self.severity = severity
        self.state = state
        self.score = score
        self.volume = volume
        self.baseline = baseline
        self.negativeShare = negativeShare
        self.usualComplaints = usualComplaints
        self.reach = reach
        self.topTerms = topTerms
        self.samplePosts = samplePosts
        self.peakVolume = peakVolume
        self.peakAt = peakAt ?? detectedAt
        self.peakComplaints = peakComplaints
        self.peakUsualComplaints = peakUsualComplaints
        self.closedAt = closedAt
    }

    /// Complaints in the detection window.
    public var complaints: Int { Self.complaints(share: negativeShare, of: volume) }

    /// The complaints a window of `volume` mentions held, from their share (what spikes and
    /// alerts keep).
    public static func complaints(share: Double, of volume: Int) -> Int { Int((share * Double(volume)).rounded()) }

    /// "complaints 28 vs 3.2 usual": how the dashboard and the timeline say it, as alerts do.
    public static func complaintsClause(_ complaints: Int, usual: Double) -> String {
        "complaints \(complaints) vs \(String(format: "%.1f", usual)) usual"
    }

    /// The deterministic id for a spike of `topic` starting at `start`.
    public static func makeID(topic: String, start: Date) -> String {
        "S-\(topic)-\(Int(start.timeIntervalSince1970))"
    }
}

/// Something that happened to a spike, kept for the timeline.
public struct SpikeEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case opened, escalated, peaked, closed }
    public var spikeID: String
    public var at: Date
    public var kind: Kind
    public var severity: Severity
    public var volume: Int
    /// The window's complaints and what it would usually hold, when the step was taken: a busy
    /// brand's outcry is raised by its complaints while its volume looks ordinary, and the timeline
    /// says so. A peak has its window's at the peak. Nil for closes, and for steps stored before
    /// these were kept.
    public var complaints: Int?
    public var usualComplaints: Double?

    public init(spikeID: String, at: Date, kind: Kind, severity: Severity, volume: Int,
                complaints: Int? = nil, usualComplaints: Double? = nil) {
        self.spikeID = spikeID
        self.at = at
        self.kind = kind
        self.severity = severity
        self.volume = volume
        self.complaints = complaints
        self.usualComplaints = usualComplaints
    }

    /// An opening or an escalation of `spike` as it stands at `at`, with its window's figures.
    public static func step(_ kind: Kind, of spike: Spike, at: Date) -> SpikeEvent {
        SpikeEvent(spikeID: spike.id, at: at, kind: kind, severity: spike.severity, volume: spike.volume,
                   complaints: spike.complaints, usualComplaints: spike.usualComplaints)
    }

    /// The peak of a closed `spike`: its loudest window's figures, at the time it was reached.
    public static func peak(of spike: Spike) -> SpikeEvent {
        SpikeEvent(spikeID: spike.id, at: spike.peakAt, kind: .peaked, severity: spike.severity, volume: spike.peakVolume,
                   complaints: spike.peakComplaints, usualComplaints: spike.peakUsualComplaints)
    }
}
