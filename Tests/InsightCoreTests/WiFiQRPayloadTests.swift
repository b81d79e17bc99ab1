import InsightCore
import Testing

@Suite("WiFiQRPayload")
struct WiFiQRPayloadTests {
    private static func payload(_ ssid: String, _ password: String?, _ type: String) -> String {
        WiFiQRPayload.payload(for: WiFiCredentials(ssid: ssid, password: password, authenticationType: type))
    }

    @Test func buildsStandardPayload() {
        #expect(Self.payload("Warehouse", "s3cret", "WPA2") == "WIFI:T:WPA;S:Warehouse;P:s3cret;;")
    }

    @Test func writesEveryWPAGenerationAsWPAForPhones() {
        for type in ["WPA", "WPA2", "WPA3", "wpa2"] {
            #expect(Self.payload("N", "p", type) == "WIFI:T:WPA;S:N;P:p;;")
        }
        #expect(Self.payload("N", "p", "WEP") == "WIFI:T:WEP;S:N;P:p;;")
    }

    @Test func leavesOutPasswordOfOpenNetworkAndMissingPassword() {
        #expect(Self.payload("Guest", nil, "nopass") == "WIFI:T:nopass;S:Guest;;")
        #expect(Self.payload("Guest", "unused", "nopass") == "WIFI:T:nopass;S:Guest;;")
        #expect(Self.payload("N", "", "WPA2") == "WIFI:T:WPA;S:N;;")
    }

    @Test func escapesExactlyTheSpecialCharacters() {
        let printableSpecials = ##" !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##
        #expect(Self.payload(printableSpecials, printableSpecials, "WPA2")
            == ##"WIFI:T:WPA;S: !\"#$%&'()*+\,-./\:\;<=>?@[\\]^_`{|}~;P: !\"#$%&'()*+\,-./\:\;<=>?@[\\]^_`{|}~;;"##)
    }

    @Test func keepsNonASCIIAsIs() {
        #expect(Self.payload("Café Lager 倉庫", "pässwörd🔑;", "WPA2") == #"WIFI:T:WPA;S:Café Lager 倉庫;P:pässwörd🔑\;;;"#)
    }

    @Test(arguments: [
        String((0x20...0x7E).map { Character(Unicode.Scalar($0)!) }),
        #"\\;;,,::""\"#, "ends with backslash\\", ";", "Пароль-密码-🔑:é\u{301}",
    ])
    func roundTripsThroughAReader(_ secret: String) {
        #expect(Self.decode(Self.payload(secret, secret, "WPA2")) == ["T": "WPA", "S": secret, "P": secret])
    }

    /// Reads a payload as a ZXing-style scanner does: fields end at an unescaped `;`, a field's key
    /// ends at its first unescaped `:`, and `\x` stands for `x`.
    private static func decode(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        var key: String?
        var current = String.UnicodeScalarView()
        var isEscaped = false
        for scalar in text.dropFirst("WIFI:".count).unicodeScalars {
            if isEscaped {
                current.append(scalar)
                isEscaped = false
            } else if scalar == "\\" {
                isEscaped = true
            } else if scalar == ":" && key == nil {
                key = String(current)
                current = String.UnicodeScalarView()
            } else if scalar == ";" {
                guard let completedKey = key else { break }
                fields[completedKey] = String(current)
                key = nil
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        return fields
    }
}
