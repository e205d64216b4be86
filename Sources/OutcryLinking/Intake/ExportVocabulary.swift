import Foundation
import OutcryCore
import OutcryText

/// Times in exports: RFC 3339, or `2018-03-07 10:12[:00]` / `2018/03/07 10:12` in the export's
/// own time zone.
public enum TicketDates {
    public static func parse(_ text: String, utcOffset: Int) -> Date? {
        if let d = Timestamp.parse(text) { return d }
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count >= 5, digits.count <= 6, (1970...2100).contains(digits[0]), (1...12).contains(digits[1]),
              (1...31).contains(digits[2]), (0...23).contains(digits[3]), (0...59).contains(digits[4]) else { return nil }
        let days = Timestamp.daysFromCivil(year: digits[0], month: digits[1], day: digits[2])
        let seconds = days * 86_400 + digits[3] * 3600 + digits[4] * 60 + (digits.count == 6 ? digits[5] : 0) - utcOffset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// The words helpdesks use for statuses and channels, onto the Ticket format's. Compared
/// folded (case, full width, Traditional and Taiwan phrases to Simplified: `已處理`, `線上`).
public enum TicketStatusNames {
    public static func status(_ s: String) -> Ticket.Status? {
        switch Normalizer.shared.fold(s) {
        case "new", "open", "reopened", "in progress", "escalated", "waiting for support", "待处理", "处理中", "未处理", "已升级": .open
        case "pending", "hold", "on-hold", "on hold", "waiting", "waiting on customer", "waiting for customer", "waiting on third party",
             "等待中", "待回复", "已回复": .pending
        case "solved", "resolved", "done", "已解决", "已处理", "已完成": .solved
        case "closed", "canceled", "cancelled", "已关闭", "已取消", "已结案", "结案": .closed
        default: nil
        }
    }

    public static func channel(_ s: String) -> Ticket.Channel? {
        switch Normalizer.shared.fold(s) {
        case "chat", "web_widget", "messaging", "im", "在线": .chat
        case "phone", "voice", "电话": .phone
        case "email", "mail", "web", "邮件", "电子邮件": .email
        case "platform", "marketplace", "平台": .platform
        default: nil
        }
    }
}
