/// Guesses the legacy encoding of a document that is not UTF-8 and names nothing usable, as
/// chardet does for feedparser (whose names it returns): Japanese (`SHIFT_JIS`, `EUC-JP`), Korean
/// (`EUC-KR`), Chinese (``ChineseEncodingGuess``: `GB2312`, `Big5`), and the single-byte
/// encodings of Thai, Cyrillic, Greek and Hebrew. Nil leaves the document to the Latin fallbacks.
///
/// Every guess is a strict decoding that reads as the language reads. Bytes decoded in the wrong
/// encoding still come out as letters of some script, but not as that language's commonest
/// ones: a language's few dozen most frequent characters (hiragana in Japanese; 이, 다, 는 in
/// Korean; о, е, а in Russian) make up a large part of any text in it, and a wrong decoding hits
/// them only by chance. Latin text is kept out by its shape: its non-ASCII letters sit inside
/// words of ASCII letters (café, déjà), where a non-Latin script's words are all non-ASCII.
public enum LegacyEncodingGuess {
    /// chardet's name for the encoding, or nil.
    public static func guess(_ bytes: [UInt8]) -> String? {
        let sample = prefix(bytes)
        guard sample.contains(where: { $0 >= 0x80 }) else { return nil }
        return japanese(sample) ?? korean(sample) ?? chinese(sample) ?? singleByte(sample)
    }

    /// ``ChineseEncodingGuess``'s answer if the text decodes under it: Thai or Cyrillic bytes can
    /// pass for GB2312 pairs until a lone byte between two spaces.
    private static func chinese(_ bytes: [UInt8]) -> String? {
        ChineseEncodingGuess.guess(bytes).flatMap { decode(bytes, $0) == nil ? nil : $0 }
    }

    /// At most 64 KB, ending before a `<` or a line feed so no multi-byte character is cut (any
    /// ASCII byte would not do: Shift_JIS, Big5 and GBK take @ to ~ as second bytes).
    private static func prefix(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count > 65_536 else { return bytes }
        var end = 65_536
        while end > 0, bytes[end] != 0x3C, bytes[end] != 0x0A { end -= 1 }
        return Array(bytes[..<end])
    }

    private static func decode(_ bytes: [UInt8], _ name: String) -> [Unicode.Scalar]? {
        guard let charset = CharsetRegistry.resolve(name), let text = CharsetRegistry.decode(bytes, as: charset, lenient: false) else {
            return nil
        }
        return text.unicodeScalars.filter { !$0.isASCII }
    }

    /// Shift_JIS or EUC-JP whose text is at least a sixth hiragana and full-width katakana (a
    /// third or more in ordinary Japanese; Chinese and Korean have none, and EUC-JP read as
    /// Shift_JIS comes out as half-width katakana, which is not counted).
    private static func japanese(_ bytes: [UInt8]) -> String? {
        var best: (name: String, share: Double)?
        for name in ["SHIFT_JIS", "EUC-JP"] {
            guard let chars = decode(bytes, name), chars.count >= 4 else { continue }
            let share = Double(chars.filter { (0x3041...0x30FA).contains($0.value) }.count) / Double(chars.count)
            if share >= 1.0 / 6, share > best?.share ?? 0 { best = (name, share) }
        }
        return best?.name
    }

    /// EUC-KR (with Windows-949's extension) whose text hits Korean's commonest syllables more
    /// than its GB2312 reading hits Chinese's commonest characters: the two encodings share their
    /// byte ranges, so either reads the other's text as plausible-looking characters.
    private static func korean(_ bytes: [UInt8]) -> String? {
        guard let chars = decode(bytes, "EUC-KR"), chars.count >= 4 else { return nil }
        let hangul = chars.filter { (0xAC00...0xD7A3).contains($0.value) }
        guard Double(hangul.count) >= 0.5 * Double(chars.count) else { return nil }
        let korean = share(of: chars, in: Frequent.korean)
        let chinese = decode(bytes, "GB2312").map { share(of: $0, in: Frequent.simplifiedChinese) } ?? 0
        return korean >= 0.15 && korean > chinese ? "EUC-KR" : nil
    }

    private struct Script {
        var names: [String]
        var range: ClosedRange<UInt32>
        var frequent: Set<Unicode.Scalar>
        var cased: Bool
    }

    private static let scripts = [
        Script(names: ["TIS-620"], range: 0x0E00...0x0E7F, frequent: Frequent.thai, cased: false),
        Script(names: ["windows-1251", "KOI8-R", "ISO-8859-5", "IBM866", "MacCyrillic"], range: 0x0400...0x04FF,
               frequent: Frequent.russian, cased: true),
        Script(names: ["ISO-8859-7", "windows-1253"], range: 0x0370...0x03FF, frequent: Frequent.greek, cased: true),
        Script(names: ["windows-1255", "ISO-8859-8"], range: 0x05D0...0x05EA, frequent: Frequent.hebrew, cased: false),
    ]

    /// The single-byte encoding under which the text is one script's letters, mostly its
    /// commonest and, in a cased script, mostly small ones (KOI8-R read as Windows-1251 is capitals
    /// in a scrambled order) — and is not Latin text with accents.
    private static func singleByte(_ bytes: [UInt8]) -> String? {
        guard !looksLatin(bytes) else { return nil }
        var best: (name: String, score: Double)?
        for script in scripts {
            for name in script.names {
                guard let chars = decode(bytes, name), chars.count >= 8 else { continue }
                let letters = chars.filter { script.range.contains($0.value) }
                guard Double(letters.count) >= 0.7 * Double(chars.count) else { continue }
                let small = letters.map { $0.properties.lowercaseMapping.unicodeScalars.first ?? $0 }
                let lowerShare = script.cased ? Double(zip(letters, small).filter { $0 == $1 }.count) / Double(letters.count) : 1
                let frequent = share(of: small, in: script.frequent)
                guard lowerShare >= 0.6, frequent >= 0.35 else { continue }
                // Encodings of one script differ in a few letters (Windows-1251 and Mac Cyrillic
                // in the capitals): the reading with more of the commonest letters wins.
                let score = frequent * Double(letters.count) / Double(chars.count)
                if score > best?.score ?? 0 { best = (name, score) }
            }
        }
        return best?.name
    }

    /// Most non-ASCII bytes sit next to an ASCII letter: accents in Latin words.
    private static func looksLatin(_ bytes: [UInt8]) -> Bool {
        func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        var high = 0, embedded = 0
        for (i, b) in bytes.enumerated() where b >= 0x80 {
            high += 1
            if (i > 0 && isLetter(bytes[i - 1])) || (i + 1 < bytes.count && isLetter(bytes[i + 1])) { embedded += 1 }
        }
        return Double(embedded) > 0.3 * Double(high)
    }

    private static func share(of chars: [Unicode.Scalar], in frequent: Set<Unicode.Scalar>) -> Double {
        chars.isEmpty ? 0 : Double(chars.filter { frequent.contains($0) }.count) / Double(chars.count)
    }
}

/// Each language's commonest characters, from general frequency knowledge of the language (not
/// from any corpus shipped or read here): enough to tell its text from bytes decoded wrongly.
private enum Frequent {
    static func set(_ s: String) -> Set<Unicode.Scalar> { Set(s.unicodeScalars.filter { !$0.properties.isWhitespace }) }
    static let korean = set("""
        이 다 는 의 에 하 고 을 를 가 지 서 한 로 기 리 사 어 자 수 나 도 대 정 아 시 인 일 전 보 게 해 요 니 으 만 들 있 것 습
        과 주 부 상 적 구 성 내 라 여 제 동 면 공 국 원 우 화 장 와 중 소 문 경 세 위 되 그 오 물 마 무 비 방 거 모 미 개 선 용
        식 신 안 행 드 실 연 생 계 유 조 학 스 했 된 은 할 입 때 없 까 께 또 및 더 등 품 객 불 환 송 받 님 않 였 겠 러 려 며
        """)
    static let simplifiedChinese = set("""
        的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好
        都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法
        此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西
        再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表
        原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战接它许八特觉望直服
        """)
    static let russian = set("о е а и н т с р в л к м д п у я ы ь г з б ч й")
    static let greek = set("α ο ι ε τ σ ς ν η υ ρ π κ μ λ ά ό ί έ ή ύ ώ")
    static let hebrew = set("י ו ה ל מ א ר ב ש ת נ ם")
    static let thai = set("า น ร อ ก เ ง ม ย ่ ั ว ด ต ท ส ิ ไ ล ี ้ ะ บ ค")
}
