import Foundation

/// One figure of a benchmark: what was measured, its value and unit, and the goal if any.
struct Figure: Codable {
    var scenario: String
    var name: String
    var value: Double
    var unit: String
    /// The raw baseline's value for the same work, when the scenario has one.
    var baseline: Double?
    /// Product value divided by baseline value (for rates), or baseline over product (for times).
    var ratio: Double?
    var goal: String?
    var met: Bool?
}

/// Wall-clock seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The value at fraction `p` (0...1) of sorted samples.
func percentile(_ samples: [Double], _ p: Double) -> Double {
    guard !samples.isEmpty else { return 0 }
    let sorted = samples.sorted()
    let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))
    return sorted[index]
}

/// Peak resident set size of this process, in megabytes, from /proc.
func peakResidentMegabytes(pid: Int32? = nil) -> Double {
    let path = pid.map { "/proc/\($0)/status" } ?? "/proc/self/status"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.filter(\.isNumber)
        return (Double(digits) ?? 0) / 1024
    }
    return 0
}

func printTable(_ figures: [Figure]) {
    func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
    print(pad("scenario", 16) + pad("figure", 44) + pad("value", 16) + pad("baseline", 14) + pad("ratio", 9) + "goal")
    for figure in figures {
        let value = String(format: "%.2f %@", figure.value, figure.unit)
        let baseline = figure.baseline.map { String(format: "%.2f", $0) } ?? "-"
        let ratio = figure.ratio.map { String(format: "%.2f", $0) } ?? "-"
        let goal = figure.goal.map { "\($0) \(figure.met == true ? "met" : "NOT met")" } ?? ""
        print(
            pad(figure.scenario, 16) + pad(figure.name, 44) + pad(value, 16) + pad(baseline, 14) + pad(ratio, 9) + goal)
    }
}
