import Foundation
import Testing

/// docs/man/cxaudit.1, as Scripts/generate-manual.sh leaves it: current with the commands,
/// and free of the blank lines mdoc warns about.
@Suite("The manual page")
struct ManualPageTests {
    @Test("every command is in the manual page, and no blank line makes man warn")
    func current() throws {
        let page = try String(contentsOf: CheckCommandTests.repository.appendingPathComponent("docs/man/cxaudit.1"), encoding: .utf8)
        let help = try CheckCommandTests.run(["--help"]).stdout
        // A command's line starts with two spaces; its help's continuation lines with more.
        let commands = help.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.compactMap { $0.split(separator: " ").first.map(String.init) }.filter { $0.allSatisfy(\.isLowercase) } ?? []
        #expect(commands.count >= 10, "\(help)")
        for command in commands {
            #expect(page.contains(".It Em \(command)\n"), "the manual page lacks \(command); run Scripts/generate-manual.sh")
        }
        #expect(!page.components(separatedBy: "\n").dropLast().contains(""), "a blank line: run Scripts/generate-manual.sh")
    }
}
