import Foundation
import Testing

@testable import AuditEvidence

@Suite("The memory a run may count on")
struct ProcessMemoryTests {
    static let gigabytes = 1 << 30

    @Test("the machine's physical memory, unless a cgroup or ulimit allows less")
    func hardLimits() {
        let machine = ProcessMemory.resolve(setting: nil, physical: 24 * Self.gigabytes, controlGroup: [], resource: [])
        #expect(machine == ProcessMemory(bytes: 24 * Self.gigabytes, source: .physical))
        let contained = ProcessMemory.resolve(setting: nil, physical: 24 * Self.gigabytes, controlGroup: [4 * Self.gigabytes], resource: [])
        #expect(contained == ProcessMemory(bytes: 4 * Self.gigabytes, source: .controlGroup))
        let limited = ProcessMemory.resolve(
            setting: nil, physical: 24 * Self.gigabytes, controlGroup: [4 * Self.gigabytes], resource: [2 * Self.gigabytes])
        #expect(limited == ProcessMemory(bytes: 2 * Self.gigabytes, source: .resourceLimit))
        // cgroup v1's "no limit" is a number larger than the machine.
        #expect(ProcessMemory.resolve(setting: nil, physical: 24 * Self.gigabytes, controlGroup: [Int.max & ~4095], resource: []).source == .physical)
    }

    @Test("CXAUDIT_MEMORY replaces the machine's memory, higher or lower, but lifts no hard limit")
    func setting() {
        #expect(
            ProcessMemory.resolve(setting: 48 * Self.gigabytes, physical: 24 * Self.gigabytes, controlGroup: [], resource: [])
                == ProcessMemory(bytes: 48 * Self.gigabytes, source: .setting))
        #expect(ProcessMemory.resolve(setting: Self.gigabytes, physical: 24 * Self.gigabytes, controlGroup: [], resource: []).bytes == Self.gigabytes)
        #expect(
            ProcessMemory.resolve(setting: 48 * Self.gigabytes, physical: 24 * Self.gigabytes, controlGroup: [8 * Self.gigabytes], resource: [])
                .source == .controlGroup)
    }

    @Test(
        "CXAUDIT_MEMORY reads as systemd's MemoryMax does",
        arguments: [
            ("48G", 48 << 30), ("48GB", 48 << 30), ("48GiB", 48 << 30), ("512m", 512 << 20), ("1T", 1 << 40), ("1000000", 1_000_000),
            (" 2K ", 2048),
        ])
    func settingValues(text: String, bytes: Int) {
        #expect(ProcessMemory.bytes(fromSetting: text) == bytes)
    }

    @Test("a value that is no amount is refused before the run, saying what to write", arguments: ["", "lots", "-1G", "0", "4.5G", "9999999999T"])
    func badSettings(text: String) throws {
        #expect(ProcessMemory.bytes(fromSetting: text) == nil)
        let problem = try #require(ProcessMemory.settingProblem(in: ["CXAUDIT_MEMORY": text]))
        #expect(problem == "CXAUDIT_MEMORY='\(text)' is not an amount of memory; write a whole number of bytes, or one with K, M, G or T (e.g. CXAUDIT_MEMORY=48G)")
        #expect(ProcessMemory.settingProblem(in: [:]) == nil)
    }

    @Test("messages name where the amount comes from")
    func descriptions() {
        #expect(ProcessMemory(bytes: 25_276_194_816, source: .physical).description == "the machine's 25.3 GB")
        #expect(ProcessMemory(bytes: 48 << 30, source: .setting).description == "the 51.5 GB CXAUDIT_MEMORY gives")
        #expect(ProcessMemory(bytes: 4 << 30, source: .controlGroup).description == "the 4.3 GB its cgroup allows")
        #expect(ProcessMemory(bytes: 2 << 30, source: .resourceLimit).description == "the 2.1 GB its ulimit allows")
    }

    @Test("this process's memory is known and no more than the machine has")
    func current() {
        #expect(ProcessMemory.current.bytes > 0)
        #expect(ProcessMemory.current.bytes <= Int(clamping: ProcessInfo.processInfo.physicalMemory) || ProcessMemory.current.source == .setting)
    }
}
