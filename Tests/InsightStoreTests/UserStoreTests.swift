import Foundation
import InsightCore
import InsightStore
import InsightTestSupport
import Testing

/// Users and consents on both engines: case-insensitive emails, the last administrator under
/// concurrency, deletes that take the user's consents along.
@Suite("User store")
struct UserStoreTests {
    @Test("emails are unique per customer regardless of case, and found in any case", arguments: TestDatabase.allCases)
    func emailsIgnoreCase(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let ann = makeUser("Ann.Lee@Example.com", in: customer)
            try await store.insert(ann)
            #expect(try await store.user(email: "ann.lee@example.COM", customerID: customer.id) == ann)
            let error = await #expect(throws: InsightError.self) { try await store.insert(makeUser("ann.lee@example.com", in: customer)) }
            #expect(error?.kind == .conflict)
            // Non-ASCII letters fold too, the same on both engines (SQLite's lower() would not).
            try await store.insert(makeUser("JÖRG@example.com", in: customer))
            let folded = await #expect(throws: InsightError.self) { try await store.insert(makeUser("jörg@example.com", in: customer)) }
            #expect(folded?.kind == .conflict)
        }
    }

    @Test("two administrators demoting or deleting each other at once leave one administrator", arguments: TestDatabase.allCases)
    func lastAdministratorUnderConcurrency(database: TestDatabase) async throws {
        try await withStore(database) { store, _ in
            for round in 0..<6 {
                // A customer of its own per round, with exactly two administrators.
                let customer = Customer(id: UUID().uuidString.lowercased(), name: "Round \(round)", created: Timestamp(Date()))
                try await store.insert(customer)
                var first = makeUser("first-\(round)@example.com", in: customer, role: .admin)
                var second = makeUser("second-\(round)@example.com", in: customer, role: .admin)
                try await store.insert(first)
                try await store.insert(second)
                first.roles = [.user]
                second.roles = [.user]
                let (demotedFirst, removedSecond) = (first, second)
                let outcomes = await withTaskGroup(of: Bool.self) { group in
                    group.addTask { (try? await store.update(demotedFirst)) != nil }
                    group.addTask {
                        // Every other round the second one is deleted instead of demoted.
                        round.isMultiple(of: 2)
                            ? (try? await store.update(removedSecond)) != nil
                            : (try? await store.deleteUser(id: removedSecond.id, customerID: customer.id)) != nil
                    }
                    return await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 }.count == 1, "round \(round): \(outcomes)")
                #expect(try await administrators(of: customer, in: store).count == 1, "round \(round)")
            }
        }
    }

    @Test("the last administrator is neither demoted nor deleted; others are", arguments: TestDatabase.allCases)
    func lastAdministrator(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            var admin = makeUser("admin@example.com", in: customer, role: .admin)
            let reader = makeUser("reader@example.com", in: customer, role: .user)
            try await store.insert(admin)
            try await store.insert(reader)
            admin.roles = [.user]
            let demote = await #expect(throws: InsightError.self) { try await store.update(admin) }
            #expect(demote?.kind == .conflict)
            let delete = await #expect(throws: InsightError.self) { try await store.deleteUser(id: admin.id, customerID: customer.id) }
            #expect(delete?.kind == .conflict)
            try await store.deleteUser(id: reader.id, customerID: customer.id)
            #expect(try await store.user(id: reader.id, customerID: customer.id) == nil)
            let missing = await #expect(throws: InsightError.self) { try await store.deleteUser(id: reader.id, customerID: customer.id) }
            #expect(missing?.kind == .notFound)
            #expect(try await store.user(id: admin.id, customerID: customer.id)?.roles == [.admin])
        }
    }

    @Test("ensureUser (insight token) registers a missing user, finds one in any case, and refuses another role, a bad email or an unknown customer", arguments: TestDatabase.allCases)
    func ensureUser(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let accounts = AccountService(customers: store, users: store)
            let first = try await accounts.ensureUser(customer: .existing(customer.id), email: "Boss@Example.com", role: .admin)
            #expect(try await store.user(id: first.id, customerID: customer.id) == first)
            #expect(try await accounts.ensureUser(customer: .existing(customer.id), email: "boss@example.com", role: .admin) == first)
            let otherRole = await #expect(throws: InsightError.self) { try await accounts.ensureUser(customer: .existing(customer.id), email: "boss@example.com", role: .user) }
            #expect(otherRole?.kind == .conflict)
            let badEmail = await #expect(throws: InsightError.self) { try await accounts.ensureUser(customer: .existing(customer.id), email: "boss at example", role: .admin) }
            #expect(badEmail?.kind == .badRequest)
            let unknown = await #expect(throws: InsightError.self) { try await accounts.ensureUser(customer: .existing(UUID().uuidString), email: "a@example.com", role: .admin) }
            #expect(unknown?.kind == .notFound)
            let fresh = try await accounts.ensureUser(customer: .new, email: "boss@example.com", role: .admin)
            #expect(fresh.customerID != customer.id && fresh.id != first.id, "a new customer, a user of its own")
        }
    }

    @Test("consents: a version is recorded once, the latest per type is found, and a deleted user's go too", arguments: TestDatabase.allCases)
    func consents(database: TestDatabase) async throws {
        try await withStore(database) { store, customer in
            let admin = makeUser("admin@example.com", in: customer, role: .admin)
            let user = makeUser("user@example.com", in: customer, role: .user)
            try await store.insert(admin)
            try await store.insert(user)
            func consent(_ type: ConsentType, _ version: String, at millis: Int64) -> Consent {
                Consent(customerID: customer.id, userID: user.id, type: type, version: version, agreedOn: Timestamp(rawValue: millis))
            }
            try await store.insert([consent(.privacyPolicy, "1.0.0", at: 1000), consent(.termsAndConditions, "2.0.0", at: 1000)])
            try await store.insert([consent(.privacyPolicy, "1.1.0", at: 2000), consent(.privacyPolicy, "1.0.0", at: 3000)])
            let all = try await store.consents(userID: user.id, customerID: customer.id)
            #expect(all == [consent(.privacyPolicy, "1.0.0", at: 1000), consent(.termsAndConditions, "2.0.0", at: 1000), consent(.privacyPolicy, "1.1.0", at: 2000)])
            let latest = try await store.latestConsents(userIDs: [user.id, admin.id], customerID: customer.id)
            #expect(latest == [user.id: [.privacyPolicy: consent(.privacyPolicy, "1.1.0", at: 2000), .termsAndConditions: consent(.termsAndConditions, "2.0.0", at: 1000)]])
            #expect(try await store.consents(userID: user.id, customerID: UUID().uuidString).isEmpty)

            try await store.deleteUser(id: user.id, customerID: customer.id)
            #expect(try await store.consents(userID: user.id, customerID: customer.id).isEmpty)
        }
    }
}

private func makeUser(_ email: String, in customer: Customer, role: Role = .user) -> User {
    let now = Timestamp(Date())
    return User(
        id: UUID().uuidString.lowercased(), customerID: customer.id, email: email, firstName: "F", lastName: "L",
        roles: [role], created: now, lastUpdated: now
    )
}

private func administrators(of customer: Customer, in store: SQLStore) async throws -> [User] {
    try await store.users(customerID: customer.id, page: PageRequest(limit: 500, nextToken: nil)).items.filter { $0.roles.contains(.admin) }
}
