/// One gateway to create, from one valid row of the onboarding CSV.
///
/// All values are checked as ``GatewayCSV`` describes: not empty, trimmed (except a quoted WiFi
/// SSID or password), free of control characters and at most ``GatewayCSV/Limits/maxValueLength``
/// characters long. `name` is unique within its file.
public struct GatewayRow: Equatable, Sendable {
    /// The line on which the row starts, for messages about this gateway later on.
    public let line: Int
    public let name: String
    public let usecase: String
    public let station: String
    /// The row's WiFi settings, or `nil` to use the command-line ones.
    public let wifi: WiFiOverride?

    public init(line: Int, name: String, usecase: String, station: String, wifi: WiFiOverride? = nil) {
        self.line = line
        self.name = name
        self.usecase = usecase
        self.station = station
        self.wifi = wifi
    }
}
