// The `spine` command: dispatch to subcommands, help, version, exit codes.

import Spine
import SpineCore

/// Exit codes of the `spine` command.
public enum ExitCode: Int32, Sendable {
    case success = 0
    /// The conversion or job failed (bad input, I/O, `--strict` with warnings).
    case failure = 1
    /// The command line is wrong.
    case usage = 2
}

/// One subcommand: its name, help text, options and behaviour.
public protocol Command {
    static var name: String { get }
    /// One line for `spine help`.
    static var summary: String { get }
    /// The synopsis line(s) shown first in `--help`.
    static var synopsis: String { get }
    /// The options this command accepts (`--help` is added by the tool).
    static var options: [OptionSpec] { get }
    /// Runs the command; returns the exit code. Usage errors may be thrown as `UsageError`.
    static func run(_ arguments: ParsedArguments, io: CommandIO) throws -> ExitCode
}

/// The `spine` tool: parses the command line and runs one command.
public enum CommandLineTool {
    /// Every command, in the order `spine help` lists them.
    public static var commands: [any Command.Type] { [
        ConvertCommand.self, FormatsCommand.self, CheckCommand.self, CollateCommand.self,
    ] }

    /// Runs `spine` with `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], io: CommandIO) -> ExitCode {
        guard let first = arguments.first else {
            io.writeError(overview)
            return .usage
        }
        switch first {
        case "--version", "-V", "version":
            io.writeStandardOutput(Array(("spine " + Spine.version + "\n").utf8))
            return .success
        case "--help", "-h", "help":
            if arguments.count > 1 {
                guard let command = command(named: arguments[1]) else {
                    io.writeError("spine: unknown command '\(arguments[1])'; see 'spine help'")
                    return .usage
                }
                io.writeStandardOutput(Array((help(for: command) + "\n").utf8))
            } else {
                io.writeStandardOutput(Array((overview + "\n").utf8))
            }
            return .success
        default:
            break
        }
        guard let command = command(named: first) else {
            io.writeError("spine: unknown command '\(first)'; see 'spine help'")
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            io.writeStandardOutput(Array((help(for: command) + "\n").utf8))
            return .success
        }
        do {
            let parsed = try parseArguments(rest, specs: command.options)
            return try command.run(parsed, io: io)
        } catch let error as UsageError {
            io.writeError("spine \(command.name): \(error.message)")
            io.writeError("usage: \(command.synopsis)")
            return .usage
        } catch let error as SpineError {
            io.writeError(error.formatted(file: "spine \(command.name)"))
            return error.kind == .usage ? .usage : .failure
        } catch {
            io.writeError("spine \(command.name): error: \(error)")
            return .failure
        }
    }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }

    /// `spine help` text.
    static var overview: String {
        var lines = [
            "spine \(Spine.version) — requirements across Jira, Confluence, Markdown, CSV and Word",
            "",
            "usage: spine COMMAND [OPTIONS] [ARGS]",
            "",
            "commands:",
        ]
        let width = (commands.map { $0.name.count }.max() ?? 0) + 2
        for command in commands {
            lines.append("  " + command.name + String(repeating: " ", count: width - command.name.count) + command.summary)
        }
        lines += ["", "'spine COMMAND --help' describes a command; 'spine formats' lists the formats.",
                  "exit codes: 0 success, 1 conversion failed, 2 usage error"]
        return lines.joined(separator: "\n")
    }

    static func help(for command: any Command.Type) -> String {
        var text = "usage: " + command.synopsis + "\n\n" + command.summary + "\n"
        let options = command.options + [OptionSpec(["-h", "--help"], help: "show this help")]
        text += "\noptions:\n" + renderOptions(options)
        return text
    }
}

extension ParsedArguments {
    /// The single positional argument, or an error naming what was expected.
    func singlePositional(_ what: String) throws(UsageError) -> String? {
        if positionals.count > 1 { throw UsageError("expected one \(what), got \(positionals.count): \(positionals.joined(separator: " "))") }
        return positionals.first
    }
}
