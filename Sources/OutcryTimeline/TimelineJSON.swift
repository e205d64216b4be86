import Foundation
import OutcryCore

extension TimelineRenderer {
    /// The timeline as one JSON object (times in UTC, RFC 3339; durations in seconds): for other
    /// tools and archives. Text is JSON-escaped and stripped of control and bidi characters.
    public static func json(_ t: Timeline) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("spike"); w.beginObject()
        w.field("id", t.spike.id)
        w.field("topic", t.spike.topic)
        w.field("severity", t.spike.severity.rawValue)
        w.field("start", Timestamp.utc(t.spike.start))
        w.field("detected_at", Timestamp.utc(t.firstDetection))
        w.field("closed_at", t.spike.closedAt.map(Timestamp.utc))
        w.key("top_terms"); w.beginArray(); t.spike.topTerms.forEach { w.string(TerminalText.sanitize($0)) }; w.endArray()
        w.endObject()
        let m = t.metrics
        w.key("metrics"); w.beginObject()
        func seconds(_ name: String, _ v: TimeInterval?) { w.key(name); if let v { w.int(Int(v.rounded())) } else { w.null() } }
        seconds("first_ticket_to_first_post_s", m.firstTicketToFirstPost)
        seconds("first_post_to_detection_s", m.firstPostToDetection)
        seconds("detection_to_first_alert_s", m.detectionToFirstAlert)
        seconds("detection_to_first_ack_s", m.detectionToFirstAcknowledgement)
        w.key("peak_volume"); w.int(m.peakVolume)
        w.field("peak_at", Timestamp.utc(m.peakAt))
        w.key("total_reach"); w.int(m.totalReach)
        w.endObject()
        w.key("entries"); w.beginArray()
        for e in t.entries {
            w.beginObject()
            w.field("at", Timestamp.utc(e.at))
            w.field("kind", e.kind.rawValue)
            w.field("text", TerminalText.sanitize(e.text))
            w.endObject()
        }
        w.endArray()
        w.key("volume"); w.beginArray()
        for b in t.volume {
            w.beginObject()
            w.field("start", Timestamp.utc(b.start))
            w.key("count"); w.int(b.count)
            w.key("complaints"); w.int(b.complaints)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self) + "\n"
    }
}
