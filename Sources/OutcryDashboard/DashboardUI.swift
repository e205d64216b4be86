import Foundation
import OutcryCore

/// What the person at the dashboard is looking at: the view, the selected row, the filter
/// being typed and the last message. Changed only by keys (``DashboardUI/handle(_:rows:)``).
public struct DashboardUI: Sendable, Equatable {
    public enum View: String, Sendable, CaseIterable {
        case topics, detail, alerts, sources, help, timeline
    }

    /// Whose incident timeline is open: an alert's spike, or a topic's current spike.
    public enum TimelineTarget: Sendable, Equatable {
        case alert(String), topic(String)
    }

    public var view: View = .topics
    /// Index of the selected row in the current view's list.
    public var selected = 0
    public var filter = ""
    public var typingFilter = false
    public var message: String?
    /// Unicode blocks and box lines, or ASCII only.
    public var unicode = true
    /// The topic whose detail is open.
    public var detailTopic: String?
    /// The open timeline, and the view Esc returns to from it.
    public var timeline: TimelineTarget?
    public var timelineReturn: View = .alerts
    /// A silence being asked for: the topic, and the duration typed so far.
    public var silenceTopic: String?
    public var silenceDuration = ""

    public init() {}

    /// A key, and what it asks the session to do beyond moving around.
    public enum Action: Equatable, Sendable {
        case none, quit, acknowledge(alertID: String), silence(topic: String, seconds: TimeInterval), openDetail(topic: String)
    }

    /// Applies a key; `rows` is how many rows the current list has (lines, in the timeline),
    /// `keyOf` gives the selected row's key (topic id or alert id) and `topicOf` its topic.
    public mutating func handle(_ key: Key, rows: Int, keyOf: (Int) -> String?, topicOf: ((Int) -> String?)? = nil) -> Action {
        message = nil
        if let topic = silenceTopic {
            switch key {
            case .escape, .ctrlC:
                silenceTopic = nil
            case .backspace: _ = silenceDuration.popLast()
            case .char(let c) where c.isNumber || "smhd".contains(c): silenceDuration.append(c)
            case .enter:
                silenceTopic = nil
                guard let seconds = DurationText.parse(silenceDuration), seconds > 0 else {
                    message = "silence: expected a duration like 30m, 2h, 1d or 1h30m"
                    return .none
                }
                return .silence(topic: topic, seconds: seconds)
            default: break
            }
            return .none
        }
        if typingFilter {
            switch key {
            case .enter, .escape: typingFilter = false
            case .backspace: _ = filter.popLast()
            case .char(let c): filter.append(c)
            default: break
            }
            selected = 0
            return .none
        }
        switch key {
        case .char("q"), .ctrlC: return .quit
        case .up, .char("k"): selected = max(0, selected - 1)
        case .down, .char("j"): selected = min(max(0, rows - 1), selected + 1)
        case .pageUp: selected = max(0, selected - 10)
        case .pageDown: selected = min(max(0, rows - 1), selected + 10)
        case .home, .char("g"): selected = 0
        case .end, .char("G"): selected = max(0, rows - 1)
        case .char("/"):
            if view == .topics { typingFilter = true; filter = "" }
        case .escape:
            if view == .timeline {
                view = timelineReturn
                selected = 0
            } else if view == .detail || view == .help { view = .topics } else { filter = "" }
        case .char("?"): view = view == .help ? .topics : .help
        case .char("1"): switch_(to: .topics)
        case .char("2"), .tab: switch_(to: view == .alerts ? .sources : .alerts)
        case .char("3"): switch_(to: .sources)
        case .enter:
            if view == .topics, let id = keyOf(selected) {
                detailTopic = id
                view = .detail
                return .openDetail(topic: id)
            }
        case .char("a"):
            if view == .alerts, let id = keyOf(selected) { return .acknowledge(alertID: id) }
        case .char("s"):
            let topic = view == .detail ? detailTopic : view == .topics ? keyOf(selected) : view == .alerts ? topicOf?(selected) : nil
            if let topic {
                silenceTopic = topic
                silenceDuration = "1h"
            }
        case .char("t"):
            let target: TimelineTarget? = view == .detail ? detailTopic.map { .topic($0) } : view == .alerts ? keyOf(selected).map { .alert($0) } : nil
            if let target {
                timelineReturn = view
                timeline = target
                view = .timeline
                selected = 0
            }
        default: break
        }
        return .none
    }

    private mutating func switch_(to v: View) {
        view = v
        selected = 0
    }
}
