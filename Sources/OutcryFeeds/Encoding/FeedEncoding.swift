import Foundation
import OutcryCharsets
import OutcryCore

/// Works out a feed's character encoding the way RFC 3023 and Python feedparser do — byte-order
/// mark, XML declaration, HTTP `Content-Type` charset and media type — and converts the document
/// to UTF-8 (``CharsetRegistry``) before the XML parser sees it.
///
/// `bozo` is set when the media type is not XML, or the declared encoding was wrong and another
/// one had to be used.
enum FeedEncoding {
    struct Result {
        var utf8: [UInt8]
        /// The encoding used, named as feedparser names it (`utf-8`, `us-ascii`, `gb18030`, `utf-16le`).
        var encoding: String
        var problem: String?
    }

    /// - Parameter contentType: the HTTP header, when the feed came over HTTP (nil for files).
    static func decode(_ data: Data, contentType: String?) -> Result {
        var bytes = [UInt8](data)
        var bom = ""
        func starts(_ p: [UInt8]) -> Bool { bytes.starts(with: p) }
        if let mark = ByteOrderMark.detect(bytes) { bom = mark.encoding; bytes.removeFirst(mark.length) }
        // Then no mark, but the first characters of `<?xml` in EBCDIC, UTF-16 or UTF-32.
        else if starts([0x4C, 0x6F, 0xA7, 0x94]) { bom = "cp037" }
        else if starts([0x00, 0x3C, 0x00, 0x3F]) { bom = "utf-16be" }
        else if starts([0x3C, 0x00, 0x3F, 0x00]) { bom = "utf-16le" }
        else if starts([0x00, 0x00, 0x00, 0x3C]) { bom = "utf-32be" }
        else if starts([0x3C, 0x00, 0x00, 0x00]) { bom = "utf-32le" }

        // The encoding the XML declaration names, read in the BOM's encoding.
        var xmlEncoding = ""
        let head = Array(bytes.prefix(1024))
        let headText = bom.isEmpty ? String(decoding: head, as: UTF8.self) : (convert(head, from: bom, lenient: true) ?? "")
        if headText.hasPrefix("<?"), let end = headText.range(of: "?>"),
           let r = headText[..<end.lowerBound].range(of: #"encoding=['"]([^'"]*)['"]"#, options: .regularExpression) {
            xmlEncoding = String(headText[r].dropFirst(10).dropLast()).lowercased()
            let unicodeNames: Set<String> = ["u16", "utf-16", "utf16", "utf_16", "u32", "utf-32", "utf32", "utf_32",
                                             "iso-10646-ucs-2", "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2", "ucs-4"]
            if !bom.isEmpty, unicodeNames.contains(xmlEncoding) { xmlEncoding = bom }
        }

        let (mediaType, httpCharset) = parseContentType(contentType ?? "")
        var acceptable = false
        var declared: String
        if ["application/xml", "application/xml-dtd", "application/xml-external-parsed-entity"].contains(mediaType)
            || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+xml")) {
            acceptable = true
            declared = httpCharset ?? (xmlEncoding.isEmpty ? "utf-8" : xmlEncoding)
        } else if ["text/xml", "text/xml-external-parsed-entity"].contains(mediaType) || (mediaType.hasPrefix("text/") && mediaType.hasSuffix("+xml")) {
            acceptable = true
            declared = httpCharset ?? "us-ascii"
        } else if mediaType.hasPrefix("text/") {
            declared = httpCharset ?? "us-ascii"
        } else {
            declared = xmlEncoding.isEmpty ? "utf-8" : xmlEncoding
        }
        if declared.lowercased() == "gb2312" { declared = "gb18030" }
        if xmlEncoding == "gb2312" { xmlEncoding = "gb18030" }
        var problem: String?
        if contentType != nil, !acceptable {
            problem = "\(contentType!.prefix(60)) is not an XML media type"
        }
        var tried: [String] = []
        func attempt(_ candidate: String) -> Result? {
            guard !candidate.isEmpty, !tried.contains(candidate) else { return nil }
            tried.append(candidate)
            guard let charset = CharsetRegistry.resolve(candidate) else { return nil }
            let utf8: [UInt8]
            if charset == .utf8 {
                // Already UTF-8: validate, and keep the bytes (a declaration naming UTF-8, or none, stays).
                guard UTF8Validation.isValid(bytes) else { return nil }
                utf8 = ["", "utf-8", "utf8"].contains(xmlEncoding) ? bytes : replaceDeclaration(bytes)
            } else {
                guard let decoded = CharsetRegistry.utf8(bytes, as: charset, lenient: false) else { return nil }
                utf8 = replaceDeclaration(decoded)
            }
            let mismatch = candidate != declared ? "document declared as \(declared), but parsed as \(candidate)" : nil
            return Result(utf8: Windows1252.demoronize(utf8), encoding: candidate, problem: mismatch ?? problem)
        }
        for candidate in [declared, xmlEncoding, bom, "utf-8"] {
            if let result = attempt(candidate) { return result }
        }
        // Then an undeclared or misdeclared legacy encoding (Chinese, Japanese, Korean, Thai,
        // Cyrillic, Greek, Hebrew), guessed only now (the guess scans the document), before the
        // single-byte fallbacks that decode anything.
        for candidate in [LegacyEncodingGuess.guess(bytes) ?? "", "windows-1252", "iso-8859-2"] {
            if let result = attempt(candidate) { return result }
        }
        return Result(utf8: bytes, encoding: "", problem: "document encoding unknown, tried \(tried.joined(separator: ", "))")
    }

    static func parseContentType(_ header: String) -> (String, String?) {
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let media = (parts.first ?? "").lowercased()
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0].lowercased() == "charset" {
                let v = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
                return (media, v.isEmpty ? nil : v)
            }
        }
        return (media, nil)
    }

    /// Puts `<?xml version='1.0' encoding='utf-8'?>` where the declaration was (or in front).
    /// The document with its XML declaration replaced by one naming UTF-8 (or one added), so
    /// libxml2 reads the converted bytes as what they now are.
    static func replaceDeclaration(_ bytes: [UInt8]) -> [UInt8] {
        var out = Array("<?xml version='1.0' encoding='utf-8'?>".utf8)
        out.reserveCapacity(bytes.count + out.count + 1)
        let prefix = Array("<?xml".utf8)
        if bytes.starts(with: prefix), let end = (0..<max(0, bytes.count - 1)).first(where: { bytes[$0] == 0x3F && bytes[$0 + 1] == 0x3E }) {
            out.append(contentsOf: bytes[(end + 2)...])
        } else {
            out.append(0x0A)
            out.append(contentsOf: bytes)
        }
        return out
    }

    /// Decodes `bytes` from the charset `encoding` names (``CharsetRegistry``), strictly (nil on
    /// any invalid sequence, or when no charset has that name) or leniently.
    static func convert(_ bytes: [UInt8], from encoding: String, lenient: Bool) -> String? {
        CharsetRegistry.resolve(encoding).flatMap { CharsetRegistry.decode(bytes, as: $0, lenient: lenient) }
    }
}
