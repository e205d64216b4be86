import Foundation
import OutcryCore
import OutcryPipeline
import OutcryStorage
import OutcryTesting
import Testing

/// A job that runs for months lets go of the tickets it can no longer link, as its clock moves
/// on: its memory holds the linker's weeks, not the helpdesk's history.
@Suite struct TicketHorizonTests {
    /// Monday 2018-03-05 00:00 UTC.
    let start = Date(timeIntervalSince1970: 1_520_208_000)

    func ticket(_ id: String, days: Double) -> Ticket {
        Ticket(id: id, createdAt: start.addingTimeInterval(days * 86_400), status: .open, subject: "Comfort U 型号不对",
               body: "收到 Contour U", events: [])
    }

    @Test func aMonitorLetsGoOfTicketsAsTheyAge() async throws {
        let store = try SQLiteStore(path: try Fixtures.temporaryDirectory() + "/outcry.db")
        let topic = Topic(id: "jd", name: "京东", terms: ["京东"])
        let m = Monitor(topics: [topic], tickets: [ticket("T-40", days: -40), ticket("T-20", days: -20), ticket("T+10", days: 10)],
                        store: store, notifiers: [], clock: SimulatedClock(start), utcOffset: 0)
        try await m.advance(to: start)
        #expect(await m.ticketsForLinking == 1, "opened 40 days ago: beyond the 30-day look-back and a day's slack")
        try await m.advance(to: start.addingTimeInterval(12 * 86_400))
        #expect(await m.ticketsForLinking == 1, "T-20 let go as the clock passed it; T+10 taken when opened")
        #expect(try store.tickets().count == 3, "the store keeps them all")
        let horizon = await m.ticketHorizon(at: start)
        #expect(horizon == start.addingTimeInterval(-39 * 86_400))
    }
}
