import Foundation
import InsightCore
import InsightOnboardingInput

/// What `insight onboard` was asked to do.
public struct OnboardingRequest: Sendable {
    public var csvFile: URL
    public var outputFolder: URL
    /// The batch name on sheets and in the manifest (default: the CSV's name and today's date).
    public var batchName: String?
    /// WiFi for rows that give none of their own.
    public var defaultWiFi: WiFiOverride?
    /// Encrypts every package entry with AES-256 when given.
    public var packagePassword: String?
    /// Allows WiFi passwords in unencrypted packages (`--no-encrypt`).
    public var allowUnencrypted: Bool
    public var layout: SheetLayoutChoice
    /// The label formats and thermal stock.
    public var labels: LabelOutput

    public init(
        csvFile: URL, outputFolder: URL, batchName: String? = nil, defaultWiFi: WiFiOverride? = nil,
        packagePassword: String? = nil, allowUnencrypted: Bool = false, layout: SheetLayoutChoice = .a4, labels: LabelOutput = LabelOutput()
    ) {
        self.csvFile = csvFile
        self.outputFolder = outputFolder
        self.batchName = batchName
        self.defaultWiFi = defaultWiFi
        self.packagePassword = packagePassword
        self.allowUnencrypted = allowUnencrypted
        self.layout = layout
        self.labels = labels
    }
}
