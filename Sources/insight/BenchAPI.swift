import ArgumentParser
import AsyncHTTPClient
import Foundation
import InsightAPI
import InsightAuth
import InsightCore
import InsightOpenAPI
import InsightProvisioning
import InsightStore
import InsightWireMapping
import NIOCore
import NIOHTTP1
import NIOPosix

/// `insight bench api`: a million events on SQLite (and PostgreSQL), measured through HTTP as a
/// client sees them: import, event pages, a full export, a job analysis, and the gateway list
/// against the floor of reading its rows in plain Python.
struct BenchAPI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Import, list, export and analyse a million events over HTTP; the gateway list against its floor."
    )

    @Option(help: "How many events to import (spread over one day and --gateways gateways).")
    var events: Int = 1_000_000

    @Option(help: "How many gateways the events come from (the job config names them all).")
    var gateways: Int = 50

    @Option(help: ArgumentHelp("Also measure on this PostgreSQL database (it grows by the run).", valueName: "url"))
    var postgres: String?

    func run() async throws {
        print("goals: 500-event page p99 <= 50 ms; full export <= 15 s and <= 200 MB; job analysis of a day of \(gateways) gateways <= 2 s (release=\(BenchOnboard.isRelease ? "yes" : "no"))")
        try await BenchDatabases.each(postgres: postgres) { name, store, location, folder in
            print("== \(name)")
            try await APIBenchmark(store: store, location: location, dataDirectory: folder, eventCount: events, gatewayCount: gateways).run()
        }
    }

    /// What python3 measures, p50s in ms: `floor`, reading the first 500 events of the day and
    /// the customer's first 500 gateways from the database and encoding them as JSON; `served`,
    /// GETting the same two pages from the server (another process, one keep-alive connection).
    struct PythonFigures {
        let floor: (events: Double, gateways: Double)
        let served: (events: Double, gateways: Double)
    }

    /// Runs python3 on the database at `location` and the server at `base` (IdToken `token`),
    /// GETting `paths` (the events page, then the gateways page). Floor and GET take turns, 100
    /// times each, so that both meet the machine in the same state. `nil` when no python3 here
    /// has the database's driver (psycopg2 for PostgreSQL).
    static func pythonFigures(_ location: DatabaseLocation, base: String, token: String, paths: (events: String, gateways: String)) throws -> PythonFigures? {
        let connect: String
        switch location {
        case .sqlite(let path): connect = "import sqlite3\ndb = sqlite3.connect(\(pythonString(path)))\nmark = '?'"
        case .postgres(let url): connect = "import psycopg2\ndb = psycopg2.connect(\(pythonString(url)))\nmark = '%s'"
        }
        let script = connect + """

            import http.client, json, time, urllib.parse
            cursor = db.cursor()
            server = urllib.parse.urlsplit(\(pythonString(base)))
            connection = http.client.HTTPConnection(server.hostname, server.port)
            def floor(query, parameters):
                t = time.perf_counter()
                cursor.execute(query.replace('?', mark), parameters)
                names = [c[0] for c in cursor.description]
                json.dumps({"items": [dict(zip(names, row)) for row in cursor.fetchall()[:500]]})
                return (time.perf_counter() - t) * 1000
            def get(path):
                t = time.perf_counter()
                connection.request("GET", path, headers={"Authorization": \(pythonString(token))})
                response = connection.getresponse()
                response.read()
                if response.status != 200: raise SystemExit("GET %s answered %d" % (path, response.status))
                return (time.perf_counter() - t) * 1000
            def p50(samples): return sorted(samples)[len(samples) // 2]
            cursor.execute("SELECT customer_id FROM events LIMIT 1")
            customer = cursor.fetchone()[0]
            cursor.execute("SELECT min(created) FROM events WHERE customer_id = ?".replace('?', mark), (customer,))
            start = cursor.fetchone()[0]
            lists = [
                ("SELECT * FROM events WHERE customer_id = ? AND created >= ? AND created <= ? ORDER BY created, id LIMIT 501", (customer, start, start + 86400000), \(pythonString(paths.events))),
                ("SELECT * FROM gateways WHERE customer_id = ? ORDER BY created, id LIMIT 501", (customer,), \(pythonString(paths.gateways))),
            ]
            for query, parameters, path in lists:
                floors, served = [], []
                for _ in range(100):
                    floors.append(floor(query, parameters))
                    served.append(get(path))
                print(p50(floors), p50(served))
            """
        // Debian's python3 has Debian's psycopg2; another python3 first on PATH may lack it.
        for python in ["/usr/bin/python3", "python3"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python, "-c", script]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let medians = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
            if process.terminationStatus == 0, medians.count == 4 {
                return PythonFigures(floor: (medians[0], medians[2]), served: (medians[1], medians[3]))
            }
        }
        return nil
    }

    /// `text` as a Python string literal.
    private static func pythonString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}

/// The measurements of `insight bench api` on one store.
struct APIBenchmark {
    let store: SQLStore
    /// Where `store` keeps its data, for the floor to read the same rows.
    let location: DatabaseLocation
    let dataDirectory: URL
    let eventCount: Int
    let gatewayCount: Int
    /// The day the events fall in.
    let dayStart: Int64 = 1_767_225_600_000

    func run() async throws {
        let accounts = AccountService(customers: store, users: store)
        let admin = try await accounts.ensureUser(customer: .new, email: "bench@example.com", role: .admin)
        let principal = Principal(userID: admin.id, customerID: admin.customerID, email: admin.email, roles: admin.roles)
        let gatewayService = GatewayService(store: store)
        let eventGateways = try await gatewayService.bulkCreate(
            principal, customerID: admin.customerID, drafts: (0..<gatewayCount).map { GatewayDraft(name: "EV-\($0)", usecase: "Picking", station: "S\($0 % 12)") }
        )
        _ = try await gatewayService.bulkCreate(
            principal, customerID: admin.customerID, drafts: (0..<500).map { GatewayDraft(name: "GW-\($0)", usecase: "Picking", station: "Station \($0 % 12)") }
        )
        try await importEvents(customerID: admin.customerID, gateways: eventGateways.map { $0.id.lowercasedString })
        // A day's events arrive over a day, and autovacuum keeps up with them; a million arriving
        // in a minute would have it at work during the measurements that follow.
        try await store.settleEventsAfterBulkLoad()

        let secrets = try await SharedSecrets.open(store, dataDirectory: dataDirectory, masterKeyFile: nil).secrets
        let issuer = try await TokenIssuer.load(secrets: secrets)
        let provisioning = try await ProvisioningService.onSharedState(secrets, gateways: store, store: store, settings: ProvisioningSettings(publicURL: "http://127.0.0.1"))
        let server = InsightServer(store: store, verifier: issuer.verifier, provisioning: provisioning)
        let token = try await issuer.issue(for: admin)
        try await server.withLoopback { url in
            let http = BenchHTTP(base: url.absoluteString, token: token)
            let customer = "/\(admin.customerID)"
            let events = try await measurePages(http, path: "\(customer)/events?start_time_millis=\(dayStart)&end_time_millis=\(dayStart + 86_400_000)&limit=500", label: "events: 500-event page (200 consecutive pages)")
            let gateways = try await measurePages(http, path: "\(customer)/gateways?limit=500", label: "gateways: 500-gateway page", pages: 1, repeats: 50)
            let parts = try await measureListParts(customerID: admin.customerID)
            let paths = (
                events: "\(customer)/events?start_time_millis=\(dayStart)&end_time_millis=\(dayStart + 86_400_000)&limit=500",
                gateways: "\(customer)/gateways?limit=500"
            )
            // Off Swift's two cooperative threads, which serve python's requests meanwhile.
            let python = try? await NIOThreadPool.singleton.runIfActive { [location = self.location, base = url.absoluteString] in
                try BenchAPI.pythonFigures(location, base: base, token: token, paths: paths)
            }
            compareWithFloor(python, servedInProcess: (events.percentile(0.5), gateways.percentile(0.5)), readAndEncoded: parts)
            try await measureExport(http, customer: customer)
            try await measureJobAnalysis(http, customer: customer, gatewayIDs: eventGateways.map { $0.id.lowercasedString })
        }
    }

    /// Ingests the events through the use case `insight events import` calls, 5,000 per batch.
    private func importEvents(customerID: String, gateways: [String]) async throws {
        let ingest = EventIngest(gateways: store, events: store)
        let spacing = max(1, 86_400_000 / Int64(eventCount))
        let started = ContinuousClock.now
        var stored = 0
        for batchStart in stride(from: 0, to: eventCount, by: 5_000) {
            let payloads = (batchStart..<min(eventCount, batchStart + 5_000)).map { index in
                let step = index / gateways.count % 10
                let code = step == 0 ? "JOB-START-\(index)" : step == 9 ? "JOB-END-\(index)" : "ITEM-\(index % 997)"
                return Data("""
                    {"id":"\(UUID().lowercasedString)","class":"event","type":"scan","created":\(dayStart + Int64(index) * spacing),"scan_code":"\(code)","scan_duration":2.34,"scan_decode_symbology":"QR_CODE","device_id":"M2MR\(100_000 + index % 300)","device_battery":\(index % 101),"device_firmware":"1.4.2","device_temperature":31.5,"gateway_id":"\(gateways[index % gateways.count])","metrics_worker_steps":1}
                    """.utf8)
            }
            stored += try await ingest.ingest(payloads, customerID: customerID).stored
        }
        let seconds = seconds(since: started)
        print(String(format: "import: %d events in %.1f s, %.0f events/s (EventIngest, 5,000 per transaction)", stored, seconds, Double(stored) / seconds))
    }

    /// GETs `pages` consecutive pages from `path`, following `links.next`, `repeats` times.
    private func measurePages(_ http: BenchHTTP, path: String, label: String, pages: Int = 200, repeats: Int = 1) async throws -> Samples {
        var samples: [Double] = []
        for _ in 0..<repeats {
            var next: String? = path
            for _ in 0..<pages {
                guard let current = next else { break }
                let started = ContinuousClock.now
                let body = try await http.get(current)
                samples.append(seconds(since: started) * 1000)
                next = (try JSONSerialization.jsonObject(with: body) as? [String: Any]).flatMap { ($0["links"] as? [String: Any])?["next"] as? String }
            }
        }
        let summary = Samples(samples)
        print(summary.summary(label))
        return summary
    }

    /// Prints the floor (measured now: the machine's load drifts, and figures taken minutes apart
    /// compare badly) beside the same work here and the ratios.
    private func compareWithFloor(
        _ python: BenchAPI.PythonFigures?, servedInProcess: (events: Double, gateways: Double), readAndEncoded: (events: Double, gateways: Double)
    ) {
        guard let python else {
            print("floor: not measured (python3 with psycopg2 is needed for PostgreSQL: apt-get install python3-psycopg2)")
            return
        }
        for (list, floor, read, served, inProcess) in [
            ("events", python.floor.events, readAndEncoded.events, python.served.events, servedInProcess.events),
            ("gateways", python.floor.gateways, readAndEncoded.gateways, python.served.gateways, servedInProcess.gateways),
        ] {
            print(String(
                format: "%@ floor (python3 reads 500 rows, encodes JSON): p50 %.2f ms; read and encoded here %.2f ms = %.2f×; served over HTTP to python3 (taking turns with the floor) %.2f ms = %.2f× (goal <= 1.5×); to the client in this process %.2f ms",
                list, floor, read, read / floor, served, served / floor, inProcess
            ))
        }
    }

    /// What the floor does, in this process, for the first 500 events of the day and the first
    /// 500 gateways: the store reads the rows, then they are mapped and encoded as the server
    /// does (`StreamingJSONEncoder`); Foundation's `JSONEncoder` (as the OpenAPI runtime would
    /// encode) is timed beside it. Answers the p50s of read + encode (ms).
    private func measureListParts(customerID: String) async throws -> (events: Double, gateways: Double) {
        let day = EventQuery(start: Timestamp(rawValue: dayStart), end: Timestamp(rawValue: dayStart + 86_400_000))
        let events = try await measureParts("events", read: {
            try await store.events(customerID: customerID, query: day, after: nil, limit: 500).items
        }, wire: { events, _ in Components.Schemas.EventList(items: events.map { .init($0) }, links: .init(), metadata: .init()) })
        let gateways = try await measureParts("gateways", read: {
            try await store.gateways(customerID: customerID, page: try PageRequest(limit: 500, after: nil)).items
        }, wire: { gateways, now in Components.Schemas.GatewayList(items: gateways.map { .init($0, at: now) }, links: .init(), metadata: .init()) })
        return (events, gateways)
    }

    /// Times `read` and the encoding of its items as `wire` maps them, 50 times; prints the
    /// figures and answers the p50 of read + streaming encode (ms).
    private func measureParts<Item, Body: Encodable>(
        _ label: String, read: () async throws -> [Item], wire: ([Item], Timestamp) -> Body
    ) async throws -> Double {
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var reading: [Double] = [], streaming: [Double] = [], foundationEncoding: [Double] = [], both: [Double] = []
        for _ in 0..<50 {
            let started = ContinuousClock.now
            let items = try await read()
            reading.append(seconds(since: started) * 1000)
            let encodingStarted = ContinuousClock.now
            _ = try StreamingJSONEncoder.encode(wire(items, Timestamp(Date())))
            streaming.append(seconds(since: encodingStarted) * 1000)
            both.append(seconds(since: started) * 1000)
            let foundationStarted = ContinuousClock.now
            _ = try foundation.encode(wire(items, Timestamp(Date())))
            foundationEncoding.append(seconds(since: foundationStarted) * 1000)
        }
        print(Samples(reading).summary("\(label): the store reads 500"))
        print(Samples(streaming).summary("\(label): 500 mapped and encoded (StreamingJSONEncoder, as served)"))
        print(Samples(foundationEncoding).summary("\(label): 500 mapped and encoded by Foundation's JSONEncoder (for comparison)"))
        return Samples(both).percentile(0.5)
    }

    private func measureExport(_ http: BenchHTTP, customer: String) async throws {
        let residentBefore = Memory.residentMegabytes()
        Memory.resetPeak()
        let started = ContinuousClock.now
        let answer = try await http.get("\(customer)/events/export?start_time_millis=\(dayStart)&end_time_millis=\(dayStart + 86_400_000)")
        let written = seconds(since: started)
        let link = try (JSONSerialization.jsonObject(with: answer) as? [String: Any])?["download_link"] as? String ?? ""
        let downloadStarted = ContinuousClock.now
        let components = URLComponents(string: link)
        let bytes = try await http.download((components?.path ?? "") + "?" + (components?.percentEncodedQuery ?? ""))
        print(String(
            format: "export: %d events written in %.1f s, %.0f MB downloaded in %.1f s; peak memory %.0f MB (%.0f MB above the %.0f MB before)",
            eventCount, written, Double(bytes) / 1e6, seconds(since: downloadStarted), Memory.peakMegabytes(), Memory.peakMegabytes() - residentBefore, residentBefore
        ))
    }

    private func measureJobAnalysis(_ http: BenchHTTP, customer: String, gatewayIDs: [String]) async throws {
        let config = try JSONSerialization.data(withJSONObject: ["job_name": "Bench", "start_barcode": "JOB-START", "end_barcode": "JOB-END", "gateway_ids": gatewayIDs])
        let created = try JSONSerialization.jsonObject(with: try await http.post("\(customer)/job-configs", body: config)) as? [String: Any]
        let request = try JSONSerialization.data(withJSONObject: [
            "job_config_id": created?["job_config_id"] as? String ?? "", "start_time": dayStart, "end_time": dayStart + 86_400_000,
        ])
        var samples: [Double] = []
        var jobs = 0
        for _ in 0..<3 {
            let started = ContinuousClock.now
            let body = try await http.post("\(customer)/job-analysis", body: request)
            samples.append(seconds(since: started) * 1000)
            // Counted in the bytes: parsing 13 MB into Foundation objects would cost this process
            // hundreds of MB, which the export's memory figure would then carry.
            jobs = body.split(separator: UInt8(ascii: "{"), omittingEmptySubsequences: true).count { $0.starts(with: Data("\"end_event_id\"".utf8)) }
        }
        print(Samples(samples).summary("job analysis: one day of \(gatewayIDs.count) gateways, \(jobs) jobs"))
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Timings in milliseconds, summarised as a client would report them.
struct Samples {
    let sorted: [Double]

    init(_ samples: [Double]) { sorted = samples.sorted() }

    func percentile(_ p: Double) -> Double {
        sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
    }

    func summary(_ label: String) -> String {
        String(format: "%@: p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", label, percentile(0.5), percentile(0.99), sorted.last ?? .nan, sorted.count)
    }
}

/// The process's resident memory from /proc (Linux).
enum Memory {
    static func residentMegabytes() -> Double { field("VmRSS") }
    static func peakMegabytes() -> Double { field("VmHWM") }

    /// Resets the peak (VmHWM) to the current resident size (Linux 4.0+).
    static func resetPeak() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }

    private static func field(_ name: String) -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("\(name):") } ?? ""
        return Double(line.split(separator: " ").dropFirst().first ?? "").map { $0 / 1024 } ?? .nan
    }
}

/// GET and POST on the benchmarked server with an IdToken, bodies read whole.
struct BenchHTTP {
    let base: String
    let token: String

    func get(_ path: String) async throws -> Data { try await send(path, method: .GET, body: nil) }
    func post(_ path: String, body: Data) async throws -> Data { try await send(path, method: .POST, body: body) }

    /// Streams a (public) download and counts its bytes without keeping them.
    func download(_ path: String) async throws -> Int {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + path), timeout: .seconds(300))
        var count = 0
        for try await part in response.body { count += part.readableBytes }
        return count
    }

    private func send(_ path: String, method: HTTPMethod, body: Data?) async throws -> Data {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: token)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(300))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw CommandFailure("\(method.rawValue) \(path) answered \(response.status.code): \(String(buffer: bytes))")
        }
        return Data(buffer: bytes)
    }
}
