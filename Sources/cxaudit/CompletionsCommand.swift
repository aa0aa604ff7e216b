import ArgumentParser

/// `cxaudit completions SHELL`: the completion script for a shell, as people expect to ask
/// for it; the same script as argument-parser's `--generate-completion-script SHELL`.
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            bash: source <(cxaudit completions bash)
            zsh:  cxaudit completions zsh > ~/.zsh/completions/_cxaudit
            fish: cxaudit completions fish > ~/.config/fish/completions/cxaudit.fish
            """)

    @Argument(help: ArgumentHelp("The shell: bash, zsh or fish.", valueName: "shell"), completion: .list(["bash", "zsh", "fish"]))
    var shell: String

    func validate() throws {
        guard CompletionShell(rawValue: shell) != nil else {
            throw ValidationError("'\(shell)' is not a shell cxaudit writes completions for; write bash, zsh or fish")
        }
    }

    func run() {
        guard let shell = CompletionShell(rawValue: shell) else { return }
        print(CXAudit.completionScript(for: shell))
    }
}
