import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

/// Feeds that say nothing (or the wrong thing) about their legacy encoding are read as chardet
/// reads them for feedparser, and flagged: each story below, written in its language and
/// encoded with iconv, comes back whole under chardet's name for its encoding.
@Suite struct UndeclaredEncodingTests {
    static func encode(_ text: String, _ charset: String) throws -> [UInt8] {
        let cd = iconv_open(charset, "UTF-8")
        try #require(cd != iconv_t(bitPattern: -1))
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let produced: Int = input.withUnsafeMutableBytes { inBuf in
            output.withUnsafeMutableBytes { outBuf in
                var inPtr = inBuf.baseAddress?.assumingMemoryBound(to: CChar.self), inLeft = inBuf.count
                var outPtr = outBuf.baseAddress?.assumingMemoryBound(to: CChar.self), outLeft = outBuf.count
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 ? -1 : outBuf.count - outLeft
            }
        }
        try #require(produced >= 0, "\(text) in \(charset)")
        return Array(output[..<produced])
    }

    static func feed(_ title: String, _ story: String, in charset: String) throws -> Data {
        Data(try encode("<rss version=\"2.0\"><channel><title>\(title)</title><item><title>\(title)</title>"
                        + "<description>\(story)</description></item></channel></rss>", charset))
    }

    static let stories: [(title: String, story: String, iconv: String, chardet: String)] = [
        ("ร้องเรียนร้านค้าออนไลน์", "ลูกค้าร้องเรียนว่าร้านค้าส่งหมอนผิดรุ่นมาให้ และไม่ยอมคืนเงินให้ตามที่ตกลงกันไว้", "TIS-620", "TIS-620"),
        ("返品を断られました", "購入した枕が別の安い商品だったので返品を求めましたが、品質の問題ではないと断られました。", "CP932", "SHIFT_JIS"),
        ("返品を断られました", "購入した枕が別の安い商品だったので返品を求めましたが、品質の問題ではないと断られました。", "EUC-JP", "EUC-JP"),
        ("고객센터 환불 거부", "주문한 베개가 다른 저렴한 제품으로 배송되었는데 고객센터는 환불을 거부했습니다. 정말 화가 납니다.", "CP949", "EUC-KR"),
        ("Жалоба на магазин", "Магазин прислал другую, дешёвую подушку, а служба поддержки отказалась вернуть деньги.", "CP1251", "windows-1251"),
        ("Жалоба на магазин", "Магазин прислал другую, дешёвую подушку, а служба поддержки отказалась вернуть деньги.", "KOI8-R", "KOI8-R"),
        ("Жалоба на магазин", "Магазин прислал другую, дешёвую подушку, а служба поддержки отказалась вернуть деньги.", "ISO-8859-5", "ISO-8859-5"),
        ("Жалоба на магазин", "Магазин прислал другую, дешёвую подушку, а служба поддержки отказалась вернуть деньги.", "CP866", "IBM866"),
        ("Παράπονο πελάτη", "Το κατάστημα έστειλε άλλο, φθηνότερο μαξιλάρι και η εξυπηρέτηση πελατών αρνήθηκε την επιστροφή χρημάτων.",
         "ISO-8859-7", "ISO-8859-7"),
        ("תלונה על החנות", "החנות שלחה כרית אחרת וזולה יותר, ושירות הלקוחות סירב להחזיר את הכסף.", "CP1255", "windows-1255"),
    ]

    @Test(arguments: stories.indices)
    func undeclaredStoryIsReadInItsEncoding(_ i: Int) throws {
        let s = Self.stories[i]
        let feed = try FeedParser.parse(try Self.feed(s.title, s.story, in: s.iconv), source: s.iconv)
        #expect(feed.encoding == s.chardet, "\(s.iconv)")
        #expect(feed.bozo)
        #expect(feed.title == s.title)
        #expect(feed.entries.first?.summary == s.story)
    }

    /// A long undeclared Shift_JIS feed: the guess reads its first 64 KB, cut where no character
    /// can be (second bytes of Shift_JIS pairs include ASCII letters).
    @Test func longUndeclaredShiftJISFeedIsRead() throws {
        let s = Self.stories[1]
        let items = String(repeating: "<item><title>\(s.title)</title><description>\(s.story)</description></item>\n", count: 1200)
        let xml = "<rss version=\"2.0\"><channel><title>\(s.title)</title>\(items)</channel></rss>"
        let bytes = try Self.encode(xml, "CP932")
        #expect(bytes.count > 150_000)
        let feed = try FeedParser.parse(Data(bytes), source: "long")
        #expect(feed.encoding == "SHIFT_JIS")
        #expect(feed.entries.count == 1200 && feed.entries.last?.summary == s.story)
    }

    /// Accented Latin text is left to the Latin fallback, whatever script its bytes would spell.
    @Test(arguments: [
        "Der Kundendienst hat die Rückgabe abgelehnt, obwohl das Kissen völlig anders aussah als bestellt — ärgerlich für Käufer.",
        "El servicio al cliente rechazó la devolución; la almohada enviada era otra, más barata, y nadie respondió después.",
        "O atendimento recusou a devolução: a almofada enviada não era a encomendada, e a loja não respondeu às reclamações.",
    ])
    func accentedLatinStaysLatin(_ text: String) throws {
        let feed = try FeedParser.parse(try Self.feed("Beschwerde", text, in: "CP1252"), source: "latin")
        #expect(feed.encoding == "windows-1252")
        #expect(feed.entries.first?.summary == text)
    }
}
