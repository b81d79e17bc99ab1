import OpenAPIRuntime

/// Picks a response media type from the request's `Accept` header.
enum ContentNegotiation {
    /// The type among `candidates` the client rates highest; on a tie the earlier candidate.
    /// Without an `Accept` header every type counts with q=1, so the first candidate wins.
    static func preferred<ContentType: AcceptableProtocol>(
        _ accept: [AcceptHeaderContentType<ContentType>], among candidates: [ContentType]
    ) -> ContentType {
        let quality = { (type: ContentType) in accept.first { $0.contentType == type }?.quality.doubleValue ?? 0 }
        return candidates.enumerated().max { lhs, rhs in
            quality(lhs.element) != quality(rhs.element) ? quality(lhs.element) < quality(rhs.element) : lhs.offset > rhs.offset
        }!.element
    }
}
