import AuditModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The memory this process may count on: the machine's physical memory, or what
/// `CXAUDIT_MEMORY` says instead, and less when a hard limit says so (a container's or
/// systemd unit's cgroup, `ulimit -v` or `ulimit -d`).
///
/// Physical memory rather than the memory free at the moment: the same evidence must be
/// accepted or refused the same way on every run, whatever else the machine is doing.
/// `CXAUDIT_MEMORY` lets the administrator of a machine that does nothing else give
/// cxaudit more of it than the half a view may take by default, or give it less.
public struct ProcessMemory: Sendable, Hashable, CustomStringConvertible {
    /// Where the amount comes from, for messages.
    public enum Source: Sendable, Hashable {
        case physical
        case setting
        case controlGroup
        case resourceLimit
    }

    /// The environment variable that replaces the machine's physical memory.
    public static let settingName = "CXAUDIT_MEMORY"

    /// The amount, in bytes.
    public let bytes: Int
    /// Which of the machine, the setting or a limit gave it.
    public let source: Source

    /// An amount from a known source (tests, and budgets worked out for another machine).
    public init(bytes: Int, source: Source) {
        self.bytes = bytes
        self.source = source
    }

    /// This process's memory, read once.
    public static let current = resolve(
        setting: ProcessInfo.processInfo.environment[settingName].flatMap(bytes(fromSetting:)),
        physical: Int(clamping: ProcessInfo.processInfo.physicalMemory), controlGroup: controlGroupLimits(), resource: resourceLimits())

    /// The memory given the machine's `physical` memory, the `setting` that replaces it and
    /// the hard limits, which no setting lifts.
    static func resolve(setting: Int?, physical: Int, controlGroup: [Int], resource: [Int]) -> ProcessMemory {
        var smallest = setting.map { ProcessMemory(bytes: $0, source: .setting) } ?? ProcessMemory(bytes: physical, source: .physical)
        let limits = controlGroup.map { ProcessMemory(bytes: $0, source: .controlGroup) } + resource.map { ProcessMemory(bytes: $0, source: .resourceLimit) }
        for limit in limits where limit.bytes > 0 && limit.bytes < smallest.bytes {
            smallest = limit
        }
        return smallest
    }

    /// `CXAUDIT_MEMORY`'s value in bytes: a whole number, with `K`, `M`, `G` or `T` for
    /// binary multiples, as systemd's `MemoryMax=` and `docker --memory` read them
    /// (`48G`, `512M`; `GB`, `GiB` and lower case are read the same); nil when it is none.
    public static func bytes(fromSetting text: String) -> Int? {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) {
            digits = digits.dropLast(suffix.count)
            break
        }
        var shift = 0
        if let unit = digits.last, let index = "KMGT".firstIndex(of: unit) {
            shift = 10 * ("KMGT".distance(from: "KMGT".startIndex, to: index) + 1)
            digits = digits.dropLast()
        }
        guard let number = Int(digits), number > 0, number <= Int.max >> shift else { return nil }
        return number << shift
    }

    /// What is wrong with `CXAUDIT_MEMORY` in `environment`, for commands to refuse it
    /// before they start; nil when it is unset or an amount.
    public static func settingProblem(in environment: [String: String]) -> String? {
        guard let value = environment[settingName], bytes(fromSetting: value) == nil else { return nil }
        return "\(settingName)='\(value)' is not an amount of memory; write a whole number of bytes, or one with K, M, G or T (e.g. \(settingName)=48G)"
    }

    /// How the amount reads in a message: "the machine's 25.3 GB", "the 2.1 GB its ulimit allows".
    public var description: String {
        switch source {
        case .physical: return "the machine's \(ByteCount(bytes))"
        case .setting: return "the \(ByteCount(bytes)) \(Self.settingName) gives"
        case .controlGroup: return "the \(ByteCount(bytes)) its cgroup allows"
        case .resourceLimit: return "the \(ByteCount(bytes)) its ulimit allows"
        }
    }

    /// cgroup v2 `memory.max` of this process's group and its parents (a systemd unit's
    /// `MemoryMax`, a container's limit), and cgroup v1's `memory.limit_in_bytes`.
    private static func controlGroupLimits() -> [Int] {
        var files = ["/sys/fs/cgroup/memory/memory.limit_in_bytes"]
        let membership = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        if let line = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") }) {
            var path = String(line.dropFirst(3))
            while true {
                files.append("/sys/fs/cgroup\(path == "/" ? "" : path)/memory.max")
                guard path != "/", !path.isEmpty else { break }
                path = (path as NSString).deletingLastPathComponent
            }
        }
        // "max" (no limit) reads as no number; v1's "no limit", nearly 2^63, as more than any machine.
        return files.compactMap { file in
            (try? String(contentsOfFile: file, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// `ulimit -v` (address space) and `ulimit -d` (data segment), when set.
    private static func resourceLimits() -> [Int] {
        #if canImport(Glibc)
            let resources = [Int32(RLIMIT_AS.rawValue), Int32(RLIMIT_DATA.rawValue)]
        #else
            let resources = [RLIMIT_AS, RLIMIT_DATA]
        #endif
        return resources.compactMap { resource in
            var limit = rlimit()
            #if canImport(Glibc)
                guard getrlimit(__rlimit_resource_t(UInt32(resource)), &limit) == 0 else { return nil }
            #else
                guard getrlimit(resource, &limit) == 0 else { return nil }
            #endif
            // RLIM_INFINITY is all ones on Linux, 2^63 - 1 on macOS.
            return limit.rlim_cur < rlim_t(Int.max) ? Int(limit.rlim_cur) : nil
        }
    }
}
