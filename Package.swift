// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "cxaudit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cxaudit", targets: ["cxaudit"]),
        .library(name: "AuditEvidence", targets: ["AuditEvidence"]),
        .library(name: "AuditEngine", targets: ["AuditEngine"]),
        .library(name: "AuditPipeline", targets: ["AuditPipeline"]),
        .library(name: "AuditReports", targets: ["AuditReports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "CalendarDates"),
        .target(name: "LibXML", dependencies: ["CLibXML2", "CalendarDates"]),
        .target(name: "AuditModel", dependencies: ["CalendarDates"]),
        // zlib, which ZIPFoundation links on Linux too: SafeZip inflates entries itself (see Inflater).
        .systemLibrary(name: "SystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(name: "SafeZip", dependencies: ["SystemZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Evidence intake: the register, the evidence folder, one adapter per file format and
        // the views rules read (contracts, mappings, conventions).
        .target(
            name: "AuditEvidence",
            dependencies: [
                "AuditModel",
                "CalendarDates",
                "LibXML",
                "SafeZip",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "AuditEngine",
            dependencies: [
                "AuditModel",
                "AuditEvidence",
                "LibXML",
                // The sites file of `sample-sites` (Sites/SitesFile.swift).
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "AuditReports",
            dependencies: [
                "AuditModel",
                // The group report reads the history's group view.
                "AuditHistory",
                "CalendarDates",
                // Insecure.SHA1 for OSCAL's name-based (version 5) UUIDs.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "AuditPacks",
            dependencies: [
                "AuditModel", "SafeZip", .product(name: "Crypto", package: "swift-crypto"),
                // RFC 3161 time-stamp tokens: DER parsing (SwiftASN1) and the TSA's certificate (X509).
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .target(
            name: "AuditHistory",
            dependencies: [
                "AuditModel", "CalendarDates",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The shared store many sites' jobs record into (docs/multi-site.md).
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // One audit as typed stages (load, evaluate, adjudicate, record, render), shared by the
        // commands and testable in process.
        .target(
            name: "AuditPipeline",
            dependencies: ["AuditEngine", "AuditEvidence", "AuditModel", "AuditReports", "AuditHistory", "CalendarDates"]
        ),
        .executableTarget(
            name: "cxaudit",
            dependencies: [
                "AuditPipeline",
                "AuditEngine",
                "AuditEvidence",
                "AuditModel",
                "AuditReports",
                "AuditHistory",
                "AuditPacks",
                "CalendarDates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CalendarDatesTests", dependencies: ["CalendarDates"]),
        .testTarget(name: "AuditModelTests", dependencies: ["AuditModel", "CalendarDates"]),
        .testTarget(name: "LibXMLTests", dependencies: ["LibXML"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AuditEngineTests", dependencies: ["AuditEngine", "AuditEvidence", "AuditModel", "CalendarDates", "LibXML", "SafeZip"], exclude: ["Fixtures"]),
        .testTarget(name: "AuditReportsTests", dependencies: ["AuditReports", "AuditHistory", "AuditModel", "CalendarDates"], exclude: ["Fixtures"]),
        .testTarget(name: "SafeZipTests", dependencies: ["SafeZip", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "AuditPacksTests",
            dependencies: [
                "AuditPacks", "AuditEngine", "AuditEvidence", "AuditModel", "AuditReports", "CalendarDates", "SafeZip", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "X509", package: "swift-certificates"),
            ]),
        .testTarget(name: "AuditPipelineTests", dependencies: ["AuditPipeline", "AuditEngine", "AuditModel", "AuditReports", "CalendarDates"]),
        // What several test targets share: the real programs they check outputs with, and a
        // throwaway PostgreSQL server for the shared history store's tests.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AuditHistoryTests", dependencies: ["AuditHistory", "AuditModel", "AuditReports", "CalendarDates", "TestSupport"]),
        .testTarget(
            name: "CXAuditCLITests", dependencies: ["cxaudit", "AuditHistory", "AuditEvidence", "AuditModel", "TestSupport"], exclude: ["Fixtures"]),
    ]
)

// libFuzzer targets (docs/fuzzing.md), declared only when CXAUDIT_FUZZ is set so that the
// normal build and tests never see them: Scripts/fuzz.sh sets it and builds each with
// `-sanitize=fuzzer,address`.
if Context.environment["CXAUDIT_FUZZ"] != nil {
    package.targets += [
        .target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzDriver", "AuditEngine", "AuditEvidence", "AuditModel", "LibXML", "SafeZip"],
            path: "Fuzz/FuzzSupport"),
    ]
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzRuleset", ["AuditEngine"]),
        ("FuzzRegister", ["AuditEvidence", "AuditModel"]),
        ("FuzzXMLEvidence", ["AuditEvidence", "AuditModel"]),
        ("FuzzCSVEvidence", ["AuditEvidence", "AuditModel"]),
        ("FuzzJSONEvidence", ["AuditEvidence", "AuditModel"]),
        ("FuzzXLSXEvidence", ["AuditEvidence", "AuditModel"]),
        ("FuzzDOCXEvidence", ["AuditEvidence", "AuditModel"]),
        ("FuzzODSEvidence", ["AuditEvidence", "AuditModel"]),
        ("FuzzODTEvidence", ["AuditEvidence", "AuditModel"]),
        ("FuzzPackVerify", ["AuditPacks"]),
    ]
    for (name, dependencies) in fuzzTargets {
        package.targets.append(.executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies, path: "Fuzz/\(name)"))
    }
}

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
