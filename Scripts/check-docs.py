#!/usr/bin/env python3
"""Docs are claims: runs every command transcript of README.md and docs/**/*.md and compares its
output with the output the page shows.

A transcript is a fenced block (no info string, or `console`) whose lines start with `$ `: each
`$ ` line is a command, the lines under it what it prints (standard output and error together,
as a terminal shows them). A shown line `...` or `…` stands for any number of lines, and `…`
within a line for any text (a key's fingerprint, a hash), so a page may show the part that matters. Commands run in order, page by page, in a scratch copy of the
repository's Evidence/, Rulesets/ and docs/, and of the fixture organizations the shipped ruleset
tests audit (a page's later commands see its earlier ones' files), with the cxaudit binary on PATH, CXAUDIT_HOME at the copy, SOURCE_DATE_EPOCH fixed and
no colour. `$?` is the previous command's exit status, as in the terminal the page shows. Paths
of the scratch folder are shown as `.`.

A page may ask the reader to write or change a file between commands, in two forms a reader
follows literally and this script applies literally, in order with the commands:

* a fenced block whose info string is a language and a relative path, ```` ```xml rules/acme.xml ````,
  is a file to save: its text is written to that path (the folder must exist; a page shows the
  `mkdir` it needs);
* a ```` ```diff rules/acme.xml ```` block is an edit of that file: its lines starting with ` `
  or `-` (without that first character) must be consecutive lines of the file, exactly once, and
  are replaced by its lines starting with ` ` or `+`.

    Scripts/check-docs.py [CXAUDIT_BIN]

Pages that are changed along the way in other ways are run by their own tests and listed in
ELSEWHERE with the test that runs them.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ELSEWHERE = {
    "docs/getting-started.md": "GettingStartedTests (edits the register between commands)",
    "docs/evidence-packs.md": "PackCommandTests.tampered (the pack is changed with zipfile before verify)",
}
ELISION = {"...", "…"}
# What a page's commands may read, copied into the scratch folder: Rulesets/*.test.xml audit
# Tests/AuditEngineTests/Fixtures/orgs/every-gap as well as the samples.
COPIED = ("Evidence", "Rulesets", "docs", "Tests/AuditEngineTests/Fixtures/orgs")


class PageError(Exception):
    """A step the page asks for that cannot be applied as written."""


def file_block(fence):
    """(language, path) when a fence's info string names a file to save or edit, else None."""
    words = fence.split()
    if len(words) != 2 or not ("/" in words[1] or "." in words[1]):
        return None
    path = Path(words[1])
    if path.is_absolute() or ".." in path.parts:
        raise PageError(f"```{fence}: a page writes only below the folder it runs in")
    return words[0], words[1]


def transcripts(text):
    """The page's steps, in order: ("run", command, shown output lines), ("write", path, lines)
    for a block to save and ("edit", path, lines) for a diff to apply."""
    steps, fence, command, shown, body = [], None, None, [], []
    for line in text.split("\n"):
        if line.startswith("```"):
            if fence is None:
                fence, body = line[3:].strip(), []
            else:
                if command is not None:
                    steps.append(("run", command, shown))
                target = file_block(fence)
                if target is not None:
                    steps.append(("edit" if target[0] == "diff" else "write", target[1], body))
                fence, command, shown = None, None, []
            continue
        if fence is None:
            continue
        body.append(line)
        if fence not in ("", "console"):
            continue
        if line.startswith("$ "):
            if command is not None:
                steps.append(("run", command, shown))
            command, shown = line[2:], []
        elif command is not None:
            shown.append(line)
    return steps


def edit(text, path, diff):
    """The file's text with the diff's lines replaced; PageError when they are not in it once."""
    for line in diff:
        if line[:1] not in (" ", "-", "+"):
            raise PageError(f"{path}: a diff line starts with ' ', '-' or '+', not {line!r}")
    old = [line[1:] for line in diff if line[:1] in (" ", "-")]
    new = [line[1:] for line in diff if line[:1] in (" ", "+")]
    lines = text.split("\n")
    at = [i for i in range(len(lines) - len(old) + 1) if lines[i:i + len(old)] == old]
    if len(at) != 1:
        raise PageError(f"{path}: the diff's ' ' and '-' lines {'are not' if not at else 'occur more than once'} in the file")
    return "\n".join(lines[:at[0]] + new + lines[at[0] + len(old):])


def matches(shown, output):
    """Whether the output is what the page shows, `...` lines standing for any lines."""
    pattern = ""
    for line in shown:
        if line.strip() in ELISION:
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += "[^\n]*?".join(re.escape(part) for part in line.rstrip().split("…")) + r"\n"
    return re.fullmatch(pattern, "".join(line.rstrip() + "\n" for line in output)) is not None


def main():
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CXAUDIT_BIN", ROOT / ".build/debug/cxaudit")).resolve()
    if not binary.exists():
        sys.exit(f"no cxaudit binary at {binary}; build it (swift build) or pass its path")
    pages = [ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md"))
    failures = checked = 0
    for page in pages:
        name = str(page.relative_to(ROOT))
        try:
            steps = transcripts(page.read_text(encoding="utf-8"))
        except PageError as problem:
            failures += 1
            print(f"FAIL  {name}: {problem}")
            continue
        if not steps:
            continue
        if name in ELSEWHERE:
            print(f"skip  {name}: {sum(kind == 'run' for kind, _, _ in steps)} commands, {ELSEWHERE[name]}")
            continue
        with tempfile.TemporaryDirectory(prefix="cxaudit-docs-") as scratch:
            for folder in COPIED:
                shutil.copytree(ROOT / folder, Path(scratch) / folder)
            environment = dict(os.environ, PATH=f"{binary.parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
                               CXAUDIT_HOME=scratch, SOURCE_DATE_EPOCH="1796025600", NO_COLOR="1", TERM="dumb")
            status = 0
            for kind, target, lines in steps:
                if kind != "run":
                    file = Path(scratch) / target
                    try:
                        if kind == "write":
                            file.write_text("\n".join(lines) + "\n", encoding="utf-8")
                        else:
                            file.write_text(edit(file.read_text(encoding="utf-8"), target, lines), encoding="utf-8")
                    except (OSError, PageError) as problem:
                        failures += 1
                        print(f"FAIL  {name}: cannot {kind} {target}: {problem}")
                        break
                    print(f"ok    {name}: {'wrote' if kind == 'write' else 'edited'} {target}")
                    continue
                command, shown = target, lines
                checked += 1
                # `(exit N)` first, so that `$?` is the previous command's status, as in one terminal;
                # the whole line's standard error with its output, as a terminal shows them.
                run = subprocess.run(["bash", "-c", f"(exit {status}); {{ {command}\n}} 2>&1"], cwd=scratch, env=environment,
                                     capture_output=True, text=True, timeout=300)
                status = run.returncode
                output = run.stdout.replace(scratch, ".").rstrip("\n").split("\n")
                output = [] if output == [""] else output
                while shown and not shown[-1].strip():
                    shown = shown[:-1]
                if matches(shown, output):
                    print(f"ok    {name}: $ {command}")
                else:
                    failures += 1
                    print(f"FAIL  {name}: $ {command}\n  the page shows:\n" + "\n".join(f"    {line}" for line in shown)
                          + "\n  the command printed:\n" + "\n".join(f"    {line}" for line in output))
    print(f"{checked} documented commands run; {failures} failures (a command printing something else than its page"
          " shows, or a file the page writes or edits that could not be)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
