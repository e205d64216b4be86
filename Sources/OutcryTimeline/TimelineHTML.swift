import Foundation
import OutcryCore

extension TimelineRenderer {
    /// A single self-contained HTML page (inline CSS and SVG, no scripts, no external requests):
    /// the report a PR lead forwards. All post and ticket text is sanitized (control and bidi
    /// characters removed) and HTML-escaped; the page's Content-Security-Policy allows nothing
    /// but its own inline style besides, so even an escaping mistake could not run a script or
    /// fetch anything.
    public static func html(_ t: Timeline, utcOffset: Int, bucketSeconds: TimeInterval = 600) -> String {
        let id = UntrustedText.html(t.spike.id)
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Incident \(id)</title>
            <style>
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1040px;color:#1d2430;padding:0 1em}
            h1{font-size:1.5em;margin:0 0 .2em}.sub{color:#5a6472;margin:0 0 1.2em}
            .sev{display:inline-block;padding:.05em .55em;border-radius:.3em;color:#fff;font-size:.8em;vertical-align:middle}
            .watch{background:#6b7a90}.warning{background:#c77700}.critical{background:#c62828}
            .metrics{display:flex;flex-wrap:wrap;gap:.8em;margin:0 0 1.4em}
            .metrics div{border:1px solid #dde2ea;border-radius:.4em;padding:.5em .8em;min-width:12em}
            .metrics b{display:block;font-size:1.15em}.metrics span{color:#5a6472;font-size:.85em}
            svg{width:100%;height:auto;border:1px solid #dde2ea;border-radius:.4em;background:#fbfcfe}
            table{border-collapse:collapse;width:100%;margin-top:1.2em}td,th{padding:.35em .5em;border-bottom:1px solid #e6e9ef;text-align:left;vertical-align:top}
            th{font-size:.85em;color:#5a6472}td.n{color:#5a6472;width:2em}td.t{white-space:nowrap;width:11em}td.k{white-space:nowrap;width:8em}
            tr.alert td.k,tr.severity td.k,tr.spike_opened td.k{color:#c62828;font-weight:600}tr.note td.k{color:#1565c0}
            </style></head><body>

            """
        out += "<h1>Incident \(id) <span class=\"sev \(t.spike.severity.rawValue)\">\(t.spike.severity.rawValue)</span></h1>\n"
        out += "<p class=\"sub\">Topic <b>\(UntrustedText.html(t.spike.topic))</b> · surge from \(Timestamp.format(t.spike.start, offset: utcOffset))"
        if !t.spike.topTerms.isEmpty {
            out += " · top terms: " + t.spike.topTerms.map { UntrustedText.html($0) }.joined(separator: " · ")
        }
        out += "</p>\n<div class=\"metrics\">\n"
        for (label, value) in metricPairs(t, utcOffset: utcOffset) {
            out += "<div><b>\(UntrustedText.html(value))</b><span>\(UntrustedText.html(label))</span></div>\n"
        }
        out += "</div>\n" + chart(t, utcOffset: utcOffset, bucketSeconds: bucketSeconds)
        out += "<table><tr><th>#</th><th>time</th><th>event</th><th>detail</th></tr>\n"
        for (i, e) in t.entries.enumerated() {
            out += "<tr class=\"\(e.kind.rawValue)\"><td class=\"n\">\(i + 1)</td><td class=\"t\">\(Timestamp.format(e.at, offset: utcOffset))</td>"
                + "<td class=\"k\">\(e.kind.rawValue.replacingOccurrences(of: "_", with: " "))</td><td>\(UntrustedText.html(e.text))</td></tr>\n"
        }
        out += "</table>\n</body></html>\n"
        return out
    }

    /// Mentions and complaints per bucket over the incident, with a numbered marker for each
    /// timeline entry that is not a ticket message.
    static func chart(_ t: Timeline, utcOffset: Int, bucketSeconds: TimeInterval) -> String {
        let (w, h, left, right, top, bottom) = (960.0, 280.0, 48.0, 12.0, 16.0, 36.0)
        let markers = t.entries.enumerated().filter { $0.element.kind != .ticketEvent }
        let times = t.volume.map(\.start) + markers.map(\.element.at)
        guard let from = times.min(), var to = times.max() else { return "" }
        to = max(to.addingTimeInterval(bucketSeconds), from.addingTimeInterval(3600))
        let span = to.timeIntervalSince(from)
        let peak = max(1, t.volume.map(\.count).max() ?? 1)
        func x(_ d: Date) -> Double { left + (w - left - right) * d.timeIntervalSince(from) / span }
        func y(_ v: Int) -> Double { top + (h - top - bottom) * (1 - Double(v) / Double(peak)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        // Every bucket, zeros included, so quiet stretches read as quiet.
        let counts = Dictionary(t.volume.map { ($0.start.timeIntervalSince1970, ($0.count, $0.complaints)) }, uniquingKeysWith: { a, _ in a })
        var mentions: [String] = [], complaints: [String] = []
        var b = (from.timeIntervalSince1970 / bucketSeconds).rounded(.down) * bucketSeconds
        while b <= to.timeIntervalSince1970 {
            let d = Date(timeIntervalSince1970: b)
            let c = counts[b] ?? (0, 0)
            mentions.append("\(f(x(d))),\(f(y(c.0)))")
            complaints.append("\(f(x(d))),\(f(y(c.1)))")
            b += bucketSeconds
        }
        var svg = "<svg viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\" aria-label=\"Mentions per \(Int(bucketSeconds / 60)) minutes\">\n"
        for v in [0, peak / 2, peak] {
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(w - right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#e3e7ee\"/>"
                + "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#5a6472\">\(v)</text>\n"
        }
        let days = max(1, Int(span / 86_400 / 8) + 1)
        var tick = Date(timeIntervalSince1970: ((from.timeIntervalSince1970 + Double(utcOffset)) / 86_400).rounded(.up) * 86_400 - Double(utcOffset))
        while tick < to {
            let c = Timestamp.components(tick, offset: utcOffset)
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(h - 12))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5a6472\">"
                + String(format: "%02d-%02d", c.month, c.day) + "</text>\n"
            tick = tick.addingTimeInterval(Double(days) * 86_400)
        }
        svg += "<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.6\" points=\"\(mentions.joined(separator: " "))\"/>\n"
        svg += "<polyline fill=\"none\" stroke=\"#c62828\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\" points=\"\(complaints.joined(separator: " "))\"/>\n"
        // Markers closer than a label's width stack downwards instead of overprinting.
        var lastX = -100.0, level = 0
        for (i, e) in markers {
            let color = [.alert, .severity, .spikeOpened].contains(e.kind) ? "#c62828" : e.kind == .note ? "#1565c0" : "#5a6472"
            let mx = x(e.at)
            level = mx - lastX < 15 ? (level + 1) % 10 : 0
            lastX = mx
            let cy = top + Double(level) * 16
            svg += "<g><title>\(i + 1). \(UntrustedText.html(e.kind.rawValue)) \(Timestamp.short(e.at, offset: utcOffset))</title>"
                + "<line x1=\"\(f(mx))\" x2=\"\(f(mx))\" y1=\"\(f(cy))\" y2=\"\(f(h - bottom))\" stroke=\"\(color)\" stroke-opacity=\".45\"/>"
                + "<circle cx=\"\(f(mx))\" cy=\"\(f(cy))\" r=\"7\" fill=\"\(color)\"/>"
                + "<text x=\"\(f(mx))\" y=\"\(f(cy + 3.5))\" font-size=\"9\" text-anchor=\"middle\" fill=\"#fff\">\(i + 1)</text></g>\n"
        }
        svg += "<text x=\"\(f(w - right))\" y=\"\(f(top + 14))\" font-size=\"11\" text-anchor=\"end\" fill=\"#1565c0\">mentions per \(Int(bucketSeconds / 60)) min</text>"
            + "<text x=\"\(f(w - right))\" y=\"\(f(top + 28))\" font-size=\"11\" text-anchor=\"end\" fill=\"#c62828\">complaints</text>\n"
        return svg + "</svg>\n"
    }
}
