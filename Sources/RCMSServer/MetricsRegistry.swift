import Foundation
import Synchronization

/// Counters, a latency histogram and gauges, rendered in the Prometheus text format.
///
/// The server counts requests by route template and status; other layers set gauges, such as
/// open cases per tenant, through `setGauge`.
public final class MetricsRegistry: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    public static let latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct RequestKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private struct Histogram {
        var counts = [Int](repeating: 0, count: MetricsRegistry.latencyBuckets.count)
        var sum = 0.0
        var count = 0
    }

    private struct Gauge {
        var help: String
        var values: [[String: String]: Double] = [:]
    }

    private struct State {
        var requests: [RequestKey: Int] = [:]
        var latency: [String: Histogram] = [:]
        var gauges: [String: Gauge] = [:]
    }

    private let state = Mutex(State())

    public init() {
        registerGauge("rcms_open_cases", help: "Cases not in a terminal state, per tenant")
        registerGauge("rcms_overdue_deadlines", help: "Running deadlines past their due date, per tenant")
    }

    /// Counts one completed request; `route` is the template, never the raw path.
    public func observeRequest(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.latency[route] ?? Histogram()
            for (index, bound) in Self.latencyBuckets.enumerated() where seconds <= bound {
                histogram.counts[index] += 1
            }
            histogram.sum += seconds
            histogram.count += 1
            state.latency[route] = histogram
        }
    }

    /// Declares a gauge so it is listed (with its help text) even before it has a value.
    public func registerGauge(_ name: String, help: String) {
        state.withLock { state in
            if state.gauges[name] == nil { state.gauges[name] = Gauge(help: help) }
        }
    }

    /// Sets a gauge's value for one label set, such as `["tenant": "de-pk"]`.
    public func setGauge(_ name: String, labels: [String: String] = [:], value: Double) {
        state.withLock { state in
            state.gauges[name, default: Gauge(help: name)].values[labels] = value
        }
    }

    /// Returns the current value of a gauge, for tests and health checks.
    public func gauge(_ name: String, labels: [String: String] = [:]) -> Double? {
        state.withLock { $0.gauges[name]?.values[labels] }
    }

    /// Everything in the Prometheus text exposition format, version 0.0.4.
    public func render() -> String {
        let snapshot = state.withLock { $0 }
        var lines: [String] = []

        lines.append("# HELP rcms_http_requests_total HTTP requests answered, by method, route template and status")
        lines.append("# TYPE rcms_http_requests_total counter")
        for (key, count) in snapshot.requests.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            let labels = Self.labels(["method": key.method, "route": key.route, "status": String(key.status)])
            lines.append("rcms_http_requests_total\(labels) \(count)")
        }

        lines.append("# HELP rcms_http_request_duration_seconds Time from a complete request to its answer")
        lines.append("# TYPE rcms_http_request_duration_seconds histogram")
        for (route, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            for (index, bound) in Self.latencyBuckets.enumerated() {
                let labels = Self.labels(["route": route, "le": Self.number(bound)])
                lines.append("rcms_http_request_duration_seconds_bucket\(labels) \(histogram.counts[index])")
            }
            let all = Self.labels(["route": route, "le": "+Inf"])
            lines.append("rcms_http_request_duration_seconds_bucket\(all) \(histogram.count)")
            let routeOnly = Self.labels(["route": route])
            lines.append("rcms_http_request_duration_seconds_sum\(routeOnly) \(Self.number(histogram.sum))")
            lines.append("rcms_http_request_duration_seconds_count\(routeOnly) \(histogram.count)")
        }

        for (name, gauge) in snapshot.gauges.sorted(by: { $0.key < $1.key }) {
            lines.append("# HELP \(name) \(gauge.help)")
            lines.append("# TYPE \(name) gauge")
            for (labels, value) in gauge.values.sorted(by: { Self.labels($0.key) < Self.labels($1.key) }) {
                lines.append("\(name)\(Self.labels(labels)) \(Self.number(value))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func labels(_ labels: [String: String]) -> String {
        if labels.isEmpty { return "" }
        let parts = labels.sorted { $0.key < $1.key }.map { key, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\""
            )
            .replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(escaped)\""
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
