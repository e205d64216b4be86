import Foundation
import OutcryFeeds
import OutcryTesting
import Testing

/// Feeds are decoded under every name Python gives a charset, as Python decodes them:
/// `Tests/Fixtures/charsets/decodings.json` (written by `scripts/gen-charsets.py` from Python's
/// codecs) holds, per codec, its labels and a title using every character it defines.
@Suite struct CharsetTests {
    struct Case: Decodable {
        var codec: String
        var labels: [String]
        var text: String
        /// The title in the codec, for codecs that write ASCII as ASCII.
        var title_hex: String?
        /// Whole feeds in the codec, one per label, served with the label as the HTTP charset
        /// (EBCDIC: only cp037's declaration is readable without it).
        var documents_hex: [String: String]?
    }

    static let cases: [Case] = {
        (try? JSONDecoder().decode([Case].self, from: Fixtures.data("charsets/decodings.json"))) ?? []
    }()

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    static func feed(declaring label: String, title: [UInt8]) -> Data {
        Data(Array("<?xml version=\"1.0\" encoding=\"\(label)\"?><rss version=\"2.0\"><channel><title>".utf8) + title
             + Array("</title></channel></rss>".utf8))
    }

    @Test func everyCodecIsCovered() {
        #expect(Self.cases.count >= 85)
        #expect(Self.cases.reduce(0) { $0 + $1.labels.count } >= 380)
    }

    /// Every label of every codec: the feed is decoded as declared (not bozo, not guessed) and the
    /// title is Python's decoding of its bytes, character for character.
    @Test(arguments: cases.map(\.codec))
    func decodesLikePython(_ codec: String) throws {
        let c = try #require(Self.cases.first { $0.codec == codec })
        for label in c.labels {
            let feed: ParsedFeed
            if let title = c.title_hex {
                feed = try FeedParser.parse(Self.feed(declaring: label, title: Self.bytes(title)), source: "\(codec)/\(label)")
            } else {
                let document = Data(Self.bytes(try #require(c.documents_hex?[label])))
                feed = try FeedParser.parse(document, source: "\(codec)/\(label)", contentType: "application/xml; charset=\(label)")
            }
            #expect(feed.title == c.text, "\(codec) as '\(label)'")
            #expect(!feed.bozo, "\(codec) as '\(label)': \(feed.bozoException ?? "")")
        }
    }

    /// Labels fold as Python folds them: case, and runs of punctuation or spaces, do not matter.
    @Test(arguments: ["ISO-8859-7", "iso_8859_7", " iso 8859 7 ", "ISO8859-7", "greek", "ELOT_928"])
    func spellingsOfOneLabelAgree(_ label: String) throws {
        let feed = try FeedParser.parse(Self.feed(declaring: label, title: [0xC4, 0xE5]), source: label)
        #expect(feed.title == "Δε")
        #expect(!feed.bozo)
    }

    /// A Korean feed declaring Microsoft's name for its charset, with a syllable only the Windows
    /// extension (Unified Hangul Code) has: decoded as browsers decode it, not guessed at.
    @Test func koreanUnderMicrosoftsLabelIsWindows949() throws {
        let title = "똠방각하 고객센터 불만"
        let euc: [UInt8] = [0x8C, 0x63, 0xB9, 0xE6, 0xB0, 0xA2, 0xC7, 0xCF]   // 똠방각하: 똠 is outside EUC-KR
        let rest = Array(" ".utf8) + [0xB0, 0xED, 0xB0, 0xB4, 0xBC, 0xBE, 0xC5, 0xCD] + Array(" ".utf8) + [0xBA, 0xD2, 0xB8, 0xB8]
        let feed = try FeedParser.parse(Self.feed(declaring: "ks_c_5601-1987", title: euc + rest), source: "ks_c_5601-1987")
        #expect(feed.title == title)
        #expect(!feed.bozo)
    }

    /// A name no registry knows is reported, and the document is read as the fallbacks read it.
    @Test func unknownLabelIsBozo() throws {
        let feed = try FeedParser.parse(Self.feed(declaring: "x-no-such-charset", title: Array("Outcry".utf8)), source: "unknown")
        #expect(feed.title == "Outcry")
        #expect(feed.bozo)
    }
}
