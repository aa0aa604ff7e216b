import Foundation
import Testing

/// docs/architecture.md's module graph, checked on the sources: arrows point one way,
/// and C stays in the two modules that wrap it.
@Suite("Architecture: imports follow the module graph")
struct ArchitectureTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// Module → the cxaudit modules it may import (system and package modules aside).
    static let allowed: [String: Set<String>] = [
        "CalendarDates": [],
        "AuditModel": ["CalendarDates"],
        "LibXML": ["CLibXML2", "CalendarDates"],
        "SafeZip": ["SystemZlib"],
        "AuditEvidence": ["AuditModel", "CalendarDates", "LibXML", "SafeZip"],
        "AuditEngine": ["AuditModel", "AuditEvidence", "CalendarDates", "LibXML"],
        "AuditReports": ["AuditModel", "AuditHistory", "CalendarDates"],
        "AuditPacks": ["AuditModel", "SafeZip"],
        "AuditHistory": ["AuditModel", "CalendarDates"],
        "AuditPipeline": ["AuditEngine", "AuditEvidence", "AuditModel", "AuditReports", "AuditHistory", "CalendarDates"],
        "cxaudit": ["AuditPipeline", "AuditEngine", "AuditEvidence", "AuditModel", "AuditReports", "AuditHistory", "AuditPacks", "CalendarDates"],
    ]

    static func imports(of module: String) throws -> Set<String> {
        let folder = sources.appendingPathComponent(module)
        var found = Set<String>()
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                    words[..<index].allSatisfy({ ["public", "internal", "@testable", "@_implementationOnly"].contains($0) })
                else { continue }
                found.insert(words[index + 1])
            }
        }
        return found
    }

    @Test("each module imports only the modules below it", arguments: allowed.keys.sorted())
    func moduleImports(_ module: String) throws {
        let ours = Set(Self.allowed.keys).union(["CLibXML2", "SystemZlib"])
        let imported = try Self.imports(of: module).intersection(ours)
        #expect(imported.isSubset(of: Self.allowed[module] ?? []), "\(module) imports \(imported.subtracting(Self.allowed[module] ?? []).sorted())")
    }

    @Test("every module under Sources/ is in the graph")
    func everyModuleListed() throws {
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { !$0.hasPrefix(".") }
        #expect(Set(modules).subtracting(["CLibXML2", "SystemZlib"]) == Set(Self.allowed.keys))
    }
}
