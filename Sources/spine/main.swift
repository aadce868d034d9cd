// Entry point of the `spine` command-line tool: everything else lives in SpineCLI.

import Foundation
import SpineCLI

let code = CommandLineTool.run(Array(CommandLine.arguments.dropFirst()), io: ProcessIO())
exit(code.rawValue)
