import Foundation
import InsightOnboardingInput
import Testing

@Suite("SafeFileName")
struct SafeFileNameTests {
    private static let hostileNames = [
        "../../x", "/etc/passwd", "a/../../b", "..", ".", "", "   ", "...", "./.", #"..\..\windows"#,
        "C:\\Windows\\system32", "a\u{0}b", "line\nbreak", "CON", "con.txt", "nul", "LPT1", "COM9 ",
        ".hidden", " . leading", "trailing. . ", "gw\u{202E}piz.exe", "<>:\"|?*",
        String(repeating: "x", count: 200), String(repeating: "é", count: 200), String(repeating: "👨‍👩‍👧", count: 50),
        "Dock 🚚 1", "倉庫/1", "Склад №2",
    ]

    @Test(arguments: [
        ("../../x", "_.._x"),
        ("/etc/passwd", "_etc_passwd"),
        ("a/../../b", "a_.._.._b"),
        ("..", "gateway"),
        (".", "gateway"),
        ("", "gateway"),
        ("  .hidden. ", "hidden"),
        (#"C:\Windows"#, "C__Windows"),
        ("a\u{0}b\nc\td\u{7F}", "a_b_c_d_"),
        ("gw\u{202E}piz.exe", "gw_piz.exe"),
        ("<a>|\"b\"?*", "_a___b___"),
        ("Dock 🚚 1", "Dock 🚚 1"),
        ("Склад №2", "Склад №2"),
        ("倉庫 1", "倉庫 1"),
    ])
    func sanitizes(_ name: String, _ expected: String) {
        #expect(SafeFileName.stem(for: name) == expected)
    }

    @Test(arguments: [
        ("CON", "_CON"), ("con", "_con"), ("Con.txt", "_Con.txt"), ("PRN", "_PRN"), ("AUX", "_AUX"),
        ("NUL", "_NUL"), ("COM1", "_COM1"), ("lpt9", "_lpt9"), ("COM¹", "_COM¹"), ("LPT1 ", "_LPT1"),
        ("CONSOLE", "CONSOLE"), ("COM10", "COM10"), ("NUL_", "NUL_"),
    ])
    func prefixesWindowsDeviceNames(_ name: String, _ expected: String) {
        #expect(SafeFileName.stem(for: name) == expected)
    }

    @Test func normalizesToNFC() {
        let stem = SafeFileName.stem(for: "Cafe\u{301}")
        #expect(Array(stem.unicodeScalars) == Array("Caf\u{E9}".unicodeScalars))
    }

    @Test func limitsLengthTo100BytesOnCharacterBoundaries() {
        #expect(SafeFileName.stem(for: String(repeating: "x", count: 200)) == String(repeating: "x", count: 100))
        #expect(SafeFileName.stem(for: String(repeating: "é", count: 200)) == String(repeating: "é", count: 50))
        // 👍🏽 is 8 bytes: 12 fit, the 13th would be cut in the middle.
        #expect(SafeFileName.stem(for: String(repeating: "👍🏽", count: 50)) == String(repeating: "👍🏽", count: 12))
        // A cut that ends in spaces or dots is trimmed again.
        #expect(SafeFileName.stem(for: String(repeating: "x", count: 98) + " . y") == String(repeating: "x", count: 98))
        // A cut cannot turn a long name into a device name.
        #expect(SafeFileName.stem(for: "COM1" + String(repeating: " ", count: 100) + "x") == "_COM1")
    }

    @Test(arguments: hostileNames)
    func neverEscapesTheFolder(_ name: String) {
        let stem = SafeFileName.stem(for: name)
        #expect(!stem.isEmpty)
        #expect(stem.utf8.count <= SafeFileName.maxStemByteCount)
        #expect(!stem.hasPrefix("."))
        #expect(!stem.hasSuffix(".") && !stem.hasSuffix(" ") && !stem.hasPrefix(" "))
        #expect(!stem.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 })
        let folder = URL(fileURLWithPath: "/out", isDirectory: true)
        let file = folder.appendingPathComponent(SafeFileName.archiveName(gatewayName: name, gatewayID: "1"))
        #expect(file.standardizedFileURL.deletingLastPathComponent().path == "/out")
    }

    @Test func appendsTheFirstEightCharactersOfTheIDLowercased() {
        #expect(SafeFileName.archiveName(gatewayName: "Dock 1", gatewayID: "919EBC9D-9788-4F08-93DB-E238C5EAA69A")
            == "Dock 1_919ebc9d.zip")
        #expect(SafeFileName.archiveName(gatewayName: "..", gatewayID: "ab-cd") == "gateway_abcd.zip")
        #expect(SafeFileName.archiveName(gatewayName: "x", gatewayID: "--") == "x.zip")
    }

    @Test func namesDifferingOnlyInSlashAndUnderscoreGetDifferentFiles() {
        let names = SafeFileName.archiveNames(for: [
            (name: "Dock/1", id: "919ebc9d-9788-4f08-93db-e238c5eaa69a"),
            (name: "Dock_1", id: "497f6eca-6276-4993-bfeb-53cbbbba6f08"),
        ])
        #expect(names == ["Dock_1_919ebc9d.zip", "Dock_1_497f6eca.zip"])
    }

    @Test func makesBatchUniqueEvenWhenIDPrefixesCollideOrOnlyCaseDiffers() {
        let names = SafeFileName.archiveNames(for: [
            (name: "a/b", id: "12345678-aaaa"),
            (name: "a_b", id: "12345678-bbbb"),
            (name: "A_B", id: "12345678-cccc"),
            (name: "a_b", id: "12345678-dddd"),
        ])
        #expect(names == ["a_b_12345678.zip", "a_b_12345678-2.zip", "A_B_12345678-3.zip", "a_b_12345678-4.zip"])
    }

    @Test func createsOneFilePerGatewayInsideTheFolder() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("SafeFileNameTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let gateways = Self.hostileNames.map { (name: $0, id: UUID().uuidString) }
        for fileName in SafeFileName.archiveNames(for: gateways) {
            try Data("zip".utf8).write(to: folder.appendingPathComponent(fileName), options: .withoutOverwriting)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == gateways.count)
    }
}
