import OutcryCore
import OutcryText

/// A term's identity in the statistics: FNV-1a of its UTF-8 (a Latin phrase with one space
/// between its words). Counting by id keeps the per-post cost free of string allocation; the
/// text is kept only where it is shown (a spike's vocabulary).
public typealias TermID = UInt64

/// A post's distinct term ids (``TermScanner/terms(ofFolded:complaint:)``).
public struct PostTerms: Sendable, Hashable {
    /// Every term, in text order, repeats included: the topic's vocabulary counts them.
    public var all: [TermID]
    /// A complaint's theme terms, likewise (nil for a post that is not a complaint).
    public var themes: [TermID]?
}

/// The terms of folded text, as ``TermStatistics/terms(ofFolded:)`` defines them, found in one
/// pass over the UTF-8 bytes: Chinese n-grams of 2…``TermStatistics/maxGram`` characters
/// inside a run of Han characters, Latin words (2+ characters, or numbers) and two-word phrases.
public enum TermScanner {
    /// The id of a term given as text.
    public static func id(of term: String) -> TermID {
        FNV1a.hash(term)
    }

    /// The distinct term ids of a post, sorted.
    public static func ids(ofFolded text: String) -> [TermID] {
        var all = terms(ofFolded: text, complaint: false).all
        return sortedUnique(&all)
    }

    /// A post's term ids, and for a complaint those a theme is read from (``ComplaintThemes``):
    /// Chinese n-grams of at most ``ComplaintThemes/maxHanGram`` characters, and every Latin word
    /// and phrase — found in the same pass, in text order, repeats included (their counters count
    /// a post's term once, so nothing is sorted).
    public static func terms(ofFolded text: String, complaint: Bool) -> PostTerms {
        // Its own small closure, not ``collect``: this runs for every matching post, and the
        // scan inlines around a closure this size (through collect: +2% of `outcry score`, perf).
        var text = text
        var all: [TermID] = []
        var themes: [TermID] = []
        let maxHanGram = ComplaintThemes.maxHanGram
        text.withUTF8 { u in
            // At most one term per byte (a Han character of three bytes starts three n-grams):
            // one allocation each instead of a dozen regrowths.
            all.reserveCapacity(u.count)
            if complaint { themes.reserveCapacity(u.count) }
            scan(u) { id, _, _, characters in
                all.append(id)
                if complaint, characters <= maxHanGram { themes.append(id) }
            }
        }
        return PostTerms(all: all, themes: complaint ? themes : nil)
    }

    private static func sortedUnique(_ out: inout [TermID]) -> [TermID] {
        out.withUnsafeMutableBufferPointer { sortInPlace($0) }
        var unique = 0
        for i in out.indices where i == 0 || out[i] != out[i - 1] {
            out[unique] = out[i]
            unique += 1
        }
        out.removeLast(out.count - unique)
        return out
    }

    /// Sorts ids in place, without the scratch buffer of the standard library's stable sort:
    /// order among equal ids does not matter, and this runs once per matching post.
    static func sortInPlace(_ a: UnsafeMutableBufferPointer<TermID>) {
        var stack: [(Int, Int)] = [(0, a.count - 1)]
        while let (low, high) = stack.popLast() {
            if high - low < 16 {
                guard low < high else { continue }
                for i in (low + 1)...high {
                    let v = a[i]
                    var j = i - 1
                    while j >= low, a[j] > v { a[j + 1] = a[j]; j -= 1 }
                    a[j + 1] = v
                }
                continue
            }
            // Hoare partition around the median of three.
            let mid = low + (high - low) / 2
            if a[mid] < a[low] { a.swapAt(mid, low) }
            if a[high] < a[low] { a.swapAt(high, low) }
            if a[high] < a[mid] { a.swapAt(high, mid) }
            let pivot = a[mid]
            var i = low, j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if low < j { stack.append((low, j)) }
            if i < high { stack.append((i, high)) }
        }
    }

    /// The distinct terms of a post with their text (for a spike's vocabulary, which names them).
    public static func named(ofFolded text: String) -> [TermID: String] {
        collect(text, complaint: nil).named
    }

    /// Both of the above from one pass: a complaint during an open spike needs its themes and
    /// its named terms.
    public static func termsAndNamed(ofFolded text: String, complaint: Bool) -> (terms: PostTerms, named: [TermID: String]) {
        let found = collect(text, complaint: complaint)
        return (found.terms!, found.named)
    }

    /// One scan, gathering the distinct terms' text and, when `complaint` is given, the ids (with
    /// a complaint's themes).
    private static func collect(_ text: String, complaint: Bool?) -> (terms: PostTerms?, named: [TermID: String]) {
        var text = text
        var all: [TermID] = []
        var themes: [TermID] = []
        var named: [TermID: String] = [:]
        let counting = complaint != nil, theming = complaint == true
        let maxHanGram = ComplaintThemes.maxHanGram
        text.withUTF8 { u in
            scan(u) { id, first, second, characters in
                if counting {
                    all.append(id)
                    if theming, characters <= maxHanGram { themes.append(id) }
                }
                guard named[id] == nil else { return }
                var bytes = Array(u[first])
                if let second {
                    bytes.append(0x20)
                    bytes.append(contentsOf: u[second])
                }
                named[id] = String(decoding: bytes, as: UTF8.self)
            }
        }
        return (counting ? PostTerms(all: all, themes: theming ? themes : nil) : nil, named)
    }

    /// Calls `body` for every term occurrence with its id, the byte range of its text (two
    /// ranges, joined by a space, for a Latin phrase) and, for a Chinese n-gram, its number of
    /// characters (0 for a Latin word or phrase).
    static func scan(_ u: UnsafeBufferPointer<UInt8>, _ body: (TermID, Range<Int>, Range<Int>?, Int) -> Void) {
        let maxGram = TermStatistics.maxGram
        var han: [Int] = []          // byte offsets of the Han characters of the current run, plus its end
        han.reserveCapacity(u.count / 3 + 1)
        var wordStart = -1, wordScalars = 0, wordIsNumber = true
        var previous: Range<Int>?    // the last word, while a phrase can still continue from it
        var previousHash = FNV1a()

        func flushHan(end: Int) {
            defer { han.removeAll(keepingCapacity: true) }
            guard han.count >= 2 else { return }
            han.append(end)
            let characters = han.count - 1
            for i in 0..<(characters - 1) {
                var h = FNV1a()
                h.add(u[han[i]..<han[i + 1]])
                for n in 2...maxGram where i + n <= characters {
                    h.add(u[han[i + n - 1]..<han[i + n]])
                    body(h.value, han[i]..<han[i + n], nil, n)
                }
            }
        }
        func flushWord(end: Int) {
            guard wordStart >= 0 else { return }
            let range = wordStart..<end
            var h = FNV1a()
            h.add(u[range])
            if wordScalars >= 2 || wordIsNumber { body(h.value, range, nil, 0) }
            if let p = previous {
                var phrase = previousHash
                phrase.add(0x20)
                phrase.add(u[range])
                body(phrase.value, p, range, 0)
            }
            previous = range
            previousHash = h
            wordStart = -1
        }

        var i = 0
        while i < u.count {
            let b = u[i]
            let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            let end = min(u.count, i + length)
            var v = UInt32(length == 1 ? b : b & (0xFF >> (length + 1)))
            for k in (i + 1)..<end { v = (v << 6) | UInt32(u[k] & 0x3F) }
            if Tokenizer.isHan(v) {
                flushWord(end: i)
                previous = nil
                han.append(i)
            } else if Tokenizer.isWordScalar(v) {
                flushHan(end: i)
                if wordStart < 0 { wordStart = i; wordScalars = 0; wordIsNumber = true }
                wordScalars += 1
                if wordIsNumber, v < 0x80 ? !(0x30...0x39).contains(v) : Unicode.Scalar(v)?.properties.numericType == nil {
                    wordIsNumber = false
                }
            } else {
                flushHan(end: i)
                flushWord(end: i)
                // Punctuation other than a space ends a phrase.
                if v != 0x20 { previous = nil }
            }
            i = end
        }
        flushHan(end: u.count)
        flushWord(end: u.count)
    }
}
