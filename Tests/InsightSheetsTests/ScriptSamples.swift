import InsightSheets

/// Gateway names in the scripts a label must print, each with its script's name.
let scriptSamples: [(script: String, name: String)] = [
    ("Latin", "Gateway Picking-A 01"),
    ("Cyrillic", "Шлюз склада 4"),
    ("Greek", "Πύλη αποθήκης 5"),
    ("Arabic", "بوابة المستودع 1"),
    ("Hebrew", "שער מחסן 3"),
    ("Devanagari", "गेटवे गोदाम 2"),
    ("Thai", "เกตเวย์คลังสินค้า 6"),
    ("Chinese", "仓库网关 7"),
    ("Japanese", "倉庫ゲートウェイ 8"),
    ("Korean", "창고 게이트웨이 9"),
]

/// One label per script sample, each with its own payload.
let scriptLabels: [LabelContent] = scriptSamples.enumerated().map { index, sample in
    LabelContent(qrPayload: "https://insight.example/provisioning#token=script-sample-\(index)-\(sample.script)",
                 title: sample.name, lines: ["Station: \(sample.script)", "Use case: Handheld scanner", "Token expires: 2026-12-27"],
                 fallbackCode: "7KQ2-M9XD-\(2000 + index)")
}
