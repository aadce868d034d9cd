// A small command-line argument parser: flags, options with values, positionals.

/// How one option is spelled and whether it takes a value.
public struct OptionSpec: Sendable {
    /// Every spelling, e.g. `["-o", "--output"]`.
    public var names: [String]
    public var takesValue: Bool
    /// May be given more than once (values are collected in order).
    public var repeatable: Bool
    /// The value's placeholder and a one-line help, for `--help`.
    public var valueName: String
    public var help: String

    public init(_ names: [String], value valueName: String? = nil, repeatable: Bool = false, help: String) {
        self.names = names
        self.takesValue = valueName != nil
        self.repeatable = repeatable
        self.valueName = valueName ?? ""
        self.help = help
    }

    /// The canonical name (the longest spelling), used as the key in `ParsedArguments`.
    public var key: String { names.max(by: { $0.count < $1.count }) ?? "" }
}

/// The result of parsing: option values by canonical name, and positionals in order.
public struct ParsedArguments: Sendable {
    public var values: [String: [String]] = [:]
    public var positionals: [String] = []

    /// The last value given for option `key` (canonical long name).
    public func value(_ key: String) -> String? { values[key]?.last }
    /// All values given for a repeatable option.
    public func all(_ key: String) -> [String] { values[key] ?? [] }
    /// Whether a flag was given.
    public func flag(_ key: String) -> Bool { values[key] != nil }
}

/// A usage error: exit code 2.
public struct UsageError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Parses `arguments` against `specs`. Accepts `--name value`, `--name=value`, `-o value`,
/// `--` to end options, and `-` as a positional (standard input/output).
public func parseArguments(_ arguments: [String], specs: [OptionSpec]) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var optionsEnded = false
    func spec(named name: String) -> OptionSpec? { specs.first { $0.names.contains(name) } }
    while index < arguments.count {
        let argument = arguments[index]
        index += 1
        if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
            parsed.positionals.append(argument)
            continue
        }
        if argument == "--" {
            optionsEnded = true
            continue
        }
        var name = argument
        var inlineValue: String?
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            name = String(argument[..<equals])
            inlineValue = String(argument[argument.index(after: equals)...])
        }
        guard let option = spec(named: name) else { throw UsageError("unknown option '\(name)'") }
        if parsed.values[option.key] != nil, !option.repeatable {
            throw UsageError("option '\(name)' given more than once")
        }
        if option.takesValue {
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("option '\(name)' needs a value (\(option.valueName))") }
                value = arguments[index]
                index += 1
            }
            parsed.values[option.key, default: []].append(value)
        } else {
            if inlineValue != nil { throw UsageError("option '\(name)' takes no value") }
            parsed.values[option.key, default: []].append("")
        }
    }
    return parsed
}

/// Renders the options of a command for `--help`.
public func renderOptions(_ specs: [OptionSpec]) -> String {
    let rows = specs.map { spec -> (String, String) in
        let names = spec.names.joined(separator: ", ") + (spec.takesValue ? " " + spec.valueName : "")
        return (names, spec.help)
    }
    let width = (rows.map(\.0.count).max() ?? 0) + 2
    return rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + $0.1 }.joined(separator: "\n")
}
