import Foundation
import InsightCore
import Testing

@Suite("UUID text")
struct UUIDTextTests {
    @Test("the canonical text is Foundation's, lower-cased, and parses back to the same id")
    func roundTrip() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(id.lowercasedString == id.uuidString.lowercased())
            #expect(UUID(text: id.lowercasedString) == id)
            #expect(UUID(text: id.uuidString) == id, "upper-case digits parse too")
        }
    }

    @Test("anything but 8-4-4-4-12 hex digits is refused (Foundation also takes a leading space)",
          arguments: ["", "not-a-uuid", "e621e1f8-c36c-495a-93fc-0c247a3e6e5", "e621e1f8-c36c-495a-93fc-0c247a3e6e5f0",
                      "e621e1f8c36c-495a-93fc-0c247a3e6e5f0", "e621e1f8-c36c-495a-93fc-0c247a3e6e5g", "e621e1f8-c36c+495a-93fc-0c247a3e6e5f",
                      "{e621e1f8-c36c-495a-93fc-0c247a3e6e5f}", " e621e1f8-c36c-495a-93fc-0c247a3e6e5", "e621e1f8-c36c-495a-93fc-0c247a3e6é"])
    func refused(text: String) {
        #expect(UUID(text: text) == nil)
    }
}
