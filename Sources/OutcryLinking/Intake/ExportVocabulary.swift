import Foundation
import OutcryCore
import OutcryText

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
