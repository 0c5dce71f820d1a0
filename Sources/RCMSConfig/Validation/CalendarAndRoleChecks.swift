import RCMSYAML

extension TenantValidator {
    mutating func checkCalendars() {
        for (id, entry) in draft.calendars.sorted(by: { $0.key < $1.key }) {
            let calendar = entry.calendar
            checkCountry(calendar.country, context: "calendar '\(id)'")

            if calendar.weekend.isEmpty {
                error(
                    "missing_value", at: entry.mark,
                    "calendar '\(id)' has no weekend rule; add one with 'from' and 'days'")
            }
            var previous: CivilDate?
            for rule in calendar.weekend {
                if let previous, rule.from.value <= previous {
                    error(
                        "unordered_dates", at: rule.from.mark,
                        "weekend rules of calendar '\(id)' must be in date order; \(rule.from.value) is not after \(previous)"
                    )
                }
                previous = rule.from.value
                if rule.days.count >= 7 {
                    error("invalid_value", at: rule.from.mark, "a weekend of seven days leaves no working day")
                }
                var seenDays: Set<Weekday> = []
                for day in rule.days where !seenDays.insert(day.value).inserted {
                    warning("duplicate_id", at: day.mark, "weekend day '\(day.value.rawValue)' is listed twice")
                }
            }

            var holidayDates: [CivilDate: Mark] = [:]
            for holiday in calendar.holidays ?? [] {
                if let first = holidayDates[holiday.date.value] {
                    warning(
                        "duplicate_holiday", at: holiday.date.mark,
                        "holiday \(holiday.date.value) is listed twice in calendar '\(id)' (first at line \(first.line))"
                    )
                }
                holidayDates[holiday.date.value] = holiday.date.mark
            }
            if !(calendar.holidays ?? []).contains(where: { $0.date.value.year == today.year }) {
                warning(
                    "no_current_holidays", at: entry.mark,
                    "calendar '\(id)' lists no holiday in \(today.year); working-day deadlines will count every weekday as a working day"
                )
            }
            for day in calendar.extraWorkingDays ?? [] where holidayDates[day.value] == nil {
                let weekend = calendar.weekend.last { $0.from.value <= day.value }?.days.map(\.value) ?? []
                if !weekend.contains(day.value.weekday) {
                    warning(
                        "redundant_working_day", at: day.mark,
                        "extra working day \(day.value) is neither a weekend day nor a holiday in calendar '\(id)'")
                }
            }
        }
    }

    mutating func checkRoles() {
        checkUnique(draft.roles.map(\.id), kind: "role")
        if !draft.roles.isEmpty && !draft.roles.contains(where: { $0.party.value == .monitor }) {
            error(
                "missing_monitor", at: draft.sectionMarks["roles"] ?? fallbackMark,
                "no role has party 'monitor'; an independent forced-return monitor role is required")
        }
        for role in draft.roles {
            if role.permissions.isEmpty {
                warning("missing_value", at: role.id.mark, "role '\(role.id.value)' has no permission")
            }
            if role.party.value == .monitor {
                let allowed: Set<Permission> = [.caseRead, .auditRead, .holdPlace, .holdLift, .configRead]
                for permission in role.permissions where !allowed.contains(permission.value) {
                    error(
                        "monitor_permission", at: permission.mark,
                        "monitor role '\(role.id.value)' may only read and place or lift holds, not '\(permission.value.rawValue)'"
                    )
                }
            }
        }
    }
}
