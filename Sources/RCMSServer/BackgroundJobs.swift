import Dispatch
import Foundation
import RCMSConfig
import RCMSCore

/// Periodic jobs of a running server: the deadline sweep (expiry actions such as deemed
/// acceptance) and the retention purge, per tenant. Each run takes a storage advisory lock, so
/// with several servers on one PostgreSQL only one runs a given job at a time; each run writes
/// one log line with the tenant and its outcome, and refreshes the open-case and
/// overdue-deadline gauges.
public final class BackgroundJobs: Sendable {
    public struct Intervals: Sendable {
        /// Seconds between deadline sweeps.
        public var sweep: Int
        /// Seconds between retention runs; 0 turns the job off.
        public var retention: Int

        public init(sweep: Int = 60, retention: Int = 86_400) {
            self.sweep = sweep
            self.retention = retention
        }
    }

    private let environment: APIEnvironment
    private let intervals: Intervals
    private let queue = DispatchQueue(label: "rcms.background-jobs")
    /// Touched only on `queue`, which serialises every access.
    nonisolated(unsafe) private var timers: [DispatchSourceTimer] = []

    public init(environment: APIEnvironment, intervals: Intervals) {
        self.environment = environment
        self.intervals = intervals
    }

    /// Starts the timers; the first sweep runs at once.
    public func start() {
        environment.metrics.registerGauge("rcms_open_cases", help: "Cases not yet closed, per tenant")
        environment.metrics.registerGauge(
            "rcms_overdue_deadlines", help: "Running deadlines whose due date has passed, per tenant")
        var started: [DispatchSourceTimer] = []
        started.append(schedule(every: intervals.sweep) { [self] in sweepAll() })
        if intervals.retention > 0 {
            started.append(schedule(every: intervals.retention, delay: 30) { [self] in retainAll() })
        }
        queue.sync { timers = started }
        environment.logger.info(
            "background jobs started",
            ["sweep_seconds": .int(intervals.sweep), "retention_seconds": .int(intervals.retention)])
    }

    /// Stops the timers and waits for a run in progress to end.
    public func stop() {
        queue.sync {
            for timer in timers { timer.cancel() }
            timers.removeAll()
        }
        environment.logger.info("background jobs stopped", [:])
    }

    private func schedule(
        every seconds: Int, delay: Int = 0, _ work: @escaping @Sendable () -> Void
    )
        -> DispatchSourceTimer
    {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .seconds(delay), repeating: .seconds(max(1, seconds)))
        timer.setEventHandler(handler: work)
        timer.resume()
        return timer
    }

    /// Runs the deadline sweep of every tenant once and refreshes the gauges.
    public func sweepAll(at instant: Instant = .now()) {
        for tenant in environment.tenantIDs {
            let started = Date()
            do {
                let report = try environment.engine.sweepDeadlines(tenant: tenant, at: instant)
                environment.logger.info(
                    "job finished",
                    [
                        "job": "deadline_sweep", "tenant": .string(tenant), "ran": .bool(report.ran),
                        "expired": .int(report.expired), "transitions": .int(report.transitions),
                        "notified": .int(report.notified),
                        "duration_ms": .double(Date().timeIntervalSince(started) * 1000),
                    ])
                try refreshGauges(tenant: tenant, at: instant)
            } catch {
                environment.logger.error(
                    "job failed", ["job": "deadline_sweep", "tenant": .string(tenant), "error": .string("\(error)")])
            }
        }
    }

    private func refreshGauges(tenant: String, at instant: Instant) throws {
        let today = DeadlineCalculator.civilDate(of: instant.date, in: TimeZone(identifier: "UTC")!)
        let (open, overdue) = try environment.storage.read(tenant: tenant) { reader in
            (try reader.countOpenCases(), try reader.countRunningDeadlines(dueBefore: today))
        }
        environment.metrics.setGauge("rcms_open_cases", labels: ["tenant": tenant], value: Double(open))
        environment.metrics.setGauge("rcms_overdue_deadlines", labels: ["tenant": tenant], value: Double(overdue))
    }

    /// Runs the retention rules of every tenant once.
    public func retainAll(at instant: Instant = .now()) {
        guard let store = environment.attachments else {
            environment.logger.warning("job skipped", ["job": "retention", "reason": "no attachment store"])
            return
        }
        let executor = RetentionExecutor(
            storage: environment.storage, files: store.files, versions: environment.versions,
            actor: .operator("server"))
        for tenant in environment.tenantIDs {
            let started = Date()
            do {
                let report = try executor.run(tenant: tenant, now: instant, dryRun: false)
                environment.logger.info(
                    "job finished",
                    [
                        "job": "retention", "tenant": .string(tenant), "ran": .bool(report != nil),
                        "cases": .int(report?.rules.reduce(0) { $0 + $1.removed.count } ?? 0),
                        "duration_ms": .double(Date().timeIntervalSince(started) * 1000),
                    ])
            } catch {
                environment.logger.error(
                    "job failed", ["job": "retention", "tenant": .string(tenant), "error": .string("\(error)")])
            }
        }
    }
}
