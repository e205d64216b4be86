import OutcryXML
import Testing

/// The tree `XMLParser` builds from SAX events must be the one libxml2's DOM would give (the
/// feed parsers and the conformance corpus were written against it); these pin the details.
@Suite struct XMLTreeTests {
    func parse(_ xml: String) throws -> XMLDocument {
        try XMLParser.parse(Array(xml.utf8))
    }

    func shape(_ node: XMLNode) -> String {
        switch node {
        case .text(let t): "'\(t)'"
        case .element(let e): e.name + "(" + e.children.map(shape).joined(separator: ",") + ")"
        }
    }

    @Test func whiteSpaceBetweenElementsIsDroppedAndMixedContentKeepsIt() throws {
        let doc = try parse("""
            <rss>
              <channel>
                <title>x</title>
                <blank> </blank>
                <p>a <b>x</b> <i>y</i></p>
                <q><b>x</b> <i>y</i></q>
                <pre xml:space="preserve"><b>x</b> <i>y</i></pre>
              </channel>
            </rss>
            """)
        #expect(shape(.element(doc.root)) == "rss(channel(title('x'),blank(' '),p('a ',b('x'),' ',i('y')),"
            + "q(b('x'),i('y')),pre(b('x'),' ',i('y'))))")
        #expect(!doc.recovered)
    }

    @Test func entityReferencesExpandInTextAndVanishFromAttributes() throws {
        let doc = try parse("""
            <!DOCTYPE rss [<!ENTITY who "Outcry">]>
            <rss><t>by &who; &amp; co</t><u a="x &amp; &#38; &who; y" b="plain"/></rss>
            """)
        let t = try #require(doc.root.first("t"))
        #expect(t.children == [.text("by "), .text("Outcry"), .text(" & co")])
        let u = try #require(doc.root.first("u"))
        #expect(u.attribute("a") == "x & &  y")
        #expect(u.attribute("b") == "plain")
    }

    @Test func commentsSplitTextAndCDATAJoinsIt() throws {
        let doc = try parse("<t>a<!-- c -->b<![CDATA[<c>]]>d</t>")
        #expect(doc.root.children == [.text("a"), .text("b<c>d")])
        #expect(doc.root.text == "ab<c>d")
    }

    @Test func namespacesAndUndefinedPrefixes() throws {
        let doc = try parse("""
            <rss xmlns:dc="http://purl.org/dc/elements/1.1/" xml:base="http://a.example/"><dc:creator>me</dc:creator><x:y z:w="1">n</x:y></rss>
            """)
        #expect(doc.root.namespaceDeclarations == ["http://purl.org/dc/elements/1.1/"])
        #expect(doc.root.first("creator", namespace: "http://purl.org/dc/elements/1.1/")?.text == "me")
        let undefined = try #require(doc.root.elements.last)
        #expect(undefined.name == "x:y")
        #expect(undefined.namespace == nil)
        #expect(undefined.attributes == [XMLAttribute(name: "z:w", value: "1")])
        #expect(!doc.recovered)   // a namespace error, not a well-formedness one
    }

    @Test func truncatedDocumentKeepsWhatWasOpen() throws {
        let doc = try parse("<rss><channel><title>x</title><item><title>half")
        #expect(doc.recovered)
        #expect(shape(.element(doc.root)) == "rss(channel(title('x'),item(title('half'))))")
    }

    @Test func nestingBelowTheDepthLimitIsDropped() throws {
        let depth = XMLParser.maxDepth + 20
        let xml = String(repeating: "<d>", count: depth) + "deep" + String(repeating: "</d>", count: depth)
        let doc = try parse(xml)
        var element = doc.root
        var levels = 0
        while let child = element.elements.first { element = child; levels += 1 }
        #expect(levels == XMLParser.maxDepth)
        #expect(element.children.isEmpty)
    }

    @Test func xmlBaseResolvesDownTheTree() throws {
        let doc = try XMLParser.parse(Array(#"<feed xml:base="http://a.example/x/"><entry xml:base="y/"><link/></entry></feed>"#.utf8),
                                      documentBase: "http://doc.example/", resolveBase: { parent, declared in (parent ?? "") + "|" + declared })
        #expect(doc.root.base == "http://doc.example/|http://a.example/x/")
        #expect(doc.root.first("entry")?.first("link")?.base == "http://doc.example/|http://a.example/x/|y/")
    }

    @Test func notXMLIsAnError() {
        #expect(throws: XMLError.self) { try parse("just text") }
    }
}
