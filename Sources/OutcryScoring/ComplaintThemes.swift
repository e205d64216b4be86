import Foundation

/// What a topic's complaints are usually about, and whether its recent ones are about something
/// new: a term (a word, a phrase, a short Chinese n-gram) carried by many of the last half hour's
/// complaints and by few of those the topic had before.
///
/// A busy brand's new story can stay inside the noise of its volume, and even of its complaint
/// count, for an hour or two — ten posts about stolen accounts among a hundred ordinary ones —
/// while no ordinary half hour has ten complaints saying 盗刷. Bursty words are how event
/// detectors for social streams find new stories; counting them among complaints only keeps a
/// celebrity's fans or a sale's chatter from passing for one.
///
/// Each term keeps two exponentially decaying counts of the complaints carrying it — one with the
/// detector's window as its time constant (recent), one with a week (usual) — and so does the
/// topic for all its complaints: one table probe per term per complaint. A term's expected recent
/// count is the recent complaints times its share of the complaints before them (with half a
/// complaint of prior), under a Poisson tail; the surprise is lowered by log10 of the term
/// occurrences in the window (a Bonferroni correction: every term is tested at once).
struct ComplaintThemes: Sendable {
    /// Longest Chinese n-gram a theme is read from (``TermScanner/terms(ofFolded:complaint:)``):
    /// what a complaint is about is a word or two (盗刷, 漫游费), its longer windows repeat it.
    static let maxHanGram = 4
    /// Fewer complaints known than this, and nothing is new: everything is.
    static let minimumKnown = 20.0
    /// Beyond this many terms the least used half is forgotten.
    static let capacity = 20_000

    private let recentSeconds: TimeInterval
    private let usualSeconds: TimeInterval = 7 * 86_400
    /// Counts are stored scaled by exp((t − reference) / τ), so a new complaint adds one number
    /// per term and nothing decays until read; rescaled before the factors grow large.
    private var reference: Date?
    private struct Counts: Sendable {
        var recent = 0.0
        var usual = 0.0
        /// The complaint that counted it last: a term twice in one complaint counts once.
        var complaint: UInt32 = 0
    }
    private var table = TermTable(capacity: 512, empty: Counts())
    private var complaints: UInt32 = 0
    private var complaintsRecent = 0.0
    private var complaintsUsual = 0.0

    init(windowSeconds: TimeInterval) {
        recentSeconds = windowSeconds
    }

    private func scales(at time: Date) -> (recent: Double, usual: Double) {
        let dt = reference.map { time.timeIntervalSince($0) } ?? 0
        return (exp(dt / recentSeconds), exp(dt / usualSeconds))
    }

    /// Counts a complaint's terms (in any order, repeats allowed).
    mutating func add(_ terms: [TermID], at time: Date) {
        if reference == nil { reference = time }
        if time.timeIntervalSince(reference!) > 50 * recentSeconds { rescale(to: time) }
        let (r, u) = scales(at: time)
        complaintsRecent += r
        complaintsUsual += u
        complaints &+= 1
        let stamp = complaints == 0 ? 1 : complaints
        for t in terms {
            let i = table.claim(t)
            guard table[slot: i].complaint != stamp else { continue }
            table[slot: i].complaint = stamp
            table[slot: i].recent += r
            table[slot: i].usual += u
        }
        if table.count > Self.capacity { forgetLeastUsed() }
    }

    /// The most surprising of a complaint's terms that at least `minCount` recent complaints
    /// carry and whose surprise reaches `threshold`, and how many (decayed) carry it; (0, 0) if
    /// none does.
    func surprise(of terms: [TermID], at time: Date, minCount: Int, reaching threshold: Double) -> (score: Double, count: Double) {
        let (r, u) = scales(at: time)
        let recentComplaints = complaintsRecent / r
        let known = complaintsUsual / u - recentComplaints
        guard known >= Self.minimumKnown else { return (0, 0) }
        let correction = log10(max(1, recentComplaints * Double(terms.count)))
        var best = (score: 0.0, count: 0.0)
        for t in terms {
            guard let i = table.slot(of: t) else { continue }
            let k = table[slot: i].recent / r
            guard k >= Double(minCount) else { continue }
            let before = max(0, table[slot: i].usual / u - k)
            let observed = Int(k.rounded()), expected = max(recentComplaints * (before + 0.5) / (known + 1), 1e-9)
            // No more than expected: its surprise is 0 (``PoissonTail``), never the best.
            guard Double(observed) > expected else { continue }
            // P(X ≥ k) ≥ P(X = k): a surprise that cannot reach the threshold is not computed
            // (a busy topic's common terms pass `minCount` with every complaint).
            let atMost = (expected - Double(observed) * log(expected) + lgamma(Double(observed) + 1)) / log(10.0) - correction
            guard atMost >= max(threshold, best.score) else { continue }
            let s = PoissonTail.surprise(observed: observed, expected: expected) - correction
            if s >= threshold, s > best.score { best = (s, k) }
        }
        return best
    }

    private mutating func rescale(to time: Date) {
        let (r, u) = scales(at: time)
        table.modifyValues {
            $0.recent /= r
            $0.usual /= u
        }
        complaintsRecent /= r
        complaintsUsual /= u
        reference = time
    }

    private mutating func forgetLeastUsed() {
        var usual: [Double] = []
        table.forEach { usual.append($1.usual) }
        let floor = usual.sorted(by: >)[Self.capacity / 2]
        table.filter { $1.usual > floor }
    }
}
