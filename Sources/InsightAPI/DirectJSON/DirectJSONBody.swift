import Hummingbird
import InsightOpenAPI
import NIOConcurrencyHelpers
import NIOCore

/// A response body large enough that its JSON encoding dominates the request: a page of up to
/// 500 items, or a job analysis. Foundation's `JSONEncoder`, which the OpenAPI runtime uses and
/// offers no way to replace, takes 3 ms for a page of 500 gateways, more than the rest of the
/// request; `StreamingJSONEncoder` writes the same text in a fraction of that.
protocol LargeJSONBody: Encodable, Sendable {
    /// This body without its repeated part (the items, the results): what the runtime encodes
    /// in its place when `DirectJSONBodyMiddleware` writes the body.
    var withoutRepeatedPart: Self { get }
}

/// A page of items: without its repeated part, it is the page without items.
protocol ItemPageBody: LargeJSONBody {
    associatedtype Item
    var items: [Item] { get set }
}

extension ItemPageBody {
    var withoutRepeatedPart: Self {
        var body = self
        body.items = []
        return body
    }
}

extension Components.Schemas.GatewayList: ItemPageBody {}
extension Components.Schemas.EventList: ItemPageBody {}
extension Components.Schemas.DeviceList: ItemPageBody {}
extension Components.Schemas.UserList: ItemPageBody {}

extension Components.Schemas.JobAnalysisResult: LargeJSONBody {
    var withoutRepeatedPart: Self { var body = self; body.results = []; return body }
}

/// Hands a `LargeJSONBody` past the OpenAPI runtime's encoder.
///
/// `DirectJSONBodyMiddleware` gives each request a slot (a task local). A handler passes its
/// body through `DirectJSONBody.prepare`: with a slot, the body is encoded into it and the
/// handler answers the body without its repeated part, which the runtime encodes cheaply (and
/// checks `Accept`, sets the headers); the middleware then puts the slot's bytes in its place.
/// Without a slot (another transport), `prepare` returns the body unchanged.
enum DirectJSONBody {
    @TaskLocal static var slot: Slot?

    /// The encoded body of one request, once a handler prepared it.
    final class Slot: Sendable {
        fileprivate let encoded = NIOLockedValueBox<ByteBuffer?>(nil)
    }

    /// The body for the handler to answer (see the type's description).
    static func prepare<Body: LargeJSONBody>(_ body: Body) throws -> Body {
        guard let slot else { return body }
        let bytes = try StreamingJSONEncoder.encode(body)
        slot.encoded.withLockedValue { $0 = ByteBuffer(bytes: bytes) }
        return body.withoutRepeatedPart
    }
}

/// Gives each request a `DirectJSONBody` slot and, when a handler filled it and the answer is
/// `200 OK`, answers its bytes as the body. It must run inside every middleware that could
/// answer otherwise than the handler did (errors), so that it sees the handler's own answer.
struct DirectJSONBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let slot = DirectJSONBody.Slot()
        var response = try await DirectJSONBody.$slot.withValue(slot) { try await next(request, context) }
        guard response.status == .ok, let encoded = slot.encoded.withLockedValue({ $0 }) else { return response }
        response.headers[.contentLength] = String(encoded.readableBytes)
        response.body = ResponseBody(byteBuffer: encoded)
        return response
    }
}
